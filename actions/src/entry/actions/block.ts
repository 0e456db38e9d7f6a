// The block action (`ferry block`): one commit that adds a digest to blocked.yaml, so that no bump, promotion or rollback pins it.
import { blockSummary } from '../../core/job-summary.js';
import { requestContext, runAction, type ActionCommand } from '../action-runtime.js';
import type { BlockOptions, BlockOutput } from '../commands/block.js';

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
  run: async (inputs, context) => (await import('../commands/block.js')).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, 'commit-url': context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary,
};

await runAction(block);
