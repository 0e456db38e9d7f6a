import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-Z5V5SSAS.mjs";
import "./chunk-ZY2SS446.mjs";
import "./chunk-DR5YMSTK.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-JZB3NM3H.mjs";
import "./chunk-IMDSD2K6.mjs";
import "./chunk-DJS4F7X7.mjs";
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
