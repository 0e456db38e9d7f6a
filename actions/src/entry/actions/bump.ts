// The bump action (`ferry bump`): pins one image by digest in one app's manifest of one environment,
// pushed or proposed in a pull request, committed by git or by GitHub, optionally recorded as a deployment.
import * as core from '@actions/core';
import { bumpSummary } from '../../core/job-summary.js';
import { deliveryInputs, deploymentPlan, requestContext, runAction, type ActionCommand, type DeliveryInputs } from '../action-runtime.js';
import type { BumpOptions, BumpOutput } from '../commands/bump.js';

type BumpInputs = Omit<BumpOptions, 'mode' | 'commitVia' | 'pullRequest'> & DeliveryInputs;

const bump: ActionCommand<BumpInputs, BumpOutput> = {
  name: 'bump',
  getInputs: (input, repo) => ({
    ...repo,
    env: input.required('env'),
    app: input.required('app'),
    image: input.required('image'),
    sourceRevision: input.optional('source-revision') ?? (process.env.GITHUB_SHA || undefined),
    ...requestContext(input),
    dryRun: input.boolean('dry-run'),
    maxAttempts: input.positiveInt('max-attempts'),
    ...deliveryInputs(input),
  }),
  run: async ({ deployments: _d, environmentUrl: _u, ...inputs }, context) => {
    const needs = inputs.mode === 'pull-request' ? 'mode: pull-request' : inputs.commitVia === 'api' ? 'commit-via: api' : undefined;
    const github = needs ? await context.githubTarget(needs) : undefined;
    const result = await (await import('../commands/bump.js')).runBump({ ...inputs, ...(github ? { github } : {}), progress: context.progress, phase: context.phase });
    if (result.notice) core.warning(`ferry bump: ${result.notice}`, { title: `ferry bump: pull request #${result.pullRequestNumber ?? ''}` });
    // (One or more, joined: the gates a bump does not evaluate, a tag a Helm pin cannot hold, a working clone.)
    if (result.warning) core.warning(`ferry bump: ${result.warning}`, { title: `ferry bump: a warning for ${result.app} in ${result.env}` });
    return result;
  },
  outputs: (r, context) => ({ status: r.status, digest: r.digest, image: r.image, commit: r.commit, 'commit-url': r.commitUrl ?? context.commitUrl(r.commit), 'pull-request-url': r.pullRequestUrl ?? '' }),
  log: (r) => ({ Plan: r.diff || `${r.app} in ${r.env} already pins ${r.image}` }),
  deployments: (i) => deploymentPlan(i, i.env, [i.app]),
  deployed: (r) => ({ state: 'success', commit: r.commit, apps: [r.app], description: `${r.status === 'skipped' ? 'already pinned' : 'pinned'} ${r.image.split('/').pop()!.slice(0, 80)} (${r.commit.slice(0, 12)})` }),
  statusOutput: true,
  summary: bumpSummary,
};

await runAction(bump);
