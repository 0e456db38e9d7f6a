import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-TW4U3YXR.mjs";
import {
  blockSummary
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
  run: async (inputs, context) => (await import("../chunks/block-Q5AJIKFD.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(block);
