import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-7E5F4IVN.mjs";
import "./chunk-6NXX7UL6.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-WWGQICJ5.mjs";
import "./chunk-N3UI7WBC.mjs";
import "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
