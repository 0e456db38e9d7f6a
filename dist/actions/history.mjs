import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-CYEIMUKO.mjs";
import {
  historySummary
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

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app"), reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => {
    const result = await (await import("../chunks/history-6YOJRX3X.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: historySummary
};
await runAction(history);
