import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-LX3U2VGI.mjs";
import {
  historySummary
} from "../chunks/chunk-Z2OCH3PF.mjs";
import "../chunks/chunk-UFVM4H4R.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-QI3S2G36.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-ENXHTVIZ.mjs";
import "../chunks/chunk-AMYT7MCG.mjs";
import "../chunks/chunk-N3UI7WBC.mjs";
import "../chunks/chunk-TS73BHZN.mjs";
import "../chunks/chunk-U4EZ2NQP.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app") }),
  run: async (inputs, context) => {
    const result = await (await import("../chunks/history-XP7NFXYH.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  summary: historySummary
};
await runAction(history);
