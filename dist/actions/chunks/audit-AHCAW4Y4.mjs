import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
} from "./chunk-2VCTO7AL.mjs";
import "./chunk-E6OFK3WR.mjs";
import "./chunk-HHUKJB4C.mjs";
import "./chunk-OIH5UBWA.mjs";
export {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
};
