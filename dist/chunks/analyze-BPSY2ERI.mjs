import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-EYUIVURI.mjs";
import {
  parseDuration
} from "./chunk-WQH42TVR.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-OTRNRDRY.mjs";
import "./chunk-UUCYTXYR.mjs";
import "./chunk-ENYI3VIJ.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-FGNYJHY4.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-W4Y3ZVTF.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
