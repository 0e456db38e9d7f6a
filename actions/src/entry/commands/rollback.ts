import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { pinEvents } from '../../core/history.js';
import { reportRetries, writeChange } from '../../core/env-repo-writer.js';
import { writerPhases, type PhaseHook } from './phases.js';
import { checkRollbackRequest, planRollback, type PinEvent, type RollbackRequest, type RollbackResult } from '../../core/rollback.js';

export interface RollbackOptions extends RollbackRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
}

export interface RollbackOutput extends RollbackResult {
  status: 'succeeded' | 'planned';
  repo: string;
  branch: string;
  commit: string;
  attempts: number;
}

/** The app's pins in the environment by Ferry commits, newest first, and the image the oldest replaced. */
async function pinHistory(repo: GitEnvRepo, head: string, env: string, app: string): Promise<PinEvent[]> {
  const log = await repo.log(head);
  const events = pinEvents(log).filter((e) => e.env === env && e.app === app);
  // What the oldest Ferry pin replaced (the template's pin, a hand edit) was in place in its parent.
  const oldest = events.at(-1);
  const parent = oldest && log[log.findIndex((e) => e.commit === oldest.commit) + 1];
  if (oldest?.previousImage?.includes('@sha256:') && parent) events.push({ commit: parent.commit, date: parent.date, action: 'before', env, app, image: oldest.previousImage });
  return events;
}

/** `ferry rollback`: one commit that pins an earlier image (and with --block, blocks the current one). */
export async function runRollback(options: RollbackOptions): Promise<RollbackOutput> {
  checkRollbackRequest(options);
  // The whole history (without blobs): the earlier pins are read from the Ferry commits' trailers.
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const first = await repo.head();
    const history = await pinHistory(repo, first.commit, options.env, options.app);
    if (options.dryRun) {
      phase('Plan the rollback');
      const planned = await planRollback(first, history, options);
      return { status: 'planned', ...common, commit: first.commit, attempts: 1, ...planned.result };
    }
    // A retry reads the new head, whose history is this one plus newer commits; the image to go
    // back to stays the one chosen here, and the current pin is read again.
    let seen: string | undefined;
    const phases = writerPhases(phase, { plan: 'Plan the rollback', write: 'Commit with git and update the branch' });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      const planned = await planRollback(snapshot, history, options);
      seen ??= planned.result.previousImage;
      if (planned.result.previousImage !== seen) {
        throw new Error(`${options.app} in ${options.env} was pinned to ${planned.result.previousImage} by another writer while rolling back from ${seen}; nothing written: run ferry rollback again`);
      }
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress),
    });
    return { status: 'succeeded', ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
