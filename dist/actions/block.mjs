import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-CYEIMUKO.mjs";
import {
  blockSummary
} from "../chunks/chunk-IMSQJ5CP.mjs";
import "../chunks/chunk-VDAU36UY.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-JZWZNXM5.mjs";
import "../chunks/chunk-QKYQIUCT.mjs";
import "../chunks/chunk-ONOTEMMT.mjs";
import "../chunks/chunk-56U3G7UT.mjs";
import "../chunks/chunk-4VVGU7GO.mjs";
import "../chunks/chunk-QNVVFN4A.mjs";
import "../chunks/chunk-XB4RJEDM.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
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
  run: async (inputs, context) => (await import("../chunks/block-ZYE2UDZT.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(block);
