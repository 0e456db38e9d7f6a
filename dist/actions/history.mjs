import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  historySummary
} from "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app"), reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => {
    const result = await (await import("../chunks/history-PASB45RQ.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: historySummary
};
await runAction(history);
