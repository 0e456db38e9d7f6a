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
} from "./chunk-HRA5A5K2.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-X6JCJP5O.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-PPD4KIFP.mjs";
import "./chunk-WWSMVM2U.mjs";
import "./chunk-CVU5WLYD.mjs";
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
