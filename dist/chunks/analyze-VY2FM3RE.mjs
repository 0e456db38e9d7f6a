import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-7OGG5E5M.mjs";
import "./chunk-NXDSNIV3.mjs";
import "./chunk-4DIPDC2F.mjs";
import "./chunk-YMYSYCAD.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-6YKVBYEO.mjs";
import "./chunk-CWXLHKDT.mjs";
import {
  parseDuration
} from "./chunk-HPBC6ZDQ.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JIKE7SJP.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-HKMZAVOK.mjs";
import "./chunk-QWN3QDWZ.mjs";
import "./chunk-QMFC3JA6.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
