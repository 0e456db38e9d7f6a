import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-CLET3OPT.mjs";
import {
  parseDuration
} from "./chunk-M3SBHTVX.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-D3ZZLNDT.mjs";
import "./chunk-SIIQUFCF.mjs";
import "./chunk-MRTTJC5D.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-S242MZFN.mjs";
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
