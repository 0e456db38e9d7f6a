import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-PPS5XTXR.mjs";
import {
  parseDuration
} from "./chunk-EUO4HFLP.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-HW52TOZY.mjs";
import "./chunk-QNMULGYB.mjs";
import "./chunk-T2Q7MTXX.mjs";
import "./chunk-AZWRHPSO.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-WGXKTQSU.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-QK7ZGBS6.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
