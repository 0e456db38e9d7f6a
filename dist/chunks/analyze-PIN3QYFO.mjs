import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-PWKZJLUI.mjs";
import {
  parseDuration
} from "./chunk-TBQSOZ5J.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-HW52TOZY.mjs";
import "./chunk-LWPDN4K6.mjs";
import "./chunk-6KTZYZ2A.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-AZWRHPSO.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-WGXKTQSU.mjs";
import "./chunk-C4OZCMLB.mjs";
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
