import { GitEnvRepo, notARegularFile, redactUrl, type FileRead, type LogEntry } from '../../adapters/git.js';
import type { AuditRange, Auditor, MergeSides, PathKind, PathLook, PreviousClaim, Violation } from '../../core/audit.js';
import type { FerryConfig } from '../../core/config.js';
import { BLOCKLIST_FILE } from '../../core/env-repo-files.js';
import { ConfigurationError, formatProblem, quote } from '../../core/errors.js';
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

/** Versions of ferry.yaml kept parsed while the history is read. */
const VERSIONS_KEPT = 8;

/**
 * A date or a time as an ISO instant in UTC. A day that does not exist (2026-02-30) is refused, not
 * rolled over into the next month; a date alone as the end of a range (`end`) takes in that whole
 * day, UTC: --until 2026-11-20 includes what happened on the 20th.
 */
function isoDate(value: string, field: string, end = false): string {
  const bad = () => new ConfigurationError({ field, message: `expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found ${JSON.stringify(value)}` });
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(value);
  const time = new Date(value);
  if (!m || Number.isNaN(time.getTime())) throw bad();
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
  const opening = GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true });
  // The rules load while git starts reading: only the git adapter comes before the readers start.
  const rules = import('../../core/audit.js');
  rules.catch(() => {}); // awaited below
  const repo = await opening;
  try {
    const head = await repo.head();
    const { env } = options;
    const history = repo.firstParentHistory(head.commit);
    const first = history.next();
    first.catch(() => {}); // awaited below
    let auditor: Auditor;
    /** What the merges brought in: read at the first merge taken apart, for it and every later one (three gits). */
    let sides: MergeSides<LogEntry> | undefined;
    // The YAML and schema code loads while the history is read (the readers started at the first batch asked for).
    try {
      const { Auditor, MergeSides, writesBlocklist } = await rules;
      auditor = new Auditor({ ...(env !== undefined ? { env } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}), ...(after !== undefined ? { after } : {}) });
      const [{ parseConfig, findEnvironment, manifestPath }, { CONFIG_FILE, readConfig }] = await Promise.all([import('../../core/config.js'), import('../../core/env-repo-config.js')]);
      if (env !== undefined) findEnvironment(await readConfig(head), env);
      phase('Check every commit, oldest first');
      // ferry.yaml as it was at each commit: read where it changed, in effect until the next change.
      let config: FerryConfig | undefined;
      let atHead: Promise<Map<string, string | undefined | ConfigurationError>> | undefined;
      /**
       * The last versions of ferry.yaml read, by mode and blob id: each as parsed, or the reason it
       * could not be. One the history returns to (a change reverted) is not read again.
       */
      const versions = new Map<string, FerryConfig | undefined | ConfigurationError>();
      const configAt = async (commit: string): Promise<FerryConfig | undefined> => {
        const id = await repo.fileId(commit, CONFIG_FILE);
        if (id === undefined) return undefined; // (none)
        let version = versions.get(id);
        if (!versions.has(id)) {
          try {
            const text = (await repo.readFiles(commit, [CONFIG_FILE])).get(CONFIG_FILE);
            version = text === undefined ? undefined : await parseConfig(text, CONFIG_FILE);
          } catch (error) {
            if (!(error instanceof ConfigurationError)) throw error;
            version = error;
          }
        }
        versions.delete(id);
        versions.set(id, version);
        if (versions.size > VERSIONS_KEPT) versions.delete(versions.keys().next().value!);
        if (version instanceof ConfigurationError) throw version;
        // (A config of its own, as a parse makes one: each change is a change to the auditor.)
        return version && { ...version };
      };
      const check = async (c: LogEntry) => {
        const before = config;
        if (c.files.includes(CONFIG_FILE)) {
          try {
            // A ferry.yaml deleted, like a broken one, leaves the last good one in force: a
            // commit cannot switch the checks off by removing the rules for a while.
            config = (await configAt(c.commit)) ?? config;
          } catch (error) {
            // a broken ferry.yaml: the last good one still stands (anything else is a failure)
            if (!(error instanceof ConfigurationError)) throw error;
          }
        }
        auditor.check(c, config, before);
        // A block, unblock or rollback --block: the entries it added to blocked.yaml and removed
        // from it, read from the file before and after it (such commits are few).
        if (c.files.includes(BLOCKLIST_FILE) && writesBlocklist(c)) {
          const [parent] = await repo.parents(c.commit);
          const [was, is] = await Promise.all([blocklistAt(parent), blocklistAt(c.commit)]);
          if (typeof is === 'string') auditor.checkBlocklistChange(c, { unreadable: is });
          else if (typeof was !== 'string') auditor.checkBlocklistChange(c, changed(was, is)); // (after a blocklist broken by hand, reported then, what changed cannot be told)
        }
        // The manifests at the head, read in the background from the first ferry.yaml on: the pins
        // on record at the end are checked against them. (Searched for a digest, never edited: a
        // file that is not UTF-8 is read all the same; one that is no file, a link, is reported.)
        if (config && !atHead) {
          const { environments, apps } = config;
          const paths = environments.flatMap((e) => apps.map((a) => manifestPath(a, e.name)));
          atHead = repo.readFilesReporting(head.commit, paths, { lossy: true });
          atHead.catch(() => {}); // awaited below
        }
      };
      /** blocked.yaml's entries at a commit, as `digest app`, one per entry ([] with no file), or why it cannot be read. */
      const blocklistAt = async (commit: string | undefined): Promise<string[] | string> => {
        if (commit === undefined) return [];
        const [text] = await repo.readFilesAt([{ commit, path: BLOCKLIST_FILE }]);
        if (text === undefined) return [];
        try {
          if (text instanceof ConfigurationError) throw text;
          return (await import('../../core/blocklist.js')).parseBlocklist(text).map((e) => `${e.digest} ${e.app}`);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          return error.problems.map(formatProblem).join('; ');
        }
      };
      /**
       * A merge taken apart (its commits read by takeApart()), checked: the commits it brought in
       * first, as if they had landed one by one, then the merge for what it changed beyond them. A
       * file the merge changed (against its first parent) is the branch's when the merge has it
       * as a branch tip had it and a checked commit of that branch changed it; otherwise it is the
       * merge's own change (a conflict resolved by hand, or a version the branch had from history
       * the line had discarded: a hand edit merged with `-s ours`, then brought back). A merge on a
       * branch may also take a tip that the line's history holds (main merged into the branch):
       * its version is known, not the merge's own. What the side commits changed that the merge
       * did not keep is as it was before them (endMerge()). Returns the files the merge changed
       * through a checked commit or by itself: what a merge it is on brought in.
       */
      const checkTakenApart = async (t: TakenApart, line: boolean): Promise<Set<string>> => {
        const { merge } = t;
        const kept = new Set(merge.files);
        const saved = config;
        const mark = auditor.beginMerge(config, t.paths);
        const brought = new Set<string>();
        const known = new Set<string>();
        for (const { tip, commits } of t.sides) {
          const changed = new Set<string>();
          for (const c of commits) {
            if ('sides' in c) for (const f of await checkTakenApart(c, false)) changed.add(f);
            else {
              await check(c);
              for (const f of c.files) changed.add(f);
            }
          }
          const same = merge.files.length ? sides!.sameFiles(merge.commit, tip, merge.files) ?? await repo.sameFiles(merge.commit, tip, merge.files) : [];
          for (const f of same) if (changed.has(f)) brought.add(f);
          // (On a branch, a tip of the line's history: its files were checked there.)
          const rest = line ? [] : [...same].filter((f) => !brought.has(f));
          if (rest.length && (sides!.side(t.known, tip) ?? await repo.sideHistory(t.known, tip)).length === 0) for (const f of rest) known.add(f);
        }
        for (const f of brought) known.delete(f);
        const own = merge.files.filter((f) => !brought.has(f) && !known.has(f));
        // ferry.yaml as the merge left it: the line's where it kept that (a change on the branch
        // discarded), the merge's where it took a branch's (its own change is checked below).
        if (!kept.has(CONFIG_FILE)) config = saved;
        else if (!own.includes(CONFIG_FILE)) config = await configAt(merge.commit).catch((error: unknown) => {
          if (!(error instanceof ConfigurationError)) throw error;
          return undefined; // (broken: the last good one stands)
        }) ?? config;
        auditor.endMerge(mark, kept, known, config);
        await check({ ...merge, files: own });
        for (const f of own) brought.add(f);
        return brought;
      };
      /** The merges on the first-parent line, oldest first, each with its place in the history checked. */
      const merges: { merge: LogEntry; seq: number }[] = [];
      for (let next = await first; !next.done; next = await history.next()) {
        for (const c of next.value) {
          // A merge without trailers (the walk gives a merge's parents) that changed a guarded file,
          // or brought in commits that did or that have Ferry trailers: checked through them.
          if (c.parents && c.trailers.count === 0 && config) {
            if (!sides) {
              const { parents, side, differences } = await repo.commitsSince(head.commit, c.parents[0]!);
              sides = new MergeSides(head.commit, c.parents[0]!, parents, side, differences);
            }
            const t = await takeApart(repo, sides, c, c.parents, [], true);
            if (t.ferry || auditor.guards(config, [...t.paths]) || auditor.guards(config, c.files)) {
              await checkTakenApart(t, true);
              merges.push({ merge: c, seq: auditor.checked });
              continue;
            }
          }
          if (c.files.includes(CONFIG_FILE) || c.files.includes(BLOCKLIST_FILE)) await check(c);
          else auditor.check(c, config);
          if (c.parents) merges.push({ merge: c, seq: auditor.checked });
        }
      }
      // The first-parent line is what is checked, from its first commit (a `ferry init`) on. A merge
      // that joins a history with another first commit (a root made by hand, merged on top of the
      // branch without a force push) would make that root the line's start, and the branch's
      // earlier history a side the line never goes through: the commits it joins are told.
      if (merges.length) {
        const roots = await repo.rootCommits(head.commit);
        if (roots.length > 1) {
          for (const { merge: m, seq } of merges) {
            for (const other of m.parents!.slice(1)) if (!(await repo.related(m.parents![0]!, other))) auditor.unrelatedHistory(m, other, roots, seq);
          }
        }
      }
      // Manifests ferry.yaml began to guard, and files changed where a directory on the way to one
      // is (a symbolic link): what each is at its commit. (Few: read only where asked.)
      const looks = auditor.pathsToRead();
      if (looks.length) {
        const kinds = await repo.readFilesAt(looks.flatMap((look) => look.read.map((path) => ({ commit: look.commit, path }))), kindOf);
        const found = new Map<PathLook, PathKind[]>();
        let at = 0;
        for (const look of looks) found.set(look, kinds.slice(at, (at += look.read.length)));
        auditor.settlePaths(found);
      }
      // A verdict that rests on what a first pin said it replaced (a rollback to the template's
      // image, say): the manifest before that pin is to hold it. (Few: read only where needed.)
      const claims = auditor.claimsToCheck();
      if (claims.length) {
        const parents = await Promise.all(claims.map((claim) => repo.parents(claim.commit)));
        const asked = claims.flatMap((claim, i) => (parents[i]![0] !== undefined ? [{ claim, commit: parents[i]![0]!, path: claim.path }] : []));
        const texts = await repo.readFilesAt(asked);
        const before = new Map<PreviousClaim, string | undefined>(claims.map((claim) => [claim, undefined]));
        asked.forEach(({ claim }, i) => before.set(claim, typeof texts[i] === 'string' ? texts[i] : undefined));
        auditor.settleClaims(before);
      }
      // The files at the head hold what the last pin of each recorded: a last pin made otherwise
      // than its trailers say has no later pin to show it.
      const pins = config ? auditor.recordedPins(config) : [];
      if (pins.length) {
        const texts = new Map(await atHead);
        const unread = pins.map((p) => p.path).filter((path) => !texts.has(path)); // (ferry.yaml moved some since)
        if (unread.length) for (const [path, text] of await repo.readFilesReporting(head.commit, unread, { lossy: true })) texts.set(path, text);
        auditor.checkHead(pins, texts);
      }
    } finally {
      await history.return(undefined);
    }
    const range = auditor.range();
    return {
      repo: redactUrl(repo.url), branch: options.branch, commit: head.commit,
      ...(env !== undefined ? { env } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}),
      ...(after !== undefined ? { after } : {}),
      checked: auditor.checked, ...(range ? { range } : {}), violations: auditor.inRange(),
    };
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

