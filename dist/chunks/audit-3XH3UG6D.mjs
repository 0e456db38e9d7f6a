import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
} from "./chunk-74UWRK57.mjs";
import "./chunk-FALW254G.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
};
