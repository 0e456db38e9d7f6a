import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-LJCUN7PO.mjs";
import {
  historySummary
} from "../chunks/chunk-BUCAWDKF.mjs";
import "../chunks/chunk-TFJNBHKA.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-X6JCJP5O.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-PPD4KIFP.mjs";
import "../chunks/chunk-46DNWRYD.mjs";
import "../chunks/chunk-WWSMVM2U.mjs";
import "../chunks/chunk-CVU5WLYD.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app") }),
  run: async (inputs, context) => {
    const result = await (await import("../chunks/history-I7REPKMZ.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  summary: historySummary
};
await runAction(history);
