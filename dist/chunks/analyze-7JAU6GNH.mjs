import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-BHUJP3TU.mjs";
import {
  parseDuration
} from "./chunk-EK7BYUDY.mjs";
import "./chunk-UBVT45KH.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-T5GMCZM3.mjs";
import "./chunk-HW52TOZY.mjs";
import "./chunk-S5K7F6KC.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-MY5OWULS.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
