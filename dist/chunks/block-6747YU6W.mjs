import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  proposalsOf,
  runBlock
} from "./chunk-WPKRSQVM.mjs";
import "./chunk-YXNVHXFY.mjs";
import "./chunk-VJQWYJ2L.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-TUWCKX7Z.mjs";
import "./chunk-EGXJXH6I.mjs";
import "./chunk-F2J6ZCIT.mjs";
import "./chunk-X4O7VIGQ.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-WI3IUIHS.mjs";
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
