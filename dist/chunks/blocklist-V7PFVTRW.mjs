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
} from "./chunk-FBS4TDBL.mjs";
import "./chunk-FLRAGCP5.mjs";
import "./chunk-6SXEZL6U.mjs";
import "./chunk-GNDN7CON.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-7KUYXORY.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-VVEEDHSD.mjs";
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
