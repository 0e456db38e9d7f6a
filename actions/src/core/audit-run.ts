// `ferry audit`'s walk (DESIGN.md, "Commits are the audit log"): the env repo's first-parent line
// read oldest first and each commit checked against the rules (audit.ts's Auditor), with ferry.yaml
// as it was at that commit, the merges without trailers taken apart, and, at the end, the few files
// the history alone cannot judge read where the rules ask for them. The history is read through
// AuditSource (the git adapter's GitEnvRepo has it); the rules and the YAML and schema code load
// while the source starts reading.
import type { AuditCommit, AuditOptions, AuditRange, Auditor, HandFile, HandPin, MergeSides, OverrideChange, OverrideVersion, PathKind, PathLook, PreviousClaim, Violation } from './audit.js';
import type { FerryConfig } from './config.js';
import { BLOCKLIST_FILE, CONFIG_FILE } from './env-repo-files.js';
import type { EnvRepoSnapshot } from './env-repo-writer.js';
import { ConfigurationError, formatProblem } from './errors.js';

/** A file as a read of it ends: its text, no file there (undefined), or why it cannot be read. */
type FileRead = string | undefined | ConfigurationError;

/** How many first parents back from a merged branch's fork audit looks for a commit it checked (Auditor.side()). */
const FORK_WALK = 64;

/** A commit as the source's history gives it. */
export interface AuditEntry extends AuditCommit {
  /** Its parents, the first one first (firstParentHistory(): a merge's only). */
  parents?: readonly string[];
}

/** The reads of the env repo's history that the audit makes (the git adapter's GitEnvRepo has them). */
export interface AuditSource {
  /** The branch head. */
  head(): Promise<EnvRepoSnapshot>;
  /** The first-parent history of `commit`, oldest first, in batches, each commit with the files it changed against its first parent (a merge with its parents). */
  firstParentHistory(commit: string): AsyncGenerator<readonly AuditEntry[]>;
  /** What is at `path` in `commit` as its mode and object id (the same for the same file), undefined where there is nothing. */
  fileId(commit: string, path: string): Promise<string | undefined>;
  /** Files' texts at `commit` (undefined: no such file); one that is no text Ferry can read is refused (ConfigurationError). */
  readFiles(commit: string, paths: readonly string[]): Promise<ReadonlyMap<string, string | undefined>>;
  /** As readFiles(), each file that cannot be read its own ConfigurationError; `lossy`: text that is not UTF-8 is read all the same. */
  readFilesReporting(commit: string, paths: readonly string[], options: { lossy?: boolean }): Promise<ReadonlyMap<string, FileRead>>;
  /** Each file at its commit, in their order (with `read`, what it makes of each). */
  readFilesAt<T = FileRead>(versions: readonly { commit: string; path: string }[], read?: (file: FileRead, path: string) => T): Promise<T[]>;
  /** A commit's parents, the first one first. */
  parents(commit: string): Promise<readonly string[]>;
  /** Those of `paths` that are the same file (or absent from both) in commits `a` and `b`. */
  sameFiles(a: string, b: string, paths: readonly string[]): Promise<ReadonlySet<string>>;
  /** What a merge brought in from `tip`: its first-parent history back to where it meets the history of `known`, oldest first. */
  sideHistory(known: readonly string[], tip: string): Promise<readonly AuditEntry[]>;
  /** What the merges of `commit`'s first-parent line brought in from `since` on, as MergeSides takes it. */
  commitsSince(commit: string, since: string): Promise<{ parents: ReadonlyMap<string, readonly string[]>; side: ReadonlyMap<string, AuditEntry>; differences: ReadonlyMap<string, ReadonlySet<string>> }>;
  /** For each of `asks` (a merge of two parents, the commits its branch forked from, and a file), whether the merge has the file as git's own merge of its parents leaves it (no conflict in it). */
  mergedAsGitWould(asks: readonly { merge: string; parents: readonly [string, string]; bases: readonly string[]; path: string }[]): Promise<boolean[]>;
  /** The root commits (without a parent) in the history of `commit`, its side branches' included. */
  rootCommits(commit: string): Promise<readonly string[]>;
  /** Whether commits `a` and `b` have a commit in common in their histories. */
  related(a: string, b: string): Promise<boolean>;
}

