import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-SMV3O5UA.mjs";
import {
  statusSummary
} from "../chunks/chunk-EUMJK2TK.mjs";
import "../chunks/chunk-OPATQYSN.mjs";
import "../chunks/chunk-HILDV4SG.mjs";
import "../chunks/chunk-PGYWCCKY.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-233SOQW7.mjs";
import "../chunks/chunk-WO2H44FO.mjs";
import "../chunks/chunk-S2OUAEDI.mjs";
import "../chunks/chunk-KI4S27RC.mjs";
import "../chunks/chunk-XLTZMVS4.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/status-PMKPZCE5.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary
};
await runAction(status);
