import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-O2YWX5DV.mjs";
import {
  parseDuration
} from "./chunk-JK7HANYQ.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-IB6P5IUC.mjs";
import "./chunk-PU7XDNBX.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-M4DTQNY2.mjs";
import "./chunk-GVHNWGRB.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
