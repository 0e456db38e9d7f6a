import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-BZVV6NGY.mjs";
import "./chunk-5YSBLP7M.mjs";
import "./chunk-VYFBW734.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-GWF6KBEG.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
