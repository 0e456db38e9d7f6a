// The validate action (`ferry validate`): ferry.yaml and every pinned manifest, every problem at once.
import { formatProblem } from '../../core/errors.js';
import { validateSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { ValidateOutput } from '../commands/validate.js';

const validate: ActionCommand<RepoInputs, ValidateOutput> = {
  name: 'validate',
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import('../commands/validate.js')).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  // What does not fail validation but will stop a command unless it is given something at run time.
  log: (r) => (r.warnings.length ? { [`${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}`]: r.warnings.map(formatProblem).join('\n') } : {}),
  failure: (r) => r.status === 'succeeded' ? undefined : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems,
  },
  statusOutput: true,
  summary: validateSummary,
};

await runAction(validate);
