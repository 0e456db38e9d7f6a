import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
} from "./chunk-F7UKE3QT.mjs";
import "./chunk-6FSZT3T6.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CRHGMAM3.mjs";
import "./chunk-2LNFAGF6.mjs";
import "./chunk-MLTHUEAN.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
};
