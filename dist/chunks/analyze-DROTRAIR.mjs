import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-ZRO5JOAI.mjs";
import {
  parseDuration
} from "./chunk-3VG7EA4I.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-HW52TOZY.mjs";
import "./chunk-VLZ7MHWT.mjs";
import "./chunk-DEKWTQ67.mjs";
import "./chunk-FALW254G.mjs";
import "./chunk-WGXKTQSU.mjs";
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
