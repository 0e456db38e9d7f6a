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
} from "./chunk-AXNXU6QF.mjs";
import "./chunk-7IYI2P7Y.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-PELASH2X.mjs";
import "./chunk-QLPW2J5Y.mjs";
import "./chunk-FA3T3TUE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-X4SRLE5W.mjs";
import "./chunk-3J5HMRZO.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
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
