import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE, checkBlockRequest, planBlock, type BlockRequest, type BlockResult } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { givenImage } from '../../core/image-ref.js';
import { reportRetries, writeChange } from '../../core/env-repo-writer.js';
import { writerPhases, type PhaseHook } from './phases.js';

export interface BlockOptions extends BlockRequest {
  repo: string;
  branch: string;
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
}

export interface BlockOutput extends BlockResult {
  status: 'succeeded' | 'skipped';
  repo: string;
  branch: string;
  /** The commit made; for `skipped`, the head that was read. */
  commit: string;
  attempts: number;
}

/** `ferry block` / `ferry unblock`: one commit that adds or removes a blocked.yaml entry. */
export async function runBlock(given: BlockOptions): Promise<BlockOutput> {
  // Without the white space around it, as the action reads its input: the CLI blocks the same image.
  const options = { ...given, image: givenImage(given.image) };
  checkBlockRequest(options); // bad input fails before anything is fetched
  const phase = options.phase ?? (() => {});
  phase('Read the env repo');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, ...(options.progress ? { warn: (w: string) => options.progress!(`warning: ${w}`) } : {}) });
  try {
    const phases = writerPhases(phase, { plan: `Plan the ${options.action}`, write: 'Commit with git and update the branch' });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      // The entry's `at:` is the date its commit bears: GIT_COMMITTER_DATE's where it fixes one
      // (read only for an entry written: a block in place already commits nothing).
      const planned = await planBlock(snapshot, { ...options, now: () => repo.committerDate() ?? options.now?.() ?? new Date() });
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress),
    });
    // A block covers the digest for every app: what another app's entry means here is said (and in --json, `notice`).
    if (outcome.result.notice) options.progress?.(outcome.result.notice);
    return { status: outcome.status, repo: redactUrl(repo.url), branch: options.branch, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
