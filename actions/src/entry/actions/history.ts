// The history action (`ferry history`): the Ferry commits of the env repo, newest first, from their trailers.
import { historySummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { HistoryOutput } from '../commands/history.js';

const history: ActionCommand<RepoInputs & { env?: string; app?: string }, HistoryOutput> = {
  name: 'history',
  getInputs: (input, repo) => ({ ...repo, env: input.optional('env'), app: input.optional('app') }),
  run: async (inputs, context) => (await import('../commands/history.js')).runHistory({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ 'history-json': JSON.stringify(r) }),
  summary: historySummary,
};

await runAction(history);
