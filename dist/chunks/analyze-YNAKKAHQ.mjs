import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-NVVFEU3J.mjs";
import {
  parseDuration
} from "./chunk-B4BN6TFU.mjs";
import "./chunk-YG4ZBFGG.mjs";
import "./chunk-D76PLA7U.mjs";
import "./chunk-TXQEYFIN.mjs";
import "./chunk-5YSBLP7M.mjs";
import "./chunk-B24C2PLT.mjs";
import "./chunk-VYFBW734.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-GWF6KBEG.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
