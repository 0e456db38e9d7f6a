import type { BlockedDigest } from './blocklist.js';
import { clip, formatTable, TAG_WIDTH, utc, visible } from './table.js';
import { manifestPath, type AppConfig, type EnvironmentConfig, type FerryConfig } from './config.js';
import { ConfigurationError, formatProblem } from './errors.js';
import { pinEvents, type PinEvent } from './history.js';
import { readPinnedImage, readPinnedImageAt, type LocatedPin } from './image-pin.js';
import { imageParts, shortDigest } from './image-ref.js';
import { judgeKustomizePins, type ReadFiles } from './kustomize-resources.js';
import { landings } from './landing.js';
import { runLength, type SourceVersion } from './soak.js';
import type { TrailerValues } from './trailers.js';
import { pinProblems } from './validate.js';

/**
 * The last commit that changed a file, whatever it changed there (a comment edited by hand
 * counts): not necessarily the commit that set the pin the file holds now.
 */
export interface ChangeInfo {
  commit: string;
  /** Committer date, ISO 8601 with the committer's offset. */
  date: string;
  /** The commit's author as git recorded it (on a CI runner without an identity, Ferry's own). */
  author: string;
  /** Who asked for it: the commit's Ferry-Requested-By trailer, when it has one (text from the commit message, as anyone could write it). */
  requestedBy?: string;
  subject: string;
}

/**
 * The commit that began a digest's current run in a manifest (ChangeInfo: its commit, date,
 * author, subject), and how the digest got there: `action`, a Ferry commit's, or `byHand`.
 * `requestedBy` is the Ferry commit's Ferry-Requested-By (none for a change by hand).
 */
export interface PinnedInfo extends ChangeInfo {
  /** The Ferry-Action of the Ferry commit that pinned the digest (`bump`, `promote`, `rollback`); `init` for `ferry init`'s first commit. */
  action?: string;
  /** That Ferry commit, when it is not `commit`: a merge (`commit`) brought it in. */
  ferryCommit?: string;
  /** No Ferry commit put the digest there (a change by hand, which `ferry audit` reports). */
  byHand?: true;
}

export interface StatusRow {
  env: string;
  app: string;
  manifest: string;
  /** What the manifest pins, as far as it could be read (also when `error` says it is not a sound pin). */
  image?: string;
  tag?: string;
  digest?: string;
  /**
   * The first-parent commit from which the manifest has held its digest without a break (a merge,
   * for a pin that a merge brought in), and whether a Ferry commit put the digest there: only for
   * a sound pin (no `error`) whose history shows it.
   */
  pinned?: PinnedInfo;
  /**
   * The last commit that changed the manifest (any change to it, not only to the pin): another
   * commit than `pinned.commit` when the file changed since, its digest did not.
   */
  changed?: ChangeInfo;
  /**
   * Why this row is not a sound pin of the app's image, as `ferry validate` reports it: the file
   * is missing or does not parse, the pin is not found, or it pins another image than the app's
   * (its registry and repository in ferry.yaml), or no digest.
   */
  error?: string;
  /**
   * The blocked.yaml entry that blocks the digest pinned (findBlocked(): the app's own entry, else
   * another app's, which blocks it for every app): the pin still runs a digest no bump, promotion
   * or rollback may pin.
   */
  blocked?: BlockEntry;
}

/** A blocked.yaml entry as status shows it: for which app it was blocked, why, by whom and when. */
export type BlockEntry = Pick<BlockedDigest, 'app' | 'reason' | 'by' | 'at'>;

export interface StatusResult {
  commit: string;
  environments: string[];
  apps: string[];
  rows: StatusRow[];
  /**
   * Why blocked.yaml could not be read (unreadBlocklistWarning()): the rows are all there, but no
   * digest was checked against it, so none is marked blocked; absent when it was read, or there is none.
   */
  warning?: string;
}

/**
 * The warning of a status read without blocked.yaml, on one line: what was wrong with it. Status is
 * read-only, and the on-call's view during an incident: the table all the same, its digests unchecked.
 */
export function unreadBlocklistWarning(error: ConfigurationError): string {
  return visible(`blocked.yaml does not read (${error.problems.map(formatProblem).join('; ')}): digests not checked against it`);
}

/**
 * What every app pins in every environment, from manifests already read (`files`), without the
 * last changes (computeStatus adds them): the parsing can run while git reads the history.
 */
/**
 * Every app × environment pin of `files` (each manifest's text, or the problem that kept it from
 * being read: a row of its own, shown with `!` and why, not the end of the table).
 */
