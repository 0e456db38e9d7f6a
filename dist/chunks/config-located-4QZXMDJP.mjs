import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-3V4NLYFH.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-5SIEUU36.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-BRWC3FI3.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
