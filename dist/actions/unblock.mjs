import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-SRJ3IGB3.mjs";
import {
  blockSummary
} from "../chunks/chunk-DF6OLZT4.mjs";
import "../chunks/chunk-VDAU36UY.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-EZZUIU2N.mjs";
import "../chunks/chunk-QJJJBREP.mjs";
import "../chunks/chunk-ONOTEMMT.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-X4SRLE5W.mjs";
import "../chunks/chunk-3J5HMRZO.mjs";
import "../chunks/chunk-MEO6MF5U.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/unblock.ts
var unblock = {
  name: "unblock",
  getInputs: (input, repo) => ({
    ...repo,
    action: "unblock",
    app: input.required("app"),
    image: input.required("image"),
    reason: input.required("reason"),
    ...requestContext(input)
  }),
  run: async (inputs, context) => (await import("../chunks/block-D3H3D5TE.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(unblock);
