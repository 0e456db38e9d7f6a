import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-Q3PNFW6X.mjs";
import {
  parseDuration
} from "./chunk-MO6KPF4R.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-HW52TOZY.mjs";
import "./chunk-CYBES3II.mjs";
import "./chunk-DEKWTQ67.mjs";
import "./chunk-FALW254G.mjs";
import "./chunk-WGXKTQSU.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-SH5J6GRJ.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
