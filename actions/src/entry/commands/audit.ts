import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { audit, type Violation } from '../../core/audit.js';
import { parseConfig, findEnvironment, type FerryConfig } from '../../core/config.js';
import { CONFIG_FILE, readConfig } from '../../core/env-repo-config.js';
import { ConfigurationError } from '../../core/errors.js';
import type { PhaseHook } from './phases.js';

export interface AuditReport {
  repo: string;
  branch: string;
  commit: string;
  env?: string;
  since?: string;
  until?: string;
  /** Commits read. */
  checked: number;
  violations: Violation[];
}

function isoDate(value: string, field: string): string {
  const time = new Date(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(time.getTime())) throw new ConfigurationError({ field, message: `expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found ${JSON.stringify(value)}` });
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `ferry audit`: the whole history, read from git alone, checked against the rules. */
export async function runAudit(options: { repo: string; branch: string; env?: string; since?: string; until?: string; phase?: PhaseHook }): Promise<AuditReport> {
  const since = options.since !== undefined ? isoDate(options.since, 'since') : undefined;
  const until = options.until !== undefined ? isoDate(options.until, 'until') : undefined;
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    if (options.env !== undefined) findEnvironment(await readConfig(head), options.env);
    const log = await repo.log(head.commit, { files: true, oldestFirst: true });
    phase('Read ferry.yaml as it was at each change');
    // ferry.yaml as it was at each commit: read where it changed, in effect until the next change.
    const versions: { index: number; config: FerryConfig | undefined }[] = [];
    for (const [index, c] of log.entries()) {
      if (!c.files.includes(CONFIG_FILE)) continue;
      const text = (await repo.readFiles(c.commit, [CONFIG_FILE])).get(CONFIG_FILE);
      let config: FerryConfig | undefined;
      try {
        config = text === undefined ? undefined : parseConfig(text, CONFIG_FILE);
      } catch {
        config = versions.at(-1)?.config; // a broken ferry.yaml: the last good one still stands
      }
      versions.push({ index, config });
    }
    const configAt = (index: number) => {
      let found: FerryConfig | undefined;
      for (const v of versions) if (v.index <= index) found = v.config;
      return found;
    };
    phase('Check the rules');
    // Commit dates as git prints them carry the committer's zone; compare them in UTC.
    const commits = log.map((c) => ({ ...c, date: new Date(c.date).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
    const violations = audit(commits, configAt, { ...(options.env !== undefined ? { env: options.env } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}) });
    return {
      repo: redactUrl(repo.url), branch: options.branch, commit: head.commit,
      ...(options.env !== undefined ? { env: options.env } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}),
      checked: log.length, violations,
    };
  } finally {
    await repo.close();
  }
}
export { formatAuditMarkdown } from '../../core/audit.js';
