import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-MPTL7S22.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-WIWLHIH4.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-GWF6KBEG.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
