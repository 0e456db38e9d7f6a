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
} from "./chunk-BMWQVGHE.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-V7TZ7IZD.mjs";
import "./chunk-FEXO6RZX.mjs";
import "./chunk-BMJHM4QJ.mjs";
import "./chunk-GJM5S2TE.mjs";
import "./chunk-XFA7WSEW.mjs";
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
