import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  proposalsOf,
  runBlock
} from "./chunk-6VXFEZH7.mjs";
import "./chunk-YXNVHXFY.mjs";
import "./chunk-BMWZ6UYQ.mjs";
import "./chunk-6D5ADIK3.mjs";
import {
  stillPinnedText,
  unreadableText
} from "./chunk-5BMCYQN7.mjs";
import "./chunk-736OWXYZ.mjs";
import "./chunk-QKVPLPRY.mjs";
import "./chunk-TWBHTREK.mjs";
import "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-SK2V36WJ.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-TTKF36OU.mjs";
import "./chunk-C4EZRMXW.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  proposalsOf,
  runBlock,
  stillPinnedText,
  unreadableText
};