/** The entries `is` has more of than `was` (added), and fewer (removed), each once per entry. */
function changed(was: readonly string[], is: readonly string[]): { added: string[]; removed: string[] } {
  const count = new Map<string, number>();
  for (const e of is) count.set(e, (count.get(e) ?? 0) + 1);
  for (const e of was) count.set(e, (count.get(e) ?? 0) - 1);
  const added: string[] = [];
  const removed: string[] = [];
  for (const [e, n] of count) for (let i = 0; i < Math.abs(n); i++) (n > 0 ? added : removed).push(e);
  return { added, removed };
}

/** A merge without Ferry trailers, with what it brought in: each other parent (tip) with the commits of it not in the history before (its first parent's, and `known`). */
interface TakenApart {
  merge: LogEntry;
  known: readonly string[];
  /** Each tip's commits, oldest first; a merge among them taken apart the same way. */
  sides: { tip: string; commits: (LogEntry | TakenApart)[] }[];
  /** Every file they change (the merges' among them included). */
  paths: Set<string>;
  /** Whether one of them has Ferry trailers. */
  ferry: boolean;
}

/**
 * A merge without Ferry trailers (a pull request of Ferry's merged on GitHub with a merge commit),
 * taken apart: the commits it brought in, read from the history read at the first merge (from git,
 * for what it cannot tell). A merge on a branch (GitHub's "Update branch" merges the base in) is
 * taken apart the same way; commits of histories already read (`known`, the base's) are not read
 * again. A tip of a line's merge whose history shares no commit with the line's is left out: the
 * merge is reported as unrelated-history.
 */
