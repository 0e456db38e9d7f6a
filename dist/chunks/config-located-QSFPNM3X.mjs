import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-3WT4FK6T.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-5F7JPQL4.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-GWF6KBEG.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
