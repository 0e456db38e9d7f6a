// The status action (`ferry status`): what every environment pins for every app, and since which commit;
// the JSON in a report file, and in an output while it is small.
import * as core from '@actions/core';
import { statusSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { StatusOutput } from '../commands/status.js';

const status: ActionCommand<RepoInputs & { reportPath?: string }, StatusOutput> = {
  name: 'status',
  getInputs: (input, repo) => ({ ...repo, reportPath: input.optional('report-path') }),
  run: async ({ reportPath: _r, ...inputs }, context) => {
    const result = await (await import('../commands/status.js')).runStatus({ ...inputs, phase: context.phase });
    // (blocked.yaml's problems, as the error formats them: the table all the same, its digests unchecked)
    if (result.warning) core.warning(`ferry status: ${result.warning}`, { title: 'ferry status: blocked.yaml could not be read' });
    return result;
  },
  outputs: (r) => ({ 'status-json': JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: statusSummary,
};

await runAction(status);
