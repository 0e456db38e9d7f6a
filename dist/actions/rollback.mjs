import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "./chunks/chunk-YLR7UJXB.mjs";
import {
  rollbackSummary
} from "./chunks/chunk-DQMFXTEK.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-YCUJWGLV.mjs";
import "./chunks/chunk-Z23XBSUY.mjs";
import "./chunks/chunk-Y2YT5TPM.mjs";
import "./chunks/chunk-CH3IBD3Z.mjs";
import "./chunks/chunk-WNJDMP3Z.mjs";
import "./chunks/chunk-B3WWLTUJ.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/rollback.ts
var rollback = {
  name: "rollback",
  getInputs: (input, repo) => ({
    ...repo,
    env: input.required("env"),
    app: input.required("app"),
    to: input.optional("to"),
    steps: input.positiveInt("steps"),
    block: input.boolean("block"),
    reason: input.optional("reason"),
    ...requestContext(input),
    dryRun: input.boolean("dry-run")
  }),
  run: async (inputs, context) => (await import("./chunks/rollback-VP6VND4L.mjs")).runRollback({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, image: r.image, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  log: (r) => ({ Plan: `${r.previousImage}${r.blocked ? " (now blocked)" : ""}
  -> ${r.image}
${r.diff}` }),
  summary: rollbackSummary
};
await runAction(rollback);
