import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-BLO2I4UE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-GVHNWGRB.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
