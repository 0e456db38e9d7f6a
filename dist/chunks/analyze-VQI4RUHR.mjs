import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-Y2URY2QY.mjs";
import "./chunk-P37UKXBR.mjs";
import {
  parseDuration
} from "./chunk-QGZTS5K5.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-MHK2MH5E.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-N35EENAF.mjs";
import "./chunk-7XSYBDJB.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-HUV67FXE.mjs";
import "./chunk-FU3D23PY.mjs";
import "./chunk-KKWRLHYB.mjs";
import "./chunk-CX6TJXTD.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ONOTEMMT.mjs";
import "./chunk-56U3G7UT.mjs";
import "./chunk-4VVGU7GO.mjs";
import "./chunk-QNVVFN4A.mjs";
import "./chunk-XB4RJEDM.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
