// The status action (`ferry status`): what every environment pins for every app, and since which commit;
// the JSON in a report file, and in an output while it is small.
import { statusSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { StatusOutput } from '../commands/status.js';

const status: ActionCommand<RepoInputs & { reportPath?: string }, StatusOutput> = {
  name: 'status',
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional('report-path') }),
  run: async ({ reportPath: _r, ...inputs }, context) => (await import('../commands/status.js')).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ 'status-json': JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary,
};

await runAction(status);
