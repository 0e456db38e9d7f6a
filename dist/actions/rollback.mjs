import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  deploymentInputs,
  deploymentPlan,
  requestContext,
  runAction,
  warning
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  rollbackSummary
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
import {
  imageParts
} from "../chunks/chunk-FD6ZWLQC.mjs";
import "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/rollback.ts
var leftToDo;
var rollback = {
  name: "rollback",
  getInputs: (input, repo) => ({
    ...repo,
    env: input.required("env"),
    app: input.required("app"),
    to: input.optional("to"),
    steps: input.positiveInt("steps"),
    from: input.optional("from"),
    block: input.boolean("block"),
    reason: input.optional("reason"),
    ...requestContext(input),
    dryRun: input.boolean("dry-run"),
    ...deploymentInputs(input),
    // (rollback.yml's reviewers approve a rollback from a digest: a pin by tag alone has none.)
    fromDigestOnly: true
  }),
  run: async ({ deployments: _d, environmentUrl: _u, ...inputs }, context) => {
    const result = await (await import("../chunks/rollback-6YPO3IAS.mjs")).runRollback({ ...inputs, progress: context.progress, phase: context.phase });
    if (result.warning) warning(`ferry rollback: ${result.warning}`, { title: `ferry rollback: a warning for ${result.app} in ${result.env}` });
    if (!result.proposals && result.proposalsUnread === void 0) return result;
    const { blockedProposalsFailure, settleBlockedProposals } = await import("../chunks/delivery-SYQX3IAN.mjs");
    const digest = imageParts(result.previousImage).digest ?? "";
    leftToDo = blockedProposalsFailure({ ...result, digest });
    if (!result.proposals?.length) return result;
    const github = await context.githubTarget();
    if (github) context.phase("Turn off the auto-merge of the pull requests that propose the digest blocked (or may)");
    const reason = result.alreadyBlocked?.reason ?? inputs.reason ?? "";
    const settled = await settleBlockedProposals(github, inputs.branch, result.proposals, { digest, commit: result.commit, made: result.blocked, reason });
    for (const w of settled.warnings) warning(`ferry rollback: ${w}`, { title: `ferry rollback: a proposal of ${digest.slice(0, 19)}` });
    const done = { ...result, proposals: settled.proposals };
    leftToDo = blockedProposalsFailure({ ...done, digest });
    return done;
  },
  // The rollback and its block landed; what is left to do by hand fails the step all the same.
  failure: () => leftToDo ? { headline: leftToDo, annotations: [{ title: "ferry rollback: a pull request may still merge the blocked digest", message: leftToDo }] } : void 0,
  // (previous-digest and to-commit: rollback.yml's plan job passes them on as `from` and `to`: the
  // rollback job writes what the plan showed, or nothing. By digest: the image pinned may be no
  // image of the app as ferry.yaml names it, a hotfix pinned by hand, which `from` as a reference
  // refuses. By commit: the pin the plan found, and no registry host, which GitHub drops from a job
  // output when a secret's value, an AWS account id, appears in it.)
  outputs: (r, context) => ({
    status: r.status,
    image: r.image,
    "previous-image": r.previousImage,
    "previous-digest": imageParts(r.previousImage).digest ?? "",
    "to-commit": r.to.commit,
    commit: r.commit,
    "commit-url": context.commitUrl(r.commit)
  }),
  log: (r) => ({ Plan: `${r.previousImage}${r.blocked ? r.status === "planned" ? " (would be blocked)" : " (now blocked)" : ""}
  -> ${r.image}
${r.diff}` }),
  deployments: (i) => deploymentPlan(i, i.env, [i.app]),
  // (It always writes: no rollback is `skipped`. One that writes nothing fails, and records a failure.)
  deployed: (r) => ({ state: "success", commit: r.commit, apps: [r.app], description: `rolled back to ${r.image.split("/").pop().slice(0, 80)} (${r.commit.slice(0, 12)})` }),
  statusOutput: true,
  // The core's request check speaks the CLI's flags: "reason is required with --block".
  inputNames: { block: "block: true" },
  summary: rollbackSummary
};
await runAction(rollback);
