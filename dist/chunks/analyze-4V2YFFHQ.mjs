import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-5ZQX5LCL.mjs";
import {
  parseDuration
} from "./chunk-M3UUK66P.mjs";
import "./chunk-QAOS56OT.mjs";
import "./chunk-YG4ZBFGG.mjs";
import "./chunk-TY5LJND6.mjs";
import "./chunk-MZYRL4XU.mjs";
import "./chunk-O2CNVOBM.mjs";
import "./chunk-5YSBLP7M.mjs";
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
