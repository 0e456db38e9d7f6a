import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-LX3U2VGI.mjs";
import {
  rollbackSummary
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
  run: async (inputs, context) => (await import("../chunks/rollback-7F7NAJEW.mjs")).runRollback({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, image: r.image, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  log: (r) => ({ Plan: `${r.previousImage}${r.blocked ? " (now blocked)" : ""}
  -> ${r.image}
${r.diff}` }),
  statusOutput: true,
  // The core's request check speaks the CLI's flags: "reason is required with --block".
  inputNames: { block: "block: true" },
  summary: rollbackSummary
};
await runAction(rollback);
