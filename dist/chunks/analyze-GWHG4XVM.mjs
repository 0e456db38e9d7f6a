import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-PZEPUMVF.mjs";
import "./chunk-5GXNZRCG.mjs";
import "./chunk-ZIR3DF2H.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-TGNFDR6G.mjs";
import "./chunk-UGYO4QBV.mjs";
import "./chunk-SLBLI3R3.mjs";
import "./chunk-LK2OKV2Q.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  parseDuration
} from "./chunk-BXLG7DIS.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-EI3KVTKD.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-L7KM3ZFQ.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-WO2H44FO.mjs";
import "./chunk-S2OUAEDI.mjs";
import "./chunk-KI4S27RC.mjs";
import "./chunk-XLTZMVS4.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
