import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { findApp, findEnvironment } from '../../core/config.js';
import { CONFIG_FILE, readConfig } from '../../core/env-repo-config.js';
import { historyEvents, type HistoryEvent } from '../../core/history.js';
import type { PhaseHook } from './phases.js';

export interface HistoryOutput {
  repo: string;
  branch: string;
  commit: string;
  /** Newest first. */
  events: HistoryEvent[];
}

/** `ferry history`: the Ferry commits of the env repo, from their trailers, newest first. */
export async function runHistory(options: { repo: string; branch: string; env?: string; app?: string; phase?: PhaseHook }): Promise<HistoryOutput> {
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    // Names are checked against today's ferry.yaml, so that a typo is not an empty history.
    const config = await readConfig(head);
    if (options.env !== undefined) findEnvironment(config, options.env);
    if (options.app !== undefined) findApp(config, options.app);
    phase('Read the Ferry commits');
    const events = historyEvents(await repo.log(head.commit), { ...(options.env !== undefined ? { env: options.env } : {}), ...(options.app !== undefined ? { app: options.app } : {}) });
    return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, events };
  } finally {
    await repo.close();
  }
}
export { formatHistory } from '../../core/history.js';