export function readPins(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): StatusRow[] {
  return config.apps.flatMap((app) => config.environments.map((env) => readPin(app, env, files)));
}

/**
 * `rows` (readPins of `files`), each kustomize pin that is never deployed marked with validate's
 * problem, as any other pin validate rejects: its images: entry matches no container image of
 * what its kustomization builds (kustomize-resources.ts; the files its `resources:` and
 * `components:` name are read with `readFiles`, level by level, every pin's at once).
 */
export async function markUndeployedPins(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>, rows: StatusRow[], readFiles: ReadFiles): Promise<StatusRow[]> {
  const apps = new Map(config.apps.map((a) => [a.name, a]));
  const asks = rows.flatMap((row, i) => {
    const pin = apps.get(row.app)?.pin;
    const text = files.get(row.manifest);
    return row.error === undefined && pin?.kind === 'kustomize' && typeof text === 'string' ? [{ i, pin: { file: row.manifest, text, name: pin.name } }] : [];
  });
  if (asks.length === 0) return rows;
  const problems = await judgeKustomizePins(asks.map((a) => a.pin), readFiles);
  asks.forEach(({ i }, k) => {
    const problem = problems[k];
    if (problem) rows[i] = { ...rows[i]!, error: formatProblem(problem) };
  });
  return rows;
}

/**
 * Every app × environment pin (readPins) with the last change of its manifest, the commit that
 * pinned its digest (pinnedSince(), in the same order as `pins`), where it is known, and the
 * blocked.yaml entry that blocks its digest, where one does (`blockedBy`: blocklist.ts's
 * findBlocked() on the head's blocklist; passed in, so that status loads no YAML editor before it reads one).
 */
export function computeStatus(config: FerryConfig, commit: string, pins: readonly StatusRow[], changes: ReadonlyMap<string, ChangeInfo>, pinned: readonly (PinnedInfo | undefined)[] = [], blockedBy: (app: string, digest: string) => BlockedDigest | undefined = () => undefined): StatusResult {
  const rows = pins.map(({ env, app, manifest, ...pin }, i) => {
    const change = changes.get(manifest);
    const since = pinned[i];
    const entry = pin.digest !== undefined ? blockedBy(app, pin.digest) : undefined;
    const blocked = entry && { app: entry.app, reason: entry.reason, ...(entry.by !== undefined ? { by: entry.by } : {}), ...(entry.at !== undefined ? { at: entry.at } : {}) };
    return { env, app, manifest, ...(since ? { pinned: since } : {}), ...(change ? { changed: change } : {}), ...pin, ...(blocked ? { blocked } : {}) };
  });
  return { commit, environments: config.environments.map((e) => e.name), apps: config.apps.map((a) => a.name), rows };
}

/** A commit as status reads it (PinHistory.commitInfos): as ChangeInfo, with its Ferry trailers and its parents (the first one first). */
export interface StatusCommit extends ChangeInfo {
  trailers: TrailerValues;
  parents: readonly string[];
}

/** A file as a read of the history ends: its text, no file, or why it cannot be read. */
type FileRead = string | undefined | ConfigurationError;

/** The reads of the env repo's history that pinnedSince() makes (GitEnvRepo has them). */
export interface PinHistory {
  /** Each of `commits` (ids). */
  commitInfos(commits: readonly string[]): Promise<ReadonlyMap<string, StatusCommit>>;
  /** The first-parent commits from `head` on that changed any of `paths`, newest first, each with those of them it changed. */
  pathChanges(head: string, paths: readonly string[]): Promise<readonly { commit: string; files: readonly string[] }[]>;
  /** Each file at its commit, made into what `read` keeps of it. */
  readFilesAt<T>(versions: readonly { commit: string; path: string }[], read: (file: FileRead, path: string) => T): Promise<T[]>;
  /** Every commit reachable from `tip` and from none of `not`, newest first, with its parents and Ferry trailers. */
  log(tip: string, not: readonly string[]): Promise<readonly LoggedCommit[]>;
}

/** A commit as PinHistory.log() reads it. */
interface LoggedCommit {
  commit: string;
  date: string;
  trailers: TrailerValues;
  parents?: readonly string[];
}

