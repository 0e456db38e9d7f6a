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
  fencedBlock,
  proposalMismatch
} from "./chunk-DNUZX72K.mjs";
import "./chunk-XJYKXEFU.mjs";
import "./chunk-ZAJLAV24.mjs";
import "./chunk-4ZG5J63W.mjs";
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
  fencedBlock,
  proposalMismatch
};