export interface AuditRunOptions extends AuditOptions {
  /** Called as the audit enters each phase. */
  phase?: (name: string) => void;
  /** What a file read is (the source refuses a link, a directory or a submodule with a problem of its own). */
  kindOf: (file: FileRead) => PathKind;
}

/** What the audit found: the head it read, the commits it checked, and the violations reported. */
export interface AuditOutcome {
  commit: string;
  /** Commits read. */
  checked: number;
  /** With since, until or after: the stretch of the line reported. */
  range?: AuditRange;
  violations: Violation[];
}

/** Versions of ferry.yaml kept parsed while the history is read. */
const VERSIONS_KEPT = 8;

/**
 * Starts loading the rules and returns the audit of a source's history. Called as the source
 * starts reading, run once it is open: the rules load while git starts reading (only the git
 * adapter comes before the readers start).
 */
export function startAudit(options: AuditRunOptions): (source: AuditSource) => Promise<AuditOutcome> {
  const rules = import('./audit.js');
  rules.catch(() => {}); // awaited in auditHistory()
  return (source) => auditHistory(source, rules, options);
}

/** The whole history, read from the source alone, checked against the rules. */
async function auditHistory(source: AuditSource, rules: Promise<typeof import('./audit.js')>, options: AuditRunOptions): Promise<AuditOutcome> {
  const head = await source.head();
  const { phase, kindOf, ...filters } = options;
  const history = source.firstParentHistory(head.commit);
  const first = history.next();
  first.catch(() => {}); // awaited below
  let auditor: Auditor;
  /** What the merges brought in: read at the first merge taken apart, for it and every later one (three gits). */
  let sides: MergeSides<AuditEntry> | undefined;
  // The YAML and schema code loads while the history is read (the readers started at the first batch asked for).
  try {
    const { Auditor, MergeSides, recordsOtherFrom, writesBlocklist } = await rules;
    auditor = new Auditor(filters);
    const [{ parseConfig, findEnvironment, manifestPath }, { readConfig }] = await Promise.all([import('./config.js'), import('./env-repo-config.js')]);
    // (Read as the history's versions are: an --env audit refuses no ferry.yaml the plain one reads.)
    if (filters.env !== undefined) findEnvironment(await readConfig(head, { historic: true }), filters.env);
    // Whether a commit of the line changed ferry.yaml: a branch that never had one is no env repo.
    let configSeen = false;
    phase?.('Check every commit, oldest first');
    // ferry.yaml as it was at each commit: read where it changed, in effect until the next change.
    let config: FerryConfig | undefined;
    let atHead: Promise<ReadonlyMap<string, FileRead>> | undefined;
    /**
     * The last versions of ferry.yaml read, by mode and blob id: each as parsed, or the reason it
     * could not be. One the history returns to (a change reverted) is not read again.
     */
    const versions = new Map<string, FerryConfig | undefined | ConfigurationError>();
    const configAt = async (commit: string): Promise<FerryConfig | undefined> => {
      const id = await source.fileId(commit, CONFIG_FILE);
      if (id === undefined) return undefined; // (none)
      let version = versions.get(id);
      if (!versions.has(id)) {
        try {
          const text = (await source.readFiles(commit, [CONFIG_FILE])).get(CONFIG_FILE);
          version = text === undefined ? undefined : await parseConfig(text, CONFIG_FILE, { historic: true });
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
    /**
     * ferry.yaml at a commit's first parent (none: undefined), for a promotion a merge brought in:
     * where it was written (git asked only for one whose Ferry-From the line's ferry.yaml disagrees with).
     */
    const configWritten = async (c: AuditEntry): Promise<FerryConfig | undefined> => {
      const [parent] = sides?.parents(c.commit) ?? await source.parents(c.commit);
      if (parent === undefined) return undefined;
      return configAt(parent).catch((error: unknown) => {
        if (!(error instanceof ConfigurationError)) throw error;
        return undefined; // (broken there: the line's stands)
      });
    };
    /** `c` checked; `side`: a commit a merge brought in (checkTakenApart()). */
    const check = async (c: AuditEntry, side = false) => {
      if (c.files.includes(CONFIG_FILE)) configSeen = true;
      const before = config;
      let unreadable: ConfigurationError | undefined;
      if (c.files.includes(CONFIG_FILE)) {
        try {
          // A ferry.yaml deleted, like a broken one, leaves the last good one in force: a
          // commit cannot switch the checks off by removing the rules for a while.
          config = (await configAt(c.commit)) ?? config;
        } catch (error) {
          // a broken ferry.yaml: the last good one still stands (anything else is a failure)
          if (!(error instanceof ConfigurationError)) throw error;
          // With none before it, no rule is in force: told, not a history that passes (fail closed).
          if (!config) unreadable = error;
        }
      }
      const written = side && recordsOtherFrom(c, before) ? await configWritten(c) : undefined;
      auditor.check(c, config, before ?? null, written);
      if (unreadable) auditor.configUnreadable(c, unreadable.problems.map(formatProblem).join('; '));
      // A block, unblock or rollback --block: the entries it added to blocked.yaml and removed
      // from it, read from the file before and after it (such commits are few).
      if (c.files.includes(BLOCKLIST_FILE) && writesBlocklist(c)) {
        const [parent] = await source.parents(c.commit);
        const [was, is] = await Promise.all([blocklistAt(source, parent), blocklistAt(source, c.commit)]);
        if (typeof is === 'string') auditor.checkBlocklistChange(c, { unreadable: is });
        else if (typeof was !== 'string') auditor.checkBlocklistChange(c, changed(was, is)); // (after a blocklist broken by hand, reported then, what changed cannot be told)
      }
      // The manifests at the head, read in the background from the first ferry.yaml on: the pins
      // on record at the end are checked against them. (Searched for a digest, never edited: a
      // file that is not UTF-8 is read all the same; one that is no file, a link, is reported.)
      if (config && !atHead) {
        const { environments, apps } = config;
        const paths = environments.flatMap((e) => apps.map((a) => manifestPath(a, e.name)));
        atHead = source.readFilesReporting(head.commit, paths, { lossy: true });
        atHead.catch(() => {}); // awaited below
      }
    };
    /**
     * The files merges of two parents have as git's own merge of the two leaves them
     * (`${merge}\0${path}`): git asked at the first merge that needs it, for every merge of the
     * graph with a file as neither parent has it, at once (a history without one asks nothing).
     */
    let gitMerged: Promise<Set<string>> | undefined;
    const asGitMerged = async (merge: string, path: string): Promise<boolean> => {
      gitMerged ??= (async () => {
        const asks = sides!.twoSided().flatMap(({ paths, ...m }) => paths.map((p) => ({ ...m, path: p })));
        const answers = await source.mergedAsGitWould(asks);
        return new Set(asks.filter((_, i) => answers[i]).map((a) => `${a.merge}\0${a.path}`));
      })();
      return (await gitMerged).has(`${merge}\0${path}`);
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
      // (What it brought in landed with it: on the line, at its date, which freeze is judged at.)
      const mark = auditor.beginMerge(config, t.paths, merge);
      const brought = new Set<string>();
      const known = new Set<string>();
      /**
       * A merge of two parents: the files its branch's commits changed, those it has as the branch
       * left them, and whether the branch is of history read before (main merged into a branch).
       */
      let twoWay: { changed: Set<string>; same: Set<string>; read: boolean } | undefined;
      const twoParents = (sides!.parents(merge.commit) ?? merge.parents)?.length === 2;
      for (const { tip, commits } of t.sides) {
        // (Its commits are judged against what their branch had: from the commit it forked from.)
        // A fork not checked (a commit of a merge not taken apart, which changed no guarded file)
        // had the pins of the first checked commit on its first-parent way back (a few at most).
        const oldest = commits[0] && ('sides' in commits[0] ? commits[0].merge.commit : commits[0].commit);
        let fork = oldest !== undefined ? (sides!.parents(oldest) ?? await source.parents(oldest))[0] : undefined;
        for (let step = 0; fork !== undefined && !auditor.hasChecked(fork) && step < FORK_WALK; step++) fork = (sides!.parents(fork) ?? await source.parents(fork))[0];
        auditor.side(fork);
        const changed = new Set<string>();
        for (const c of commits) {
          if ('sides' in c) for (const f of await checkTakenApart(c, false)) changed.add(f);
          else {
            await check(c, true);
            for (const f of c.files) changed.add(f);
          }
        }
        const same = merge.files.length ? sides!.sameFiles(merge.commit, tip, merge.files) ?? await source.sameFiles(merge.commit, tip, merge.files) : [];
        for (const f of same) if (changed.has(f)) brought.add(f);
        if (twoParents) twoWay = { changed, same: new Set(same), read: commits.length === 0 };
        // (On a branch, a tip of the line's history: its files were checked there.)
        const rest = line ? [] : [...same].filter((f) => !brought.has(f));
        if (rest.length && (sides!.side(t.known, tip) ?? await source.sideHistory(t.known, tip)).length === 0) for (const f of rest) known.add(f);
      }
      for (const f of brought) known.delete(f);
      // A manifest both sides changed that the merge has as git's own merge of the two leaves it
      // (no conflict in it): each change it combines is a checked commit's (the line's and the
      // branch's; on a branch that main was merged into, the branch's and the line's), not the
      // merge's own. (A conflict resolved by hand, or a hand in a clean merge, is not git's
      // merge: the merge's own change.)
      if (twoWay && saved) {
        for (const f of merge.files) {
          if (!brought.has(f) && !known.has(f) && (twoWay.changed.has(f) || twoWay.read) && !twoWay.same.has(f) && auditor.pinned(saved, f) && (await asGitMerged(merge.commit, f))) brought.add(f);
        }
      }
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
    const merges: { merge: AuditEntry; seq: number }[] = [];
    for (let next = await first; !next.done; next = await history.next()) {
      for (const c of next.value) {
        // A merge without trailers (the walk gives a merge's parents) that changed a guarded file,
        // or brought in commits that did or that have Ferry trailers: checked through them.
        if (c.parents && c.trailers.count === 0 && config) {
          if (!sides) {
            const { parents, side, differences } = await source.commitsSince(head.commit, c.parents[0]!);
            sides = new MergeSides(head.commit, c.parents[0]!, parents, side, differences);
          }
          const t = await takeApart(source, sides, c, c.parents, [], true);
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
    // A branch that never had ferry.yaml is no env repo: refused as every command refuses it
    // (readConfig() says so), not a history without rules that passes. (One deleted since leaves
    // the last good one in force; one that never read is judged at the commit that left it so.)
    if (!configSeen && (await head.readFile(CONFIG_FILE)) === undefined) await readConfig(head);
    await checkUnrelated(source, auditor, head.commit, merges);
    await settlePaths(source, auditor, kindOf);
    await settleOverrides(source, auditor, kindOf);
    await settleHandEdits(source, auditor);
    await settleClaims(source, auditor);
    // The files at the head hold what the last pin of each recorded: a last pin made otherwise
    // than its trailers say has no later pin to show it.
    const pins = config ? auditor.recordedPins(config) : [];
    if (pins.length) {
      const texts = new Map(await atHead);
      const unread = pins.map((p) => p.path).filter((path) => !texts.has(path)); // (ferry.yaml moved some since)
      if (unread.length) for (const [path, text] of await source.readFilesReporting(head.commit, unread, { lossy: true })) texts.set(path, text);
      auditor.checkHead(pins, texts);
    }
  } finally {
    await history.return(undefined);
  }
  const range = auditor.range();
  return { commit: head.commit, checked: auditor.checked, ...(range ? { range } : {}), violations: auditor.inRange() };
}

/**
 * The first-parent line is what is checked, from its first commit (a `ferry init`) on. A merge
 * that joins a history with another first commit (a root made by hand, merged on top of the
 * branch without a force push) would make that root the line's start, and the branch's
 * earlier history a side the line never goes through: the commits it joins are told.
 */
async function checkUnrelated(source: AuditSource, auditor: Auditor, head: string, merges: readonly { merge: AuditEntry; seq: number }[]): Promise<void> {
  if (!merges.length) return;
  const roots = await source.rootCommits(head);
  if (roots.length <= 1) return;
  for (const { merge: m, seq } of merges) {
    for (const other of m.parents!.slice(1)) if (!(await source.related(m.parents![0]!, other))) auditor.unrelatedHistory(m, other, roots, seq);
  }
}

/**
 * Manifests ferry.yaml began to guard, and files changed where a directory on the way to one
 * is (a symbolic link): what each is at its commit. (Few: read only where asked.)
 */
async function settlePaths(source: AuditSource, auditor: Auditor, kindOf: (file: FileRead) => PathKind): Promise<void> {
  const looks = auditor.pathsToRead();
  if (!looks.length) return;
  const kinds = await source.readFilesAt(looks.flatMap((look) => look.read.map((path) => ({ commit: look.commit, path }))), kindOf);
  const found = new Map<PathLook, PathKind[]>();
  let at = 0;
  for (const look of looks) found.set(look, kinds.slice(at, (at += look.read.length)));
  auditor.settlePaths(found);
}

/**
 * What each Argo CD parameter override file that a commit without trailers changed beside a pinned
 * manifest overrides, as the commit left it and as it was at its first parent, all in one read
 * (such commits are few: a history without any reads nothing, and loads no YAML reader for them).
 * Each version is read as YAML once, and checked once against each set of manifests beside it:
 * a version is both what one commit left and what the next one changed.
 */
async function settleOverrides(source: AuditSource, auditor: Auditor, kindOf: (file: FileRead) => PathKind): Promise<void> {
  const changes = auditor.overridesToRead();
  if (!changes.length) return;
  const reader = import('./argocd-source.js'); // (loads while git reads the parents)
  reader.catch(() => {}); // awaited below
  const commits = [...new Set(changes.map((change) => change.commit))];
  const parents = new Map(await Promise.all(commits.map(async (commit) => [commit, (await source.parents(commit))[0]] as const)));
  const asked = changes.flatMap((change) => {
    const parent = parents.get(change.commit);
    return [{ commit: change.commit, path: change.file }, ...(parent !== undefined ? [{ commit: parent, path: change.file }] : [])];
  });
  /** The sets of manifests each file is beside (the Auditor gives the same array for the same ones). */
  const pinsOf = new Map<string, Set<OverrideChange['pins']>>();
  for (const change of changes) pinsOf.set(change.file, (pinsOf.get(change.file) ?? new Set()).add(change.pins));
  const { overrideFindings, readOverrideFile } = await reader;
  // A symbolic link is refused by the read (Argo CD follows it). A directory, or a submodule (a
  // directory in Argo CD's checkout), is no file to Argo CD, which skips it (as validate, which
  // lists files alone). Anything else Argo CD cannot read is said by overrideFindings.
  const judged = await source.readFilesAt(asked, (file, path) => {
    const kind = kindOf(file);
    if (file === undefined || kind === 'directory' || kind === 'other') return undefined;
    if (kind === 'link') return 'link' as const;
    const reading = readOverrideFile(file);
    return new Map([...pinsOf.get(path)!].map((pins) => [pins, overrideFindings(path, reading, pins)] as const));
  });
  const version = (found: (typeof judged)[number], change: OverrideChange): OverrideVersion => (found instanceof Map ? found.get(change.pins) : found);
  let at = 0;
  const versions = new Map(changes.map((change) => {
    const after = version(judged[at++], change);
    const before = parents.get(change.commit) !== undefined ? version(judged[at++], change) : undefined;
    return [change, { after, before }] as const;
  }));
  auditor.settleOverrides(versions);
}

/**
 * What each hand edit of a pinned manifest pinned: the file as it left it, and the app's manifest
 * at its first parent, all in one read (hand edits are few: a history without any reads nothing).
 */
async function settleHandEdits(source: AuditSource, auditor: Auditor): Promise<void> {
  const hands = auditor.handEditsToRead();
  if (!hands.length) return;
  // (And where ferry.yaml moved the manifest of an app nothing pinned at the new file: the old file before the move.)
  const commits = [...new Set(hands.flatMap((hand) => [...(hand.before ? [hand.commit] : []), ...(hand.moved ? [hand.moved.commit] : [])]))];
  const parents = new Map(await Promise.all(commits.map(async (commit) => [commit, (await source.parents(commit))[0]] as const)));
  const asked: { commit: string; path: string }[] = [];
  const at = hands.map((hand) => {
    const parent = hand.before && parents.get(hand.commit);
    const movedParent = hand.moved && parents.get(hand.moved.commit);
    return [
      asked.push({ commit: hand.commit, path: hand.path }) - 1,
      parent !== undefined ? asked.push({ commit: parent, path: hand.before!.path }) - 1 : -1,
      movedParent !== undefined ? asked.push({ commit: movedParent, path: hand.moved!.path }) - 1 : -1,
    ] as const;
  });
  const [texts, { readPinnedImage }] = await Promise.all([source.readFilesAt(asked), import('./image-pin.js')]);
  const files = new Map<HandPin, { after: HandFile; before: HandFile; moved?: HandFile }>(hands.map((hand, i) => [hand, { after: texts[at[i]![0]], before: at[i]![1] < 0 ? undefined : texts[at[i]![1]], ...(at[i]![2] < 0 ? {} : { moved: texts[at[i]![2]] }) }]));
  // (The app's image names the pin where the file has no place for it: a Helm pin without repository.)
  auditor.settleHandEdits(files, (text, path, app) => readPinnedImage(text, path, app.pin, `${app.registry}/${app.image}`));
}

/**
 * A verdict that rests on what a first pin said it replaced (a rollback to the template's
 * image, say): the manifest before that pin is to hold it. (Few: read only where needed.)
 */
async function settleClaims(source: AuditSource, auditor: Auditor): Promise<void> {
  const claims = auditor.claimsToCheck();
  if (!claims.length) return;
  const parents = await Promise.all(claims.map((claim) => source.parents(claim.commit)));
  const asked = claims.flatMap((claim, i) => (parents[i]![0] !== undefined ? [{ claim, commit: parents[i]![0]!, path: claim.path }] : []));
  const texts = await source.readFilesAt(asked);
  const before = new Map<PreviousClaim, string | undefined>(claims.map((claim) => [claim, undefined]));
  asked.forEach(({ claim }, i) => before.set(claim, typeof texts[i] === 'string' ? texts[i] : undefined));
  auditor.settleClaims(before);
}

/** blocked.yaml's entries at a commit, as `digest app`, one per entry ([] with no file), or why it cannot be read. */
async function blocklistAt(source: AuditSource, commit: string | undefined): Promise<string[] | string> {
  if (commit === undefined) return [];
  const [text] = await source.readFilesAt([{ commit, path: BLOCKLIST_FILE }]);
  if (text === undefined) return [];
  try {
    if (text instanceof ConfigurationError) throw text;
    return (await import('./blocklist.js')).parseBlocklist(text).map((e) => `${e.digest} ${e.app}`);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.problems.map(formatProblem).join('; ');
  }
}

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
  merge: AuditEntry;
  known: readonly string[];
  /** Each tip's commits, oldest first; a merge among them taken apart the same way. */
  sides: { tip: string; commits: (AuditEntry | TakenApart)[] }[];
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
async function takeApart(source: AuditSource, sides: MergeSides<AuditEntry>, merge: AuditEntry, parents: readonly string[], known: readonly string[], line: boolean): Promise<TakenApart> {
  const [first, ...tips] = parents;
  const read = [first!, ...known];
  const t: TakenApart = { merge, known, sides: [], paths: new Set(), ferry: false };
  for (const tip of tips) {
    const chain = sides.side(read, tip) ?? await source.sideHistory(read, tip);
    if (line && chain.length && sides.parents(chain[0]!.commit)?.length === 0) continue; // (a root: another history)
    const commits: (AuditEntry | TakenApart)[] = [];
    for (const c of chain) {
      const inner = c.trailers.count === 0 ? sides.parents(c.commit) ?? (c.files.length ? await source.parents(c.commit) : undefined) : undefined;
      if (inner && inner.length > 1) {
        const taken = await takeApart(source, sides, c, inner, read, false);
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
