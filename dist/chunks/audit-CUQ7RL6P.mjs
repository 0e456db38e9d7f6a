import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
} from "./chunk-W3FO7WAY.mjs";
import "./chunk-O7XEOOG3.mjs";
import "./chunk-BXLG7DIS.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-L7KM3ZFQ.mjs";
import "./chunk-WO2H44FO.mjs";
import "./chunk-S2OUAEDI.mjs";
import "./chunk-KI4S27RC.mjs";
import "./chunk-XLTZMVS4.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
};
