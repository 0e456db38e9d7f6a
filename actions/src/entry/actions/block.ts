// The block action (`ferry block`): one commit that adds a digest to blocked.yaml, so that no bump, promotion or rollback pins it.
// A pull request that proposes the digest already (a ferry/* branch), or may (commits that are not Ferry's), gets its auto-merge turned off and a comment.
import * as core from '@actions/core';
import { blockSummary } from '../../core/job-summary.js';
import { requestContext, runAction, type ActionCommand } from '../action-runtime.js';
import type { BlockOptions, BlockOutput } from '../commands/block.js';

/** What is left to do by hand after the block landed (blockedProposalsFailure()): the step fails with it. */
let leftToDo: string | undefined;

const block: ActionCommand<BlockOptions, BlockOutput> = {
  name: 'block',
  getInputs: (input, repo) => ({
    ...repo,
    action: 'block',
    app: input.required('app'),
    image: input.required('image'),
    reason: input.required('reason'),
    ...requestContext(input),
  }),
  run: async (inputs, context) => {
    const result = await (await import('../commands/block.js')).runBlock({ ...inputs, progress: context.progress, phase: context.phase });
    const { blockedProposalsFailure, settleBlockedProposals } = await import('../delivery.js');
    leftToDo = blockedProposalsFailure(result);
    if (!result.proposals?.length) return result;
    // (The env repo on GitHub with a token, as bump and promote take them: else nothing is done there.)
    const github = await context.githubTarget();
    if (github) context.phase('Turn off the auto-merge of the pull requests that propose the digest (or may)');
    const settled = await settleBlockedProposals(github, inputs.branch, result.proposals, { digest: result.digest, commit: result.commit, made: result.status === 'succeeded', reason: result.reason });
    for (const w of settled.warnings) core.warning(`ferry block: ${w}`, { title: `ferry block: a proposal of ${result.digest.slice(0, 19)}` });
    const done = { ...result, proposals: settled.proposals };
    leftToDo = blockedProposalsFailure(done);
    return done;
  },
  outputs: (r, context) => ({ status: r.status, commit: r.commit, 'commit-url': context.commitUrl(r.commit) }),
  statusOutput: true,
  // The block landed; what is left to do by hand fails the step all the same.
  failure: () => (leftToDo ? { headline: leftToDo, annotations: [{ title: 'ferry block: a pull request may still merge the blocked digest', message: leftToDo }] } : undefined),
  summary: blockSummary,
};

await runAction(block);
