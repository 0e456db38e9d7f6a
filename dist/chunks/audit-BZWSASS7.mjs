import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
} from "./chunk-6XSFOKZQ.mjs";
import "./chunk-J325BIWT.mjs";
import "./chunk-HPBC6ZDQ.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-JIKE7SJP.mjs";
import "./chunk-HKMZAVOK.mjs";
import "./chunk-QWN3QDWZ.mjs";
import "./chunk-QMFC3JA6.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
};
