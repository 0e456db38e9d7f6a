import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-BLXDYOQB.mjs";
import "./chunk-X4PHLTRD.mjs";
import "./chunk-USB7FCZ5.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-OU2V5L33.mjs";
import "./chunk-FPHI3UK4.mjs";
import "./chunk-26J4FPAD.mjs";
import "./chunk-DWZGQICB.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  parseDuration
} from "./chunk-JE4WKJK6.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-ZCMI7BQQ.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-AZT5NQGW.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-GJM5S2TE.mjs";
import "./chunk-IINOOR3S.mjs";
import "./chunk-XFA7WSEW.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
