import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseCompare,
  runAnalyze,
  systemClock
} from "./chunk-IBTRJLIR.mjs";
import "./chunk-JNCKD7W6.mjs";
import {
  parseDuration
} from "./chunk-3NPFV6L2.mjs";
import "./chunk-KUUM52MP.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-5BMCYQN7.mjs";
import "./chunk-736OWXYZ.mjs";
import "./chunk-QKVPLPRY.mjs";
import "./chunk-TWBHTREK.mjs";
import "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-FJ6XG4P3.mjs";
import "./chunk-C4EZRMXW.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-6P7B2YDZ.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  parseCompare,
  parseDuration,
  runAnalyze,
  systemClock
};
