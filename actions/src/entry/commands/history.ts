import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import type { FerryConfig } from '../../core/config.js';
import { CONFIG_FILE, readConfig } from '../../core/env-repo-config.js';
import { ConfigurationError } from '../../core/errors.js';
import { branchHistoryEvents, inFilter, unknownFilterNames, unreadConfigWarning, type HistoryEvent } from '../../core/history.js';
import { isoUtc } from '../../core/table.js';
import type { PhaseHook } from './phases.js';

export interface HistoryOutput {
  repo: string;
  branch: string;
  commit: string;
  /** The filters asked for, when any. */
  env?: string;
  app?: string;
  /** Newest first. */
  events: HistoryEvent[];
  /** Why today's ferry.yaml could not be read (the events come from the trailers all the same); absent when it was. */
  warning?: string;
}

/**
 * `ferry history`: the Ferry commits of the env repo, from their trailers, newest first. A broken
 * ferry.yaml is a warning, not a failure: an auditor needs the history most when it is broken.
 */
export async function runHistory(options: { repo: string; branch: string; env?: string; app?: string; phase?: PhaseHook }): Promise<HistoryOutput> {
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    let config: FerryConfig | undefined;
    let unread: ConfigurationError | undefined;
    try {
      config = await readConfig(head);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      unread = error;
    }
    phase('Read the Ferry commits');
    // Each change once, and only what reached the branch (a pull request merged with Ferry's own message is one change).
    const all = branchHistoryEvents(await repo.log(head.commit), head.commit);
    // A name in neither today's ferry.yaml nor the history is a typo, not an empty history.
    const unknown = unknownFilterNames(options, all, config);
    if (unknown.length) throw new ConfigurationError([...unknown, ...(unread?.problems ?? [])]);
    // Dates in UTC, as audit's: committers' zones differ, and a program compares them as text.
    const events = all.filter((e) => inFilter(e, options)).map((e) => ({ ...e, date: isoUtc(e.date) }));
    return {
      repo: redactUrl(repo.url), branch: options.branch, commit: head.commit,
      ...(options.env !== undefined ? { env: options.env } : {}), ...(options.app !== undefined ? { app: options.app } : {}),
      events, ...(unread ? { warning: unreadConfigWarning(unread) } : {}),
    };
  } finally {
    await repo.close();
  }
}
export { formatHistory } from '../../core/history.js';
