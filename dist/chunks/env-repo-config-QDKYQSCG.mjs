import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-JKRYE3DF.mjs";
import "./chunk-MYMTAKXC.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-L2LPWQG3.mjs";
import "./chunk-46DNWRYD.mjs";
import "./chunk-WWSMVM2U.mjs";
import "./chunk-CVU5WLYD.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
