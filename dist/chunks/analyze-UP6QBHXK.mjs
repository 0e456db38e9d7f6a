import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-TQBDERLZ.mjs";
import "./chunk-UESZAFKV.mjs";
import {
  parseDuration
} from "./chunk-G5PGU2DW.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-VCW7VBQX.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-DXQP7LVM.mjs";
import "./chunk-7XSYBDJB.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-HUV67FXE.mjs";
import "./chunk-FU3D23PY.mjs";
import "./chunk-ZESJIV5E.mjs";
import "./chunk-P53F2J7I.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ONOTEMMT.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-3GGGTSVW.mjs";
import "./chunk-QNVVFN4A.mjs";
import "./chunk-XB4RJEDM.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
