import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  RefusedError,
  addBlocked,
  assertNotBlocked,
  checkBlockRequest,
  describeBlock,
  findBlocked,
  parseBlocklist,
  planBlock,
  readBlocklist,
  removeBlocked,
  stillPinned,
  stillPinnedText,
  unreadableText
} from "./chunk-5BMCYQN7.mjs";
import "./chunk-736OWXYZ.mjs";
import "./chunk-QKVPLPRY.mjs";
import "./chunk-TWBHTREK.mjs";
import "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  BLOCKLIST_FILE,
  RefusedError,
  addBlocked,
  assertNotBlocked,
  checkBlockRequest,
  describeBlock,
  findBlocked,
  parseBlocklist,
  planBlock,
  readBlocklist,
  removeBlocked,
  stillPinned,
  stillPinnedText,
  unreadableText
};
