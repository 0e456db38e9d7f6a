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
} from "./chunk-BMWZ6UYQ.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-SK2V36WJ.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-TTKF36OU.mjs";
import "./chunk-C4EZRMXW.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
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
