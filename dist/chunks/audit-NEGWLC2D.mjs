import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
} from "./chunk-WS3SBXT7.mjs";
import "./chunk-5IK3JPYL.mjs";
import "./chunk-X2CVKIPD.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-OQTPVMXJ.mjs";
import "./chunk-HOITXGPY.mjs";
import "./chunk-RA3OP3UF.mjs";
import "./chunk-O7LLLE7C.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
};
