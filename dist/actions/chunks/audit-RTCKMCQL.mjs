import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
} from "./chunk-LPXKMSQO.mjs";
import "./chunk-EPINSCXR.mjs";
import "./chunk-Z23XBSUY.mjs";
import "./chunk-B3WWLTUJ.mjs";
import "./chunk-OIH5UBWA.mjs";
export {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
};
