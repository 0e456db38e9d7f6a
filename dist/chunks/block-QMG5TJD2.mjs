import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  proposalsOf,
  runBlock
} from "./chunk-O3657UJO.mjs";
import "./chunk-YXNVHXFY.mjs";
import "./chunk-W7O57OKK.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-FBS4TDBL.mjs";
import "./chunk-FLRAGCP5.mjs";
import "./chunk-6SXEZL6U.mjs";
import "./chunk-GNDN7CON.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-LHBEOTZI.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-3POJQCYF.mjs";
import "./chunk-7KUYXORY.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  proposalsOf,
  runBlock
};
