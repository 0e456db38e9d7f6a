import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-RC7BEBLW.mjs";
import {
  parseDuration
} from "./chunk-JEFU5NBT.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-OELGEUTT.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-PZG6FCZ2.mjs";
import "./chunk-OLFF24SL.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-Q5NQ4OJX.mjs";
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