/**
 * For each of `rows` (in their order), the commit that began the current run of its digest in its
 * manifest, as soak counts a run (soak.ts): the first-parent commit from which the file has held
 * that digest without a break, whatever else changed in it since (a comment, a tag, the order of
 * keys). Undefined for a row with an error or no digest, or whose history does not show it.
 *
 * Most manifests were last changed by the pin itself: the last change (`changes`, one walk of the
 * history for every manifest) is that pin when it is a Ferry pin of the digest whose
 * Ferry-Previous-Image is another digest, or the file's first commit. Only the others are read
 * further back: one log of the commits that changed their manifests, then their versions, newest
 * first (the newest is the row's), a few at a time, each round every run still open in one read,
 * until one pins another digest. A run that begins at a merge is the Ferry pin the merge brought
 * in: one log for every such merge (mergedIn).
 */
export async function pinnedSince(history: PinHistory, config: FerryConfig, head: string, rows: readonly StatusRow[], changes: ReadonlyMap<string, ChangeInfo>): Promise<(PinnedInfo | undefined)[]> {
  const result: (PinnedInfo | undefined)[] = rows.map(() => undefined);
  const apps = new Map(config.apps.map((a) => [a.name, a]));
  const asks = rows.flatMap((row, i) => {
    const last = changes.get(row.manifest);
    const app = apps.get(row.app);
    return row.digest !== undefined && row.error === undefined && last && app ? [{ i, row, app, digest: row.digest, last: last.commit }] : [];
  });
  if (asks.length === 0) return result;
  const lasts = await history.commitInfos(asks.map((a) => a.last));
  const open: typeof asks = [];
  for (const ask of asks) {
    const last = lasts.get(ask.last);
    const pin = last && ferryPin(last, ask.row, ask.digest);
    // (A re-pin of the digest under another tag: its run began before.)
    if (last && pin && (pin.previousImage === undefined || imageParts(pin.previousImage).digest !== ask.digest)) result[ask.i] = pinnedInfo(last, pin);
    else if (last && last.parents.length === 0) result[ask.i] = pinnedInfo(last, undefined); // (the file's first commit: nothing came before)
    else open.push(ask);
  }
  if (open.length === 0) return result;

  const commitsOf = new Map<string, string[]>(open.map((a) => [a.row.manifest, []]));
  const changed = await history.pathChanges(head, [...commitsOf.keys()]);
  for (const { commit, files } of changed) for (const f of files) commitsOf.get(f)?.push(commit);
  const runs = open.map((ask) => {
    const commits = commitsOf.get(ask.row.manifest)!;
    // (The newest of them is the last change: its version is the one read already, the row's.)
    return { ask, commits, versions: commits[0] === ask.last ? [{ commit: ask.last, digest: ask.digest }] : [] as SourceVersion[], next: 2 };
  });
  // Read on, round by round, until every run has an end (or its history has none).
  const unfinished = () => runs.filter((r) => r.versions.length < r.commits.length && runLength(r.versions, r.ask.digest) === r.versions.length);
  for (let round = unfinished(); round.length; round = unfinished()) {
    const next = round.map((r) => r.commits.slice(r.versions.length, r.versions.length + r.next));
    const texts = await history.readFilesAt(round.flatMap((r, i) => next[i]!.map((commit) => ({ commit, path: r.ask.row.manifest }))), (file) => file);
    let at = 0;
    round.forEach((r, i) => {
      for (const commit of next[i]!) r.versions.push({ commit, digest: pinnedDigest(texts[at++], r.ask.row.manifest, r.ask.app) });
      r.next *= 4;
    });
  }
  const starts = runs.map((r) => {
    const run = runLength(r.versions, r.ask.digest);
    return run > 0 ? r.versions[run - 1]!.commit : undefined;
  });
  const infos = await history.commitInfos(starts.filter((s): s is string => s !== undefined));
  // What the merges that began runs brought in, all read at once (many runs begin at merges: every
  // pin of an env repo whose pull requests are merged), for those whose own trailers do not pin it.
  const place = new Map(changed.map((c, i) => [c.commit, i]));
  const merges = new Map<string, StatusCommit>();
  for (const [k, { ask }] of runs.entries()) {
    const start = infos.get(starts[k] ?? '');
    if (start && start.parents.length > 1 && !ferryPin(start, ask.row, ask.digest)) merges.set(start.commit, start);
  }
  const brought = await mergedIn(history, [...merges.values()].sort((a, b) => place.get(a.commit)! - place.get(b.commit)!));
  for (const [k, { ask }] of runs.entries()) {
    const start = infos.get(starts[k] ?? '');
    if (!start) continue;
    // (Else the newest pin of the digest among the commits its merge brought in.)
    let pin = ferryPin(start, ask.row, ask.digest);
    for (const c of brought.get(start.commit) ?? []) pin ??= ferryPin(c, ask.row, ask.digest);
    result[ask.i] = pinnedInfo(start, pin);
  }
  return result;
}

