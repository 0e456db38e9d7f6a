import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { pinEvents } from '../../core/history.js';
import { reportRetries, writeChange } from '../../core/env-repo-writer.js';
import { GateError, checkPromoteRequest, planPromote, type PromoteRequest, type PromoteResult } from '../../core/promote.js';

export interface PromoteOptions extends PromoteRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  now?: () => Date;
  progress?: (line: string) => void;
}

export interface PromoteOutput extends PromoteResult {
  status: 'succeeded' | 'skipped' | 'planned' | 'stopped';
  repo: string;
  branch: string;
  commit: string;
  attempts: number;
}

/** `ferry promote`: the exact digests of one environment into the next, one commit, gated. */
export async function runPromote(options: PromoteOptions): Promise<PromoteOutput> {
  checkPromoteRequest(options);
  // The whole history (without blobs): soak reads when the source environment got each digest.
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const now = options.now?.() ?? new Date();
    const first = await repo.head();
    const pins = pinEvents(await repo.log(first.commit));
    try {
      if (options.dryRun) {
        const planned = await planPromote(first, options, pins, now);
        return { status: planned.write ? 'planned' : 'skipped', ...common, commit: first.commit, attempts: 1, ...planned.result };
      }
      const outcome = await writeChange(repo, (snapshot) => planPromote(snapshot, options, pins, now), {
        onRetry: reportRetries(options.progress),
      });
      return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
    } catch (error) {
      if (error instanceof GateError) return { status: 'stopped', ...common, commit: first.commit, attempts: 1, ...error.result };
      throw error;
    }
  } finally {
    await repo.close();
  }
}
