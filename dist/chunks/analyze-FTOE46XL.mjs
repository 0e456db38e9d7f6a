import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-A7M2QGIO.mjs";
import {
  parseDuration
} from "./chunk-GAH3553H.mjs";
import "./chunk-5QN6XMVC.mjs";
import "./chunk-6Y3WMLSJ.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FXMBU5SR.mjs";
import "./chunk-GHF65MKY.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-BRWC3FI3.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
