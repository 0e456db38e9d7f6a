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
} from "./chunk-R5R3XQUJ.mjs";
import "./chunk-2VZ3H5L7.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-GY4IML5R.mjs";
import "./chunk-NIGJDIXE.mjs";
import "./chunk-VBXHIFWR.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-HKMR6JIA.mjs";
import "./chunk-4RZ2LKOL.mjs";
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
