import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  proposalsOf,
  runBlock
} from "./chunk-WHI4NMK4.mjs";
import "./chunk-YXNVHXFY.mjs";
import "./chunk-TPT6L5R7.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-KOSREZUA.mjs";
import "./chunk-APW6NOQU.mjs";
import "./chunk-DJS4F7X7.mjs";
import "./chunk-GNDN7CON.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-H4PJM2MO.mjs";
import "./chunk-3POJQCYF.mjs";
import "./chunk-O4FZHKJY.mjs";
import "./chunk-WLNABMU4.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  proposalsOf,
  runBlock
};
