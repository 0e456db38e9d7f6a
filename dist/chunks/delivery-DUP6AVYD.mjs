import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-63ZE75I3.mjs";
import "./chunk-2W6ESE6G.mjs";
import "./chunk-DI7RGCQB.mjs";
import "./chunk-SH5J6GRJ.mjs";
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
