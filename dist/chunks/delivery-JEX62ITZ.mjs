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
} from "./chunk-POXLHUMU.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-JIOEPCHE.mjs";
import "./chunk-RAFOEFAX.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-HKMZAVOK.mjs";
import "./chunk-QMFC3JA6.mjs";
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
