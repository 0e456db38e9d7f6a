// The status action (`ferry status`): what every environment pins for every app, and since which commit.
import { statusSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { StatusOutput } from '../commands/status.js';

const status: ActionCommand<RepoInputs, StatusOutput> = {
  name: 'status',
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import('../commands/status.js')).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ 'status-json': JSON.stringify(r) }),
  summary: statusSummary,
};

await runAction(status);
