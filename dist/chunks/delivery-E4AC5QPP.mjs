import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  awaitsApproval,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch
} from "./chunk-JKI4NGVO.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-N6DWJSQI.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-645ZEBFU.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  awaitsApproval,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch
};
