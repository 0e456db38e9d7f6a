import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-LFYTDQX5.mjs";
import {
  parseDuration
} from "./chunk-MYEGMXV6.mjs";
import "./chunk-WGXKTQSU.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-3MRCRTT3.mjs";
import "./chunk-HW52TOZY.mjs";
import "./chunk-S5K7F6KC.mjs";
import "./chunk-MY5OWULS.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
