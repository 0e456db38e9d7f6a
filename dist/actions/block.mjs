import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-55NXMRKT.mjs";
import {
  blockSummary
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
  run: async (inputs, context) => (await import("../chunks/block-QDWPMN66.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(block);
