import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-6WIYX57M.mjs";
import "./chunk-QRHL6JMY.mjs";
import {
  parseDuration
} from "./chunk-MV7O4PJ3.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-KOSREZUA.mjs";
import "./chunk-APW6NOQU.mjs";
import "./chunk-DJS4F7X7.mjs";
import "./chunk-GNDN7CON.mjs";
import "./chunk-7N3W7G3C.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DGMHQDFK.mjs";
import "./chunk-O4FZHKJY.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-6P7B2YDZ.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
