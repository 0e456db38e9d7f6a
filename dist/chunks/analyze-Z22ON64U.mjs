import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-5K3SALHC.mjs";
import "./chunk-KV66SUT6.mjs";
import "./chunk-XHOUC23D.mjs";
import "./chunk-7LUZIFIQ.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-JKRYE3DF.mjs";
import "./chunk-MYMTAKXC.mjs";
import {
  parseDuration
} from "./chunk-WGJGHYGA.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-L2LPWQG3.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-PPD4KIFP.mjs";
import "./chunk-46DNWRYD.mjs";
import "./chunk-WWSMVM2U.mjs";
import "./chunk-CVU5WLYD.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
