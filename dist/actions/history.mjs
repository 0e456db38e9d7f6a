import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-55NXMRKT.mjs";
import {
  historySummary
} from "../chunks/chunk-7MKHHYJJ.mjs";
import "../chunks/chunk-TMA6KGSS.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-CEE7P4QR.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-HOITXGPY.mjs";
import "../chunks/chunk-RA3OP3UF.mjs";
import "../chunks/chunk-O7LLLE7C.mjs";
import "../chunks/chunk-XFOEQZ4L.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app") }),
  run: async (inputs, context) => {
    const result = await (await import("../chunks/history-UUPVHH3A.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  summary: historySummary
};
await runAction(history);
