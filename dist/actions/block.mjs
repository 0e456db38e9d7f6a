import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "./chunks/chunk-YLR7UJXB.mjs";
import {
  blockSummary
} from "./chunks/chunk-DQMFXTEK.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-YCUJWGLV.mjs";
import "./chunks/chunk-Z23XBSUY.mjs";
import "./chunks/chunk-Y2YT5TPM.mjs";
import "./chunks/chunk-CH3IBD3Z.mjs";
import "./chunks/chunk-WNJDMP3Z.mjs";
import "./chunks/chunk-B3WWLTUJ.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

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
  run: async (inputs, context) => (await import("./chunks/block-2WHAZ4E7.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  summary: blockSummary
};
await runAction(block);