/** A Ferry pin of `digest` for the row's app and environment among a commit's trailers, with its Ferry-Requested-By. */
function ferryPin(c: { commit: string; date: string; trailers: TrailerValues }, row: StatusRow, digest: string): (PinEvent & { requestedBy?: string }) | undefined {
  const pin = pinEvents([c]).find((p) => p.action !== '' && p.env === row.env && p.app === row.app && imageParts(p.image).digest === digest);
  const requestedBy = c.trailers.get('Ferry-Requested-By')?.[0];
  return pin && (requestedBy ? { ...pin, requestedBy } : pin);
}

/**
 * The commits each of `merges` (first-parent commits, newest first) brought in, newest first, as
 * landings() tells (promote and history read them so): whatever it merged that its first parent
 * had not, also through merges of merges. One log, from the newest merge back to the first parent
 * of the oldest, for all of them: a log per merge cost a git each (904 for 900 merged pins).
 */
async function mergedIn(history: PinHistory, merges: readonly StatusCommit[]): Promise<Map<string, LoggedCommit[]>> {
  const brought = new Map(merges.map((m) => [m.commit, [] as LoggedCommit[]]));
  const newest = merges[0];
  const oldest = merges.at(-1)?.parents[0];
  if (!newest || oldest === undefined) return brought;
  const log = await history.log(newest.commit, [oldest]);
  const landed = landings(log, newest.commit);
  for (const c of log) {
    const merge = landed.get(c.commit)?.commit;
    if (merge !== c.commit) brought.get(merge ?? '')?.push(c);
  }
  return brought;
}

/** What status says of the commit that began a run: the Ferry pin that landed with it, `ferry init`'s first commit, or a change by hand. */
function pinnedInfo(c: StatusCommit, pin: (PinEvent & { requestedBy?: string }) | undefined): PinnedInfo {
  const { commit, date, author, subject } = c;
  if (pin) return { commit, date, author, ...(pin.requestedBy ? { requestedBy: pin.requestedBy } : {}), subject, action: pin.action, ...(pin.commit !== commit ? { ferryCommit: pin.commit } : {}) };
  if (c.parents.length === 0 && c.trailers.get('Ferry-Action')?.[0] === 'init') return { commit, date, author, ...(c.requestedBy ? { requestedBy: c.requestedBy } : {}), subject, action: 'init' };
  return { commit, date, author, subject, byHand: true };
}

/** The digest a version of a manifest pins: undefined for none, or for a version that does not read (it pins nothing). */
function pinnedDigest(text: FileRead, path: string, app: AppConfig): string | undefined {
  try {
    return typeof text === 'string' ? readPinnedImage(text, path, app.pin).digest : undefined;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return undefined;
  }
}

function readPin(app: AppConfig, env: EnvironmentConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): StatusRow {
  const manifest = manifestPath(app, env.name);
  const row: StatusRow = { env: env.name, app: app.name, manifest };
  const text = files.get(manifest);
  if (text === undefined) return { ...row, error: `${manifest}: no such file` };
  if (text instanceof ConfigurationError) return { ...row, error: text.problems.map(formatProblem).join('; ') };
  let located: LocatedPin;
  try {
    located = readPinnedImageAt(text, manifest, app.pin);
  } catch (error) {
    return { ...row, error: error instanceof ConfigurationError ? error.problems.map(formatProblem).join('; ') : String(error) };
  }
  const { pinned } = located;
  const expected = `${app.registry}/${app.image}`;
  // A Helm pin without a repository path: the chart names the image, which is the app's.
  row.image = pinned.name === undefined && app.pin.kind === 'helm' && app.pin.repository === undefined ? `${expected}${pinned.image}` : pinned.image;
  if (pinned.tag !== undefined) row.tag = pinned.tag;
  if (pinned.digest !== undefined) row.digest = pinned.digest;
  // A sound pin names the app's image, by digest, every part well formed; any other is what
  // validate reports, in its words.
  const problems = pinProblems(manifest, located, app, text);
  if (problems.length) row.error = problems.map(formatProblem).join('; ');
  return row;
}

/** The widest a tag is shown in the table (table.ts's, which `ferry history` cuts its tags to as well). */
export { TAG_WIDTH };

