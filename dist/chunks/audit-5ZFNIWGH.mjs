import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
} from "./chunk-3JLHUOOH.mjs";
import "./chunk-FXIA4XJN.mjs";
import "./chunk-WGJGHYGA.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-L2LPWQG3.mjs";
import "./chunk-PPD4KIFP.mjs";
import "./chunk-46DNWRYD.mjs";
import "./chunk-WWSMVM2U.mjs";
import "./chunk-CVU5WLYD.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown,
  weakenings
};