async function takeApart(repo: GitEnvRepo, sides: MergeSides<LogEntry>, merge: LogEntry, parents: readonly string[], known: readonly string[], line: boolean): Promise<TakenApart> {
  const [first, ...tips] = parents;
  const read = [first!, ...known];
  const t: TakenApart = { merge, known, sides: [], paths: new Set(), ferry: false };
  for (const tip of tips) {
    const chain = sides.side(read, tip) ?? await repo.sideHistory(read, tip);
    if (line && chain.length && sides.parents(chain[0]!.commit)?.length === 0) continue; // (a root: another history)
    const commits: (LogEntry | TakenApart)[] = [];
    for (const c of chain) {
      const inner = c.trailers.count === 0 ? sides.parents(c.commit) ?? (c.files.length ? await repo.parents(c.commit) : undefined) : undefined;
      if (inner && inner.length > 1) {
        const taken = await takeApart(repo, sides, c, inner, read, false);
        for (const f of taken.paths) t.paths.add(f);
        t.ferry ||= taken.ferry;
        commits.push(taken);
      } else {
        t.ferry ||= c.trailers.count > 0;
        commits.push(c);
      }
      for (const f of c.files) t.paths.add(f);
    }
    t.sides.push({ tip, commits });
  }
  return t;
}

/** The report as markdown (loads the rules' module, as runAudit does). */
export async function formatAuditMarkdown(report: AuditReport): Promise<string> {
  return (await import('../../core/audit.js')).formatAuditMarkdown(report);
}
