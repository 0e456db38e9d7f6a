import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  LANDED_NOTE,
  MERGE_METHODS,
  awaitsApproval,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch
} from "./chunk-U246FRVS.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-CEE7P4QR.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-HOITXGPY.mjs";
import "./chunk-O7LLLE7C.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  COMMIT_VIA,
  DELIVERY_MODES,
  LANDED_NOTE,
  MERGE_METHODS,
  awaitsApproval,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch
};
