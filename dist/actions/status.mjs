import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-WYZOXJG2.mjs";
import {
  statusSummary
} from "../chunks/chunk-EYRQ5NPH.mjs";
import "../chunks/chunk-V7TZ7IZD.mjs";
import "../chunks/chunk-FEXO6RZX.mjs";
import "../chunks/chunk-2MIHVAKS.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-233SOQW7.mjs";
import "../chunks/chunk-GJM5S2TE.mjs";
import "../chunks/chunk-IINOOR3S.mjs";
import "../chunks/chunk-XFA7WSEW.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/status-VVLIGNNY.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary
};
await runAction(status);
