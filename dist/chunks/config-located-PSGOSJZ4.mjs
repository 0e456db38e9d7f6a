import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-UDBKSODY.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-S33P2QZ4.mjs";
import "./chunk-CGSXFA5V.mjs";
import "./chunk-Y4D4ZDLF.mjs";
import "./chunk-G6QK43UO.mjs";
import "./chunk-AYK5X3UN.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
