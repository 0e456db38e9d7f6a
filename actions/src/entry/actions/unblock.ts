// The unblock action (`ferry unblock`): one commit that removes a digest from blocked.yaml.
import { blockSummary } from '../../core/job-summary.js';
import { requestContext, runAction, type ActionCommand } from '../action-runtime.js';
import type { BlockOptions, BlockOutput } from '../commands/block.js';

const unblock: ActionCommand<BlockOptions, BlockOutput> = {
  name: 'unblock',
  getInputs: (input, repo) => ({
    ...repo,
    action: 'unblock',
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

await runAction(unblock);
