import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-CYEIMUKO.mjs";
import {
  statusSummary
} from "../chunks/chunk-IMSQJ5CP.mjs";
import "../chunks/chunk-VDAU36UY.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-JZWZNXM5.mjs";
import "../chunks/chunk-QKYQIUCT.mjs";
import "../chunks/chunk-ONOTEMMT.mjs";
import "../chunks/chunk-56U3G7UT.mjs";
import "../chunks/chunk-4VVGU7GO.mjs";
import "../chunks/chunk-QNVVFN4A.mjs";
import "../chunks/chunk-XB4RJEDM.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/status-5QAN5CVH.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary
};
await runAction(status);
