import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  LANDED_NOTE,
  MERGE_METHODS,
  awaitsApproval,
  blockedProposalText,
  blockedProposals,
  blockedProposalsFailure,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch,
  refusedProposal,
  settleBlockedProposals,
  stopBlockedProposals
} from "./chunk-Y57FLBYZ.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-FQGFCCAO.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-2WJ46ZKU.mjs";
import "./chunk-WHIQW3RN.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  COMMIT_VIA,
  DELIVERY_MODES,
  LANDED_NOTE,
  MERGE_METHODS,
  awaitsApproval,
  blockedProposalText,
  blockedProposals,
  blockedProposalsFailure,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch,
  refusedProposal,
  settleBlockedProposals,
  stopBlockedProposals
};
