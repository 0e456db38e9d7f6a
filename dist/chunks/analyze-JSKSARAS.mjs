import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-DJYVKURE.mjs";
import "./chunk-S5EGEBBC.mjs";
import "./chunk-TRW6BU22.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-FBS4TDBL.mjs";
import "./chunk-FLRAGCP5.mjs";
import "./chunk-6SXEZL6U.mjs";
import "./chunk-GNDN7CON.mjs";
import "./chunk-K7CXC6UZ.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DP2FYMJI.mjs";
import {
  parseDuration
} from "./chunk-O4JHPW7F.mjs";
import "./chunk-C4ZT7KTP.mjs";
import "./chunk-7KUYXORY.mjs";
import "./chunk-VVEEDHSD.mjs";
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
