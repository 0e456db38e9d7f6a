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
} from "./chunk-6CYGMF7K.mjs";
import "./chunk-YXLVGJIS.mjs";
import "./chunk-4QJDJWQE.mjs";
import "./chunk-2IONONCM.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZMGHUKHV.mjs";
import "./chunk-CY3IHFLK.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-GFBK7FZJ.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-F52A3EZ4.mjs";
import "./chunk-CZBSOFID.mjs";
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
