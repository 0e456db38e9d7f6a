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
} from "./chunk-N35EENAF.mjs";
import "./chunk-7XSYBDJB.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-HUV67FXE.mjs";
import "./chunk-FU3D23PY.mjs";
import "./chunk-CX6TJXTD.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-56U3G7UT.mjs";
import "./chunk-QNVVFN4A.mjs";
import "./chunk-XB4RJEDM.mjs";
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
