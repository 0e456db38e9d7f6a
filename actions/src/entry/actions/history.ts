// The history action (`ferry history`): the Ferry commits of the env repo, newest first, from their trailers.
import { historySummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { HistoryOutput } from '../commands/history.js';

const history: ActionCommand<RepoInputs & { env?: string; app?: string }, HistoryOutput> = {
  name: 'history',
  getInputs: (input, repo) => ({ ...repo, env: input.optional('env'), app: input.optional('app') }),
  run: async (inputs) => (await import('../commands/history.js')).runHistory(inputs),
  outputs: (r) => ({ 'history-json': JSON.stringify(r) }),
  summary: historySummary,
};

await runAction(history);
