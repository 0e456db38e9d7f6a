import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-7CTEFPHL.mjs";
import {
  blockSummary
} from "../chunks/chunk-5T4ZKJTE.mjs";
import "../chunks/chunk-EDI7MJFW.mjs";
import "../chunks/chunk-3APD3XNS.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-ZAJLAV24.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-CZBSOFID.mjs";
import "../chunks/chunk-HPIX6MIE.mjs";
import "../chunks/chunk-BRWC3FI3.mjs";
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
  run: async (inputs, context) => (await import("../chunks/block-O3HLGL3S.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(block);
