import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-GILZCTHC.mjs";
import "./chunk-3GXBE3D7.mjs";
import {
  parseDuration
} from "./chunk-YXLVGJIS.mjs";
import "./chunk-4QJDJWQE.mjs";
import "./chunk-2IONONCM.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZMGHUKHV.mjs";
import "./chunk-CY3IHFLK.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-F52A3EZ4.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-MLTHUEAN.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
