import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-SMV3O5UA.mjs";
import {
  historySummary
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

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app"), reportPath: input.optional("report-path") }),
  run: async ({ reportPath: _r, ...inputs }, context) => {
    const result = await (await import("../chunks/history-RLSEYIDM.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: historySummary
};
await runAction(history);
