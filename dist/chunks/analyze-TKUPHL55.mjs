import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-FG5UJHSI.mjs";
import {
  parseDuration
} from "./chunk-BD453XZQ.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-IB6P5IUC.mjs";
import "./chunk-IWUYQQCR.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-S3KANXRK.mjs";
import "./chunk-DMEGGK2O.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-GVHNWGRB.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-GZVSJG3O.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
