import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
} from "./chunk-7VYSQYPD.mjs";
import "./chunk-KNEVHYFC.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-CGSXFA5V.mjs";
import "./chunk-6UNUK4UJ.mjs";
import "./chunk-Y4D4ZDLF.mjs";
import "./chunk-G6QK43UO.mjs";
import "./chunk-AYK5X3UN.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
};
