import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-J2UWMP4J.mjs";
import "./chunk-WOHEDA5J.mjs";
import {
  parseDuration
} from "./chunk-DTAAPOPO.mjs";
import "./chunk-ZMNIR5XZ.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-2PFBQ7DZ.mjs";
import "./chunk-OAOENCOP.mjs";
import "./chunk-BS4AGCVA.mjs";
import "./chunk-IX3DEWNG.mjs";
import "./chunk-KKU7QPWJ.mjs";
import "./chunk-72RDWQJI.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-NGM75GZM.mjs";
import "./chunk-WHIQW3RN.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-6P7B2YDZ.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
