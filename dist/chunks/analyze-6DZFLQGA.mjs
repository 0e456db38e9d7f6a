import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-ALT5Y4DH.mjs";
import "./chunk-W4PD4BUD.mjs";
import {
  parseDuration
} from "./chunk-ALZ4TZWE.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-U6VFOFPR.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-AXNXU6QF.mjs";
import "./chunk-7IYI2P7Y.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-PELASH2X.mjs";
import "./chunk-QLPW2J5Y.mjs";
import "./chunk-XFWAUZOB.mjs";
import "./chunk-FA3T3TUE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ONOTEMMT.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-X4SRLE5W.mjs";
import "./chunk-3J5HMRZO.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
