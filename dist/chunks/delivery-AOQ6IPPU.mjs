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
} from "./chunk-KLN4CK2F.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-6EK7GVEB.mjs";
import "./chunk-3POJQCYF.mjs";
import "./chunk-HKMR6JIA.mjs";
import "./chunk-4VVGU7GO.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
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
