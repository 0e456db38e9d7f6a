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
} from "./chunk-4QCIDAQT.mjs";
import "./chunk-TFBDJJF6.mjs";
import "./chunk-W2O4URKY.mjs";
import "./chunk-QUQHB5KY.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZHHVUBTS.mjs";
import "./chunk-S33P2QZ4.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-CGSXFA5V.mjs";
import "./chunk-MCRZLVHB.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-BBO3HGUO.mjs";
import "./chunk-6UNUK4UJ.mjs";
import "./chunk-Y4D4ZDLF.mjs";
import "./chunk-G6QK43UO.mjs";
import "./chunk-AYK5X3UN.mjs";
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
