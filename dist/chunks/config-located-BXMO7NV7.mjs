import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-OKH46424.mjs";
import "./chunk-LMDBZRWM.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-L7KM3ZFQ.mjs";
import "./chunk-S2OUAEDI.mjs";
import "./chunk-KI4S27RC.mjs";
import "./chunk-XLTZMVS4.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
