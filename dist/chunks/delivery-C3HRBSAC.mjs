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
} from "./chunk-NDQV5IYR.mjs";
import "./chunk-OYUY5IIV.mjs";
import "./chunk-YMSYKZB4.mjs";
import "./chunk-JWCDNOST.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-7E5F4IVN.mjs";
import "./chunk-6NXX7UL6.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-WWGQICJ5.mjs";
import "./chunk-QI3S2G36.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-ENXHTVIZ.mjs";
import "./chunk-AMYT7MCG.mjs";
import "./chunk-N3UI7WBC.mjs";
import "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
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
