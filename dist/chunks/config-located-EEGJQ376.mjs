import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-PUZ2TJDK.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-CY3IHFLK.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-MLTHUEAN.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
