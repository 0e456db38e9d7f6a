import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-LHD7IGNP.mjs";
import "./chunk-FPHI3UK4.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-AZT5NQGW.mjs";
import "./chunk-IINOOR3S.mjs";
import "./chunk-XFA7WSEW.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
