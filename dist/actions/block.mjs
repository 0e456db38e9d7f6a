import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-X4SSHRC2.mjs";
import {
  blockSummary
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

// actions/src/entry/actions/block.ts
var block = {
  name: "block",
  getInputs: (input, repo) => ({
    ...repo,
    action: "block",
    app: input.required("app"),
    image: input.required("image"),
    reason: input.required("reason"),
    ...requestContext(input)
  }),
  run: async (inputs, context) => (await import("../chunks/block-RFQYUSO3.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(block);
