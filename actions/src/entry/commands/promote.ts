import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { defaultWriteOptions, writeChange } from '../../core/env-repo-writer.js';
import { GateError, checkPromoteRequest, planPromote, type PinRecord, type PromoteRequest, type PromoteResult } from '../../core/promote.js';

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

/** Every pin by a Ferry commit (bump, promote, rollback), newest first: environment, app, digest, commit, date. */
async function pinRecords(repo: GitEnvRepo, head: string): Promise<PinRecord[]> {
  const records: PinRecord[] = [];
  for (const entry of await repo.ferryLog(head)) {
    const env = entry.trailers.get('Ferry-Env')?.[0];
    const apps = entry.trailers.get('Ferry-App') ?? [];
    const images = entry.trailers.get('Ferry-Image') ?? [];
    if (!env || apps.length !== images.length) continue;
    apps.forEach((app, i) => {
      const digest = images[i]!.slice(images[i]!.lastIndexOf('@') + 1);
      records.push({ env, app, digest, commit: entry.commit, date: entry.date });
    });
  }
  return records;
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
    const pins = await pinRecords(repo, first.commit);
    try {
      if (options.dryRun) {
        const planned = await planPromote(first, options, pins, now);
        return { status: planned.write ? 'planned' : 'skipped', ...common, commit: first.commit, attempts: 1, ...planned.result };
      }
      const outcome = await writeChange(repo, (snapshot) => planPromote(snapshot, options, pins, now), {
        onRetry: (attempt, delay, error) => options.progress?.(`lost a race (${error.message}); recomputing on the new head in ${delay} ms (attempt ${attempt + 1} of ${defaultWriteOptions.maxAttempts})`),
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
