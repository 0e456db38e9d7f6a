import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-SVKISZK3.mjs";
import "./chunk-MD6V45EA.mjs";
import "./chunk-YDRGAHXU.mjs";
import "./chunk-IDFC7U2Q.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-7CIZMM32.mjs";
import "./chunk-THJRYYGJ.mjs";
import {
  parseDuration
} from "./chunk-X2CVKIPD.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-OQTPVMXJ.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-HOITXGPY.mjs";
import "./chunk-RA3OP3UF.mjs";
import "./chunk-O7LLLE7C.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
