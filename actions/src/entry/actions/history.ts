// The history action (`ferry history`): the Ferry commits of the env repo, newest first, from their trailers;
// the JSON in a report file, and in an output while it is small.
import * as core from '@actions/core';
import { historySummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { HistoryOutput } from '../commands/history.js';

const history: ActionCommand<RepoInputs & { env?: string; app?: string; reportPath?: string }, HistoryOutput> = {
  name: 'history',
  getInputs: (input, repo) => ({ ...repo, env: input.optional('env'), app: input.optional('app'), reportPath: input.optional('report-path') }),
  run: async ({ reportPath: _r, ...inputs }, context) => {
    const result = await (await import('../commands/history.js')).runHistory({ ...inputs, phase: context.phase });
    // (ferry.yaml's problems, as the error formats them: text of the env repo, quoted)
    if (result.warning) core.warning(`ferry history: ${result.warning}`, { title: 'ferry history: ferry.yaml could not be read' });
    return result;
  },
  outputs: (r) => ({ 'history-json': JSON.stringify(r) }),
  report: (i) => i.reportPath,
  summary: historySummary,
};

await runAction(history);
