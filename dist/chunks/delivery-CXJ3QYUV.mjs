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
} from "./chunk-X6S2M7YL.mjs";
import "./chunk-Z3FJYXEX.mjs";
import "./chunk-2SNC2QRB.mjs";
import "./chunk-N7L76RKX.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-JKRYE3DF.mjs";
import "./chunk-MYMTAKXC.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-L2LPWQG3.mjs";
import "./chunk-ET24TRRT.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-ENXHTVIZ.mjs";
import "./chunk-BKEJPTRB.mjs";
import "./chunk-46DNWRYD.mjs";
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
