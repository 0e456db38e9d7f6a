import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  rollbackSummary,
  runAction
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
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
  run: async (inputs, context) => (await import("./chunks/rollback-2IECHXSJ.mjs")).runRollback({ ...inputs, progress: context.progress }),
  outputs: (r, context) => ({ status: r.status, image: r.image, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  log: (r) => ({ Plan: `${r.previousImage}${r.blocked ? " (now blocked)" : ""}
  -> ${r.image}
${r.diff}` }),
  summary: rollbackSummary
};
await runAction(rollback);
