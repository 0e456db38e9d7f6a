import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-JU66R4YT.mjs";
import "./chunk-ATMLWSEG.mjs";
import {
  parseDuration
} from "./chunk-MXS2RGVK.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-MBSLQD3U.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-R5R3XQUJ.mjs";
import "./chunk-2VZ3H5L7.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-GY4IML5R.mjs";
import "./chunk-NIGJDIXE.mjs";
import "./chunk-QK6VMZDP.mjs";
import "./chunk-VBXHIFWR.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-HKMR6JIA.mjs";
import "./chunk-6P7B2YDZ.mjs";
import "./chunk-4VVGU7GO.mjs";
import "./chunk-4RZ2LKOL.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
