import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-3UX5GKPV.mjs";
import {
  parseDuration
} from "./chunk-SCSQABQ4.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-PEQDXFKZ.mjs";
import "./chunk-5BQLICIG.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-AGRFHGZT.mjs";
import "./chunk-WIWLHIH4.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-GWF6KBEG.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
