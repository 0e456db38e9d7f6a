import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-LX3U2VGI.mjs";
import {
  blockSummary
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
  run: async (inputs, context) => (await import("../chunks/block-HEGS2PS2.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(block);
