import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { checkBumpRequest, planBump, type BumpRequest, type BumpResult } from '../../core/bump.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { reportRetries, writeChange, type WriteOptions } from '../../core/env-repo-writer.js';

export interface BumpOptions extends BumpRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  maxAttempts?: number;
  /** Progress lines (lost races and their backoff). */
  progress?: (line: string) => void;
  writeOptions?: WriteOptions;
}

export interface BumpOutput extends BumpResult {
  status: 'succeeded' | 'skipped' | 'planned';
  repo: string;
  branch: string;
  /** The commit made; for `skipped` and `planned`, the head that was read. */
  commit: string;
  attempts: number;
}

export async function runBump(options: BumpOptions): Promise<BumpOutput> {
  checkBumpRequest(options); // bad input fails before anything is fetched
  // ferry.yaml, and (in the background, while ferry.yaml is parsed) the directory <env>/<app>/,
  // where most layouts keep the app's manifest for the environment: a guess that costs a small
  // listing or two when wrong.
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE, `${options.env}/${options.app}/`] });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    if (options.dryRun) {
      const head = await repo.head();
      const planned = await planBump(head, options);
      return { status: planned.write ? 'planned' : 'skipped', ...common, commit: head.commit, attempts: 1, ...planned.result };
    }
    const outcome = await writeChange(repo, (snapshot) => planBump(snapshot, options), {
      ...options.writeOptions,
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      onRetry: reportRetries(options.progress, options.maxAttempts),
    });
    return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
