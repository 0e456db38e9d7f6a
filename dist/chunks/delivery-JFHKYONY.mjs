import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-ED222C7R.mjs";
import "./chunk-AF63RB64.mjs";
import "./chunk-DI7RGCQB.mjs";
import "./chunk-GZVSJG3O.mjs";
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
