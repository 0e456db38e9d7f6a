import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-TW4U3YXR.mjs";
import {
  historySummary
} from "../chunks/chunk-7IX3H4B6.mjs";
import "../chunks/chunk-7EIRI7OL.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-MCRZLVHB.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BBO3HGUO.mjs";
import "../chunks/chunk-6UNUK4UJ.mjs";
import "../chunks/chunk-Y4D4ZDLF.mjs";
import "../chunks/chunk-G6QK43UO.mjs";
import "../chunks/chunk-AYK5X3UN.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app") }),
  run: async (inputs, context) => {
    const result = await (await import("../chunks/history-ZBW7HQQV.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  summary: historySummary
};
await runAction(history);
