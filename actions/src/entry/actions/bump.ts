// The bump action (`ferry bump`): pins one image by digest in one app's manifest of one environment.
import { bumpSummary } from '../../core/job-summary.js';
import { requestContext, runAction, type ActionCommand } from '../action-runtime.js';
import type { BumpOptions, BumpOutput } from '../commands/bump.js';

const bump: ActionCommand<BumpOptions, BumpOutput> = {
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
  }),
  run: async (inputs, context) => (await import('../commands/bump.js')).runBump({ ...inputs, progress: context.progress }),
  outputs: (r, context) => ({ status: r.status, digest: r.digest, image: r.image, commit: r.commit, 'commit-url': context.commitUrl(r.commit) }),
  log: (r) => ({ Plan: r.diff || `${r.app} in ${r.env} already pins ${r.image}` }),
  summary: bumpSummary,
};

await runAction(bump);
