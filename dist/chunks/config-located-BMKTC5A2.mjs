import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-HIENC4X2.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-MYMTAKXC.mjs";
import "./chunk-L2LPWQG3.mjs";
import "./chunk-46DNWRYD.mjs";
import "./chunk-WWSMVM2U.mjs";
import "./chunk-CVU5WLYD.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
