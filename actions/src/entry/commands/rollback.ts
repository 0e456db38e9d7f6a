import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { defaultWriteOptions, writeChange } from '../../core/env-repo-writer.js';
import { checkRollbackRequest, planRollback, type PinEvent, type RollbackRequest, type RollbackResult } from '../../core/rollback.js';

export interface RollbackOptions extends RollbackRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  progress?: (line: string) => void;
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
  const log = await repo.ferryLog(head);
  const events: PinEvent[] = [];
  let oldest: { index: number; previous?: string } | undefined;
  log.forEach((entry, index) => {
    const one = (key: string) => entry.trailers.get(key)?.[0];
    const image = one('Ferry-Image');
    if (one('Ferry-Env') !== env || one('Ferry-App') !== app || !image) return;
    events.push({ commit: entry.commit, date: entry.date, action: one('Ferry-Action') ?? '', image });
    const previous = one('Ferry-Previous-Image');
    oldest = { index, ...(previous ? { previous } : {}) };
  });
  // What the oldest Ferry pin replaced (the template's pin, a hand edit) was pinned in its parent.
  const parent = oldest && log[oldest.index + 1];
  if (oldest?.previous?.includes('@sha256:') && parent) events.push({ commit: parent.commit, date: parent.date, action: 'before', image: oldest.previous });
  return events;
}

/** `ferry rollback`: one commit that pins an earlier image (and with --block, blocks the current one). */
export async function runRollback(options: RollbackOptions): Promise<RollbackOutput> {
  checkRollbackRequest(options);
  // The whole history (without blobs): the earlier pins are read from the Ferry commits' trailers.
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const first = await repo.head();
    const history = await pinHistory(repo, first.commit, options.env, options.app);
    if (options.dryRun) {
      const planned = await planRollback(first, history, options);
      return { status: 'planned', ...common, commit: first.commit, attempts: 1, ...planned.result };
    }
    // A retry reads the new head, whose history is this one plus newer commits; the image to go
    // back to stays the one chosen here, and the current pin is read again.
    let seen: string | undefined;
    const outcome = await writeChange(repo, async (snapshot) => {
      const planned = await planRollback(snapshot, history, options);
      seen ??= planned.result.previousImage;
      if (planned.result.previousImage !== seen) {
        throw new Error(`${options.app} in ${options.env} was pinned to ${planned.result.previousImage} by another writer while rolling back from ${seen}; nothing written: run ferry rollback again`);
      }
      return planned;
    }, {
      onRetry: (attempt, delay, error) => options.progress?.(`lost a race (${error.message}); recomputing on the new head in ${delay} ms (attempt ${attempt + 1} of ${defaultWriteOptions.maxAttempts})`),
    });
    return { status: 'succeeded', ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
