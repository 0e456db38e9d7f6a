// The validate action (`ferry validate`): ferry.yaml and every pinned manifest, every problem at once.
import { validateSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { ValidateOutput } from '../commands/validate.js';

const validate: ActionCommand<RepoInputs, ValidateOutput> = {
  name: 'validate',
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import('../commands/validate.js')).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === 'succeeded' ? undefined : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems,
  },
  statusOutput: true,
  summary: validateSummary,
};

await runAction(validate);
