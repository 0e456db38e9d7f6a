import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-XCM4A52O.mjs";
import {
  statusSummary
} from "../chunks/chunk-TQTVXH2S.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-LHBEOTZI.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-3POJQCYF.mjs";
import "../chunks/chunk-O4JHPW7F.mjs";
import "../chunks/chunk-C4ZT7KTP.mjs";
import "../chunks/chunk-7KUYXORY.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-Q662SBGV.mjs";
import "../chunks/chunk-RWAOTREE.mjs";
import "../chunks/chunk-3K55XSFB.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/status-IU3ZLVAJ.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary
};
await runAction(status);