/**
 * BY: who asked for a Ferry pin (its Ferry-Requested-By; nothing when it names no one, as `ferry
 * history` shows it: its author is whoever ran Ferry, on a runner without a git identity Ferry's
 * own, who asked for nothing); the author of a change by hand, marked `(by hand)`, and of `ferry
 * init`'s commit, marked `(ferry init)`; and of a row's last change when its pin is not known.
 */
function by(shown: ChangeInfo, pinned: PinnedInfo | undefined): string {
  if (pinned?.byHand) return `${shown.author} (by hand)`;
  if (pinned?.action === 'init') return `${shown.requestedBy ?? shown.author} (ferry init)`;
  if (pinned) return shown.requestedBy ?? '';
  return shown.requestedBy ?? shown.author;
}

/** The widest a note on a blocked digest is (--json has the entry whole). */
const NOTE_WIDTH = 100;

/**
 * `(blocked) web in stage, prod-us: sha256:1a2b3c4d5e6f blocked: INC-77 (by oncall)`: where an app
 * still runs a digest blocked.yaml blocks, why and who blocked it (for which app, when another's
 * entry blocks it), cut to NOTE_WIDTH columns: the reason before who, so that a long requester is
 * what is cut.
 */
function blockedNote(row: StatusRow, envs: readonly string[]): string {
  const entry = row.blocked!;
  const forApp = entry.app !== row.app ? ` for app ${JSON.stringify(entry.app)}` : '';
  return clip(visible(`(blocked) ${row.app} in ${envs.join(', ')}: ${shortDigest(row.digest!)} blocked${forApp}: ${entry.reason}${entry.by ? ` (by ${entry.by})` : ''}`), NOTE_WIDTH);
}

/**
 * A plain-text table, one line per pin, that keeps to a terminal's width: a tag longer than
 * TAG_WIDTH is cut with `…` (--json has it whole). PINNED, COMMIT and BY are the commit that
 * pinned the digest (`pinned`), BY who asked for it (see `by`); `(by hand)` when no Ferry commit
 * put it there, `(ferry init)` for `ferry init`'s; a `*` after the commit when the manifest changed
 * since, its digest not (a line below the table says so; --json has the last change). A row
 * without `pinned` (an error, or a history that does not show it) shows the last change of its
 * manifest. A row with an error shows `!` in place of its tag and digest, and its reason goes
 * below the table, one line each (`! <app> in <env>: <reason>`): a reason runs to hundreds of
 * characters and would set the width of its column for every row. A digest blocked.yaml blocks is
 * marked `(blocked)`, and a line below the table says, for each app and blocked digest, in which
 * environments it still runs, why and who blocked it (`(blocked) <app> in <envs>: …`).
 */
export function formatStatusTable(status: StatusResult): string {
  const rows: string[][] = [];
  const notes: string[] = [];
  let since = false;
  // Each blocked digest an app still runs: the environments that pin it, in the table's order.
  const blocked = new Map<string, { row: StatusRow; envs: string[] }>();
  for (const row of status.rows) {
    if (!row.blocked || row.digest === undefined) continue;
    const key = `${row.app}\0${row.digest}`;
    const seen = blocked.get(key);
    if (seen) seen.envs.push(row.env);
    else blocked.set(key, { row, envs: [row.env] });
  }
  for (const row of status.rows) {
    if (row.error) notes.push(visible(`! ${row.app} in ${row.env}: ${row.error}`));
    const { pinned, changed } = row;
    const moved = pinned !== undefined && changed !== undefined && changed.commit !== pinned.commit;
    since ||= moved;
    const shown = pinned ?? changed;
    rows.push([
      row.app,
      row.env,
      row.error ? '!' : clip(visible(row.tag ?? '-'), TAG_WIDTH),
      row.error ? 'see below' : row.digest ? `${shortDigest(row.digest)}${row.blocked ? ' (blocked)' : ''}` : '(no digest)',
      shown ? utc(shown.date) : '-',
      shown ? `${shown.commit.slice(0, 12)}${moved ? '*' : ''}` : '-',
      shown ? by(shown, pinned) : '-',
    ]);
  }
  for (const { row, envs } of blocked.values()) notes.push(blockedNote(row, envs));
  if (since) notes.unshift('* the manifest changed since the pin, its digest did not (--json: "changed" is the last change)');
  const table = formatTable(['APP', 'ENV', 'TAG', 'DIGEST', 'PINNED', 'COMMIT', 'BY'], rows);
  return notes.length ? `${table}\n\n${notes.join('\n')}` : table;
}
