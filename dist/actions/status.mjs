import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-SRJ3IGB3.mjs";
import {
  statusSummary
} from "../chunks/chunk-DF6OLZT4.mjs";
import "../chunks/chunk-VDAU36UY.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-EZZUIU2N.mjs";
import "../chunks/chunk-QJJJBREP.mjs";
import "../chunks/chunk-ONOTEMMT.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-X4SRLE5W.mjs";
import "../chunks/chunk-3J5HMRZO.mjs";
import "../chunks/chunk-MEO6MF5U.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/status-TES3Z2E6.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary
};
await runAction(status);
