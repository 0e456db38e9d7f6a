import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-TGNFDR6G.mjs";
import "./chunk-UGYO4QBV.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-L7KM3ZFQ.mjs";
import "./chunk-S2OUAEDI.mjs";
import "./chunk-KI4S27RC.mjs";
import "./chunk-XLTZMVS4.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
