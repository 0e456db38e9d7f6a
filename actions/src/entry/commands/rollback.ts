import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { givenImage } from '../../core/image-ref.js';
import { reportRetries, writeChange } from '../../core/env-repo-writer.js';
import { writerPhases, type PhaseHook } from './phases.js';
import { checkRollbackRequest, pinTimeline, planRollback, rollbackManifest, skippedLines, type ManifestVersion, type RollbackRequest, type RollbackResult } from '../../core/rollback.js';

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

/**
 * The manifest at `path` after each commit on the first-parent line of `head` that changed it
 * (a merge: against its first parent), newest first. A side branch's commits are not read: what
 * they pinned was in place on this branch only as far as a merge brought it. Cost: one pass over
 * the first-parent log limited to the manifest's path (no blobs), then the versions of this one
 * manifest in one fetch.
 */
async function manifestVersions(repo: GitEnvRepo, head: string, path: string): Promise<ManifestVersion[]> {
  const changed = await repo.pathChanges(head, [path]);
  const texts = await repo.readFileVersions(changed.map((c) => c.commit), path);
  return changed.map((c, i) => ({ commit: c.commit, date: c.date, trailers: c.trailers, text: texts[i] }));
}

/** `ferry rollback`: one commit that pins an earlier image (and with --block, blocks the current one). */
export async function runRollback(given: RollbackOptions): Promise<RollbackOutput> {
  // --to without the white space around it, as the action reads its input: the CLI goes back to the same image.
  const options = given.to === undefined ? given : { ...given, to: givenImage(given.to) };
  checkRollbackRequest(options);
  // The whole history (without blobs): the earlier pins are read from the manifest's versions.
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const first = await repo.head();
    const { app, path } = await rollbackManifest(first, options);
    const history = pinTimeline(await manifestVersions(repo, first.commit, path), options.env, app, path);
    const report = (result: RollbackResult) => {
      for (const line of skippedLines(result, app)) options.progress?.(line);
    };
    if (options.dryRun) {
      phase('Plan the rollback');
      const planned = await planRollback(first, history, options);
      report(planned.result);
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
    report(outcome.result);
    return { status: 'succeeded', ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
