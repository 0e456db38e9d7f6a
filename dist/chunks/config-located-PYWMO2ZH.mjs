import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-5ECZMQ4D.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-GHF65MKY.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-BRWC3FI3.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
