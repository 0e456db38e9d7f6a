import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction,
  warning
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  blockSummary
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

// actions/src/entry/actions/block.ts
var leftToDo;
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
  run: async (inputs, context) => {
    const result = await (await import("../chunks/block-QBYPYYXK.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase });
    const { blockedProposalsFailure, settleBlockedProposals } = await import("../chunks/delivery-SYQX3IAN.mjs");
    leftToDo = blockedProposalsFailure(result);
    if (!result.proposals?.length) return result;
    const github = await context.githubTarget();
    if (github) context.phase("Turn off the auto-merge of the pull requests that propose the digest (or may)");
    const settled = await settleBlockedProposals(github, inputs.branch, result.proposals, { digest: result.digest, commit: result.commit, made: result.status === "succeeded", reason: result.reason });
    for (const w of settled.warnings) warning(`ferry block: ${w}`, { title: `ferry block: a proposal of ${result.digest.slice(0, 19)}` });
    const done = { ...result, proposals: settled.proposals };
    leftToDo = blockedProposalsFailure(done);
    return done;
  },
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  // The block landed; what is left to do by hand fails the step all the same.
  failure: () => leftToDo ? { headline: leftToDo, annotations: [{ title: "ferry block: a pull request may still merge the blocked digest", message: leftToDo }] } : void 0,
  summary: blockSummary
};
await runAction(block);
