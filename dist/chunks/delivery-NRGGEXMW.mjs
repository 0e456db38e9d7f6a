import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-FDYOCZR2.mjs";
import "./chunk-74QKTKSY.mjs";
import "./chunk-DI7RGCQB.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
};
