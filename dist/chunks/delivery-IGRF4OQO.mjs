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
} from "./chunk-VNGCTX4L.mjs";
import "./chunk-UF6W56LB.mjs";
import "./chunk-4QJDJWQE.mjs";
import "./chunk-RK7KG5PK.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZMGHUKHV.mjs";
import "./chunk-CY3IHFLK.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-354FCBTB.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-BBO3HGUO.mjs";
import "./chunk-2LNFAGF6.mjs";
import "./chunk-MLTHUEAN.mjs";
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
  proposalMismatch
};
