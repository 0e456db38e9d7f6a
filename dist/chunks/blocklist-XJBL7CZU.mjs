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
} from "./chunk-2PFBQ7DZ.mjs";
import "./chunk-OAOENCOP.mjs";
import "./chunk-BS4AGCVA.mjs";
import "./chunk-IX3DEWNG.mjs";
import "./chunk-72RDWQJI.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-WHIQW3RN.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
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
