import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  bumpSummary,
  requestContext,
  runAction
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/bump.ts
var bump = {
  name: "bump",
  getInputs: (input, repo) => ({
    ...repo,
    env: input.required("env"),
    app: input.required("app"),
    image: input.required("image"),
    sourceRevision: input.optional("source-revision") ?? (process.env.GITHUB_SHA || void 0),
    ...requestContext(input),
    dryRun: input.boolean("dry-run"),
    maxAttempts: input.positiveInt("max-attempts")
  }),
  run: async (inputs, context) => (await import("./chunks/bump-THVACAN2.mjs")).runBump({ ...inputs, progress: context.progress }),
  outputs: (r, context) => ({ status: r.status, digest: r.digest, image: r.image, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  log: (r) => ({ Plan: r.diff || `${r.app} in ${r.env} already pins ${r.image}` }),
  summary: bumpSummary
};
await runAction(bump);
