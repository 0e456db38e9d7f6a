import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-5CNJ7HJH.mjs";
import {
  historySummary
} from "../chunks/chunk-ON57GVBW.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-FQGFCCAO.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-2WJ46ZKU.mjs";
import "../chunks/chunk-NGM75GZM.mjs";
import "../chunks/chunk-WHIQW3RN.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-QWHCRV4M.mjs";
import "../chunks/chunk-AVH2EDAZ.mjs";
import "../chunks/chunk-3K55XSFB.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app"), reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => {
    const result = await (await import("../chunks/history-IKMK23UJ.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: historySummary
};
await runAction(history);
