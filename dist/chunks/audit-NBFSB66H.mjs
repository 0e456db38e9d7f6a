import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
} from "./chunk-JF66WND4.mjs";
import "./chunk-FNEGFLRF.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import "./chunk-SQUNSH5E.mjs";
import "./chunk-WWGQICJ5.mjs";
import "./chunk-AMYT7MCG.mjs";
import "./chunk-N3UI7WBC.mjs";
import "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
};
