import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-MM6SYTGQ.mjs";
import {
  parseDuration
} from "./chunk-4S5XDM5E.mjs";
import "./chunk-WCZOS5SX.mjs";
import "./chunk-IPAQ5UWU.mjs";
import "./chunk-JRRACSAQ.mjs";
import "./chunk-W5QR6EMP.mjs";
import "./chunk-EPINSCXR.mjs";
import "./chunk-YCUJWGLV.mjs";
import "./chunk-Z23XBSUY.mjs";
import "./chunk-CH3IBD3Z.mjs";
import "./chunk-B3WWLTUJ.mjs";
import "./chunk-OIH5UBWA.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
