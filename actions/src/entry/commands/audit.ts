import { GitEnvRepo, notARegularFile, redactUrl, type FileRead } from '../../adapters/git.js';
import type { AuditRange, PathKind, Violation } from '../../core/audit.js';
import { startAudit } from '../../core/audit-run.js';
import { ConfigurationError, quote } from '../../core/errors.js';
import type { PhaseHook } from './phases.js';

export interface AuditReport {
  repo: string;
  branch: string;
  commit: string;
  env?: string;
  since?: string;
  until?: string;
  /** An earlier audit's head: only the commits after it are reported. */
  after?: string;
  /** Commits read. */
  checked: number;
  /** With since, until or after: the stretch of the line reported (first and last commit; neither when it holds none). */
  range?: AuditRange;
  violations: Violation[];
}

/**
 * A date or a time as an ISO instant in UTC. A day that does not exist (2026-02-30) is refused, not
 * rolled over into the next month; a date alone as the end of a range (`end`) takes in that whole
 * day, UTC: --until 2026-11-20 includes what happened on the 20th. A time without a zone is UTC
 * too, as a date alone is (Date would read it in this machine's zone: one audit, two answers).
 */
function isoDate(value: string, field: string, end = false): string {
  const bad = () => new ConfigurationError({ field, message: `expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found ${JSON.stringify(value)}` });
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?) ?(Z|UTC|GMT|[+-]\d\d:?\d\d)?)?$/i.exec(value);
  if (!m) throw bad();
  const zone = m[5] === undefined || /^(?:z|utc|gmt)$/i.test(m[5]) ? 'Z' : m[5].includes(':') ? m[5] : `${m[5].slice(0, 3)}:${m[5].slice(3)}`;
  const time = new Date(m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : `${m[1]}-${m[2]}-${m[3]}T${m[4]}${zone}`);
  if (Number.isNaN(time.getTime())) throw bad();
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw bad();
  const instant = end && value.length === 10 ? new Date(date.getTime() + 86_399_000) : time;
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `ferry audit`: the whole history, read from git alone, checked against the rules. */
export async function runAudit(options: { repo: string; branch: string; env?: string; since?: string; until?: string; after?: string; phase?: PhaseHook }): Promise<AuditReport> {
  const after = options.after;
  if (after !== undefined && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(after)) throw new ConfigurationError({ field: 'after', message: `expected a full commit id (an earlier audit's commit), found ${quote(after)}` });
  const since = options.since !== undefined ? isoDate(options.since, 'since') : undefined;
  const until = options.until !== undefined ? isoDate(options.until, 'until', true) : undefined;
  // An empty range would check nothing and pass: a mistake, not a clean audit.
  if (since !== undefined && until !== undefined && since > until) throw new ConfigurationError({ field: 'until', message: `${JSON.stringify(options.until)} is before since (${JSON.stringify(options.since)}): the range holds no commit` });
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const filters = { ...(options.env !== undefined ? { env: options.env } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}), ...(after !== undefined ? { after } : {}) };
  const opening = GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true });
  // The rules load while git starts reading: only the git adapter comes before the readers start.
  const audit = startAudit({ ...filters, phase, kindOf });
  const repo = await opening;
  try {
    const { commit, ...found } = await audit(repo);
    return { repo: redactUrl(repo.url), branch: options.branch, commit, ...filters, ...found };
  } finally {
    await repo.close();
  }
}

/** What a file read is: a regular file (text that is not UTF-8 too), nothing, or what the read refused it as. */
function kindOf(file: FileRead): PathKind {
  if (file === undefined) return 'none';
  if (typeof file === 'string') return 'file';
  const said = file.problems[0]?.message;
  return said === NOT_A_FILE.link ? 'link' : said === NOT_A_FILE.directory ? 'directory' : said === NOT_A_FILE.submodule ? 'other' : 'file';
}
const NOT_A_FILE = {
  link: notARegularFile('', 'a symbolic link').problems[0]!.message,
  directory: notARegularFile('', 'a directory').problems[0]!.message,
  submodule: notARegularFile('', 'a submodule').problems[0]!.message,
};

/** The report as markdown (loads the rules' module, as runAudit does). */
export async function formatAuditMarkdown(report: AuditReport): Promise<string> {
  return (await import('../../core/audit.js')).formatAuditMarkdown(report);
}
