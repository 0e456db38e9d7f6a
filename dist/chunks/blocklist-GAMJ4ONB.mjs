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
  removeBlocked
} from "./chunk-TUWCKX7Z.mjs";
import "./chunk-EGXJXH6I.mjs";
import "./chunk-F2J6ZCIT.mjs";
import "./chunk-X4O7VIGQ.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-O4FZHKJY.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
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
  removeBlocked
};
