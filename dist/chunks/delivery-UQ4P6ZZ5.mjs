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
} from "./chunk-XAGZYULR.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-JZWZNXM5.mjs";
import "./chunk-QKYQIUCT.mjs";
import "./chunk-56U3G7UT.mjs";
import "./chunk-4VVGU7GO.mjs";
import "./chunk-XB4RJEDM.mjs";
import "./chunk-LPCDH46Z.mjs";
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
