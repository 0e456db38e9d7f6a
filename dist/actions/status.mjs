import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-FDSZFOLC.mjs";
import {
  statusSummary
} from "../chunks/chunk-2J6OUCHL.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-H4PJM2MO.mjs";
import "../chunks/chunk-3POJQCYF.mjs";
import "../chunks/chunk-DGMHQDFK.mjs";
import "../chunks/chunk-O4FZHKJY.mjs";
import "../chunks/chunk-WLNABMU4.mjs";
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
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/status-MTREDKGT.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary
};
await runAction(status);
