import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-4BGKXCLN.mjs";
import "./chunk-UYB22KFK.mjs";
import "./chunk-4ZG5J63W.mjs";
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
