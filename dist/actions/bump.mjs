import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  deliveryInputs,
  deploymentPlan,
  requestContext,
  runAction,
  warning
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  bumpSummary
} from "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

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
    maxAttempts: input.positiveInt("max-attempts"),
    ...deliveryInputs(input)
  }),
  run: async ({ deployments: _d, environmentUrl: _u, ...inputs }, context) => {
    const needs = inputs.mode === "pull-request" ? "mode: pull-request" : inputs.commitVia === "api" ? "commit-via: api" : void 0;
    const github = needs ? await context.githubTarget(needs) : void 0;
    const result = await (await import("../chunks/bump-7A4CY3PY.mjs")).runBump({ ...inputs, ...github ? { github } : {}, progress: context.progress, phase: context.phase });
    if (result.notice) warning(`ferry bump: ${result.notice}`, { title: `ferry bump: pull request #${result.pullRequestNumber ?? ""}` });
    if (result.warning) warning(`ferry bump: ${result.warning}`, { title: `ferry bump: a warning for ${result.app} in ${result.env}` });
    return result;
  },
  outputs: (r, context) => ({ status: r.status, digest: r.digest, image: r.image, commit: r.commit, "commit-url": r.commitUrl ?? context.commitUrl(r.commit), "pull-request-url": r.pullRequestUrl ?? "" }),
  log: (r) => ({ Plan: r.diff || `${r.app} in ${r.env} already pins ${r.image}` }),
  deployments: (i) => deploymentPlan(i, i.env, [i.app]),
  deployed: (r) => ({ state: "success", commit: r.commit, apps: [r.app], description: `${r.status === "skipped" ? "already pinned" : "pinned"} ${r.image.split("/").pop().slice(0, 80)} (${r.commit.slice(0, 12)})` }),
  statusOutput: true,
  summary: bumpSummary
};
await runAction(bump);
