import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  utcDate
} from "./chunk-6WATFKW4.mjs";
import "./chunk-FALW254G.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  utcDate
};
