import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  warning
} from "../chunks/chunk-X4SSHRC2.mjs";
import {
  historySummary
} from "../chunks/chunk-3ZZDSFY6.mjs";
import "../chunks/chunk-2T46GWBU.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-354FCBTB.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BBO3HGUO.mjs";
import "../chunks/chunk-CRHGMAM3.mjs";
import "../chunks/chunk-2LNFAGF6.mjs";
import "../chunks/chunk-MLTHUEAN.mjs";
import "../chunks/chunk-DBVFLN7T.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app") }),
  run: async (inputs, context) => {
    const result = await (await import("../chunks/history-QAE5JNAN.mjs")).runHistory({ ...inputs, phase: context.phase });
    if (result.warning) warning(`ferry history: ${result.warning}`, { title: "ferry history: ferry.yaml could not be read" });
    return result;
  },
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  summary: historySummary
};
await runAction(history);
