// ferry audit: every environment's timeline rebuilt from git history alone (commit trailers and
// the files each commit changed), and each break of the rules of DESIGN.md reported with the
// commit, date, environment, app, rule and a plain sentence.
import { isAppLogin, personKey } from './approvals.js';
import type { FileOverrides, PinnedManifest } from './argocd-source.js';
import type { AppConfig, FerryConfig, FreezeWindow } from './config.js';
import { ANALYSIS_DIR, ARGOCD_SOURCE_FILE, BLOCKLIST_FILE, CONFIG_FILE } from './env-repo-files.js';
import { ConfigurationError, formatProblem } from './errors.js';
import { cell } from './markdown.js';
import { previousImageOf } from './history.js';
import { manifestPath } from './manifest-path.js';
import { configuredGateNames } from './measured-gates.js';
import { GATE_RECORD, PIN_ACTIONS, isBlank, type TrailerValues } from './trailers.js';
import { isoUtc } from './table.js';
import { shortDigest } from './image-ref.js';
import { parseDuration } from './soak.js';
import { freezeLost, inFreeze, localTime, overWindows } from './freeze-window.js';

export interface AuditCommit {
  commit: string;
  /** Committer date, ISO 8601 (any zone). */
  date: string;
  trailers: TrailerValues & { readonly count: number; first(key: string): string | undefined; repeated(keys: ReadonlySet<string>): [string, number][] | undefined };
  /** Files the commit changed (against its first parent). */
  files: readonly string[];
}

export const AUDIT_RULES = ['skipped-stage', 'unrecorded-change', 'trailers-disagree', 'approvals', 'self-approval', 'gate-not-passed', 'gate-missing', 'blocked-digest', 'rules-weakened', 'unrelated-history'] as const;
export type AuditRule = (typeof AUDIT_RULES)[number];

export interface Violation {
  commit: string;
  date: string;
  env?: string;
  app?: string;
  rule: AuditRule;
  message: string;
}

/**
 * A first pin's word for what its manifest held before it (its Ferry-Previous-Image, where no pin
 * on record says): checked against the file only where a verdict rests on it (claimsToCheck()).
 */
export interface PreviousClaim {
  /** The pin that named it, and its date. */
  commit: string;
  date: string;
  env: string;
  app: string;
  /** The manifest, in ferry.yaml in force at the pin. */
  path: string;
  /** The image the pin says it replaced, and its digest. */
  image: string;
  digest: string;
  /** The pin's place in the history checked (its violations are reported in that order). */
  seq: number;
  /**
   * The hand edit that changed the manifest last before the pin, where the change before it was
   * one: a claim it makes hold (the file held the digest) tells of a hand edit, not of Ferry.
   */
  hand?: HandPin;
}

/**
 * A pinned manifest changed by a commit without Ferry trailers (a hand edit), for an app whose
 * manifest it is after the commit: what it pinned there, read at the end from the file as the
 * commit left it and the app's manifest before it (audit-run.ts: handEditsToRead(),
 * settleHandEdits()). Hand edits are few: only theirs are read. What one pinned is no digest its
 * environment had through Ferry (no rollback there, no promotion from there rests on it); a blocked
 * one is reported, and a verdict about a digest only hand edits pinned names the edit.
 */
export interface HandPin {
  commit: string;
  date: string;
  /** The commit's place in the history checked. */
  seq: number;
  env: string;
  app: string;
  /** The manifest it changed, and the app as ferry.yaml configured it after the commit (how the pin is read). */
  path: string;
  config: AppConfig;
  /**
   * The app's manifest before the commit, in ferry.yaml in force then, where it had one (read at
   * the commit's first parent); where the app had none there (renamed in the commit, say), the
   * same file at its first parent, read as the app's after it.
   */
  before?: { path: string; config: AppConfig };
  /**
   * Where nothing pinned the app there before it and ferry.yaml moved its manifest from another
   * file: the commit that moved it, and the old file (read at that commit's first parent). A pin
   * read there is one the app had: the edit puts no first pin in the file.
   */
  moved?: { commit: string; path: string; config: AppConfig };
  /** The digests blocked at the commit, each with the apps it was blocked for (none: undefined). */
  blocked?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Its unrecorded-change rows: a file that cannot be read after it is said there. */
  rows: Violation[];
  /** Whether a Ferry commit had pinned the app there before it; the app's hand edit there before it (none: undefined). */
  ferryBefore: boolean;
  previous?: HandPin;
  /** Whether the manifest's last change before it was ferry init's (the repository's first commit). */
  afterInit: boolean;
  /** Once read: the digest (and image) it pinned, and whether the app's pin before it was another; or why the file cannot be read. */
  digest?: string;
  image?: string;
  changed?: boolean;
  unreadable?: string;
  /**
   * Once read: it put the first pin in the file, where the app had none there before it (no pin
   * that can be read in the file before it, none by Ferry, none an earlier hand edit found or
   * left). Reported where it was made (unrecorded-change); as for ferry rollback, which does not
   * warn of a manifest's first version, a rollback back to it goes back to an image the
   * environment had, not one it had only by hand.
   */
  first?: boolean;
  /**
   * Once read: the digest the app's manifest held before it, where no Ferry commit and no hand
   * edit had pinned the app there before it: ferry init's pin (`init`, Ferry's), or the one the
   * file held when ferry.yaml began to guard it (reported there). An image the environment had.
   */
  found?: { digest: string; init: boolean };
  /** Once read: it, or a hand edit of the app there before it, found or left a pin by digest (or a file that cannot be read), or a Ferry commit had pinned it there. */
  pinSeen?: boolean;
  /**
   * Where ferry.yaml guarded the app's manifest there before it (not the commit that begins to,
   * whose pins are reported once, as found: adopted) and gave the environment a promoteFrom: that
   * environment, and what a digest it changed the pin to must have been pinned by, as a promotion's
   * (checkHandStage()): a Ferry commit there, or in the environment itself (a way back, as a
   * rollback's), before it; a first pin's claim there; its hand edits there, named. (Marks, not
   * copies: PinsMark.)
   */
  stage?: { from: string; own: PinsMark; source?: PinsMark };
}

/** A file as a read of it ends: its text, no file there (undefined), or why it cannot be read. */
export type HandFile = string | undefined | ConfigurationError;

/**
 * A manifest path to look at in a commit, which the history alone cannot judge: ferry.yaml began
 * to guard it there (`named`: a file already there holds a pin made by hand), or the commit
 * changed a file where a directory on the way to it is (`changed`: a symbolic link, which
 * kustomize follows). Read by audit-run.ts at the end (pathsToRead(), settlePaths()); such commits are few.
 */
export interface PathLook {
  commit: string;
  date: string;
  /** The commit's place in the history checked. */
  seq: number;
  /** The manifest, and the apps that pin in it. */
  path: string;
  owners: readonly { env: string; app: string }[];
  /**
   * What to read at the commit: `named`, each directory on the way to path, then path (also
   * `guarded-again`: a manifest ferry.yaml guarded before, unchanged since, where only a link
   * counts); `changed`, the one the commit changed.
   */
  read: readonly string[];
  why: 'named' | 'guarded-again' | 'changed';
  /** ferry.yaml's name (`named`, `guarded-again`). */
  config?: string;
}

/**
 * An Argo CD parameter override file (`.argocd-source.yaml`, `.argocd-source-<application>.yaml`)
 * in the directory of a pinned manifest, added, changed or removed by a commit without Ferry
 * trailers: Argo CD applies it on top of the manifests there, so it may deploy another image than
 * the one pinned. What it overrides is read at the end, from the file as the commit left it and as
 * it was before (audit-run.ts: overridesToRead(), settleOverrides()); such commits are few, and a
 * history without them reads nothing more.
 */
export interface OverrideChange {
  commit: string;
  date: string;
  /** The commit's place in the history checked. */
  seq: number;
  file: string;
  /** The manifests in its directory (in ferry.yaml after the commit, and before it), each with its app and environment: the same array for the same ones. */
  pins: readonly PinnedManifest[];
}

/** A version of an override file, read (settleOverrides()): none, a symbolic link (which Argo CD follows), or what it overrides. */
export type OverrideVersion = undefined | 'link' | FileOverrides;

/** What a path read at a commit is: a regular file, nothing, a symbolic link, a directory, or something else (a submodule). */
export type PathKind = 'file' | 'none' | 'link' | 'directory' | 'other';

/** A pin on record after the last commit: what the file at the head is to hold. */
export interface RecordedPin {
  env: string;
  app: string;
  /** The manifest, in ferry.yaml at the head. */
  path: string;
  digest: string;
  image: string;
  /** The commit that recorded it, and its date. */
  commit: string;
  date: string;
  /** That commit's place in the history checked. */
  seq?: number;
}

export interface AuditOptions {
  /** Only violations in this environment, and those that name none (blocked.yaml concerns every one), are reported. */
  env?: string;
  /**
   * ISO instants: the stretch of the first-parent line reported, from its first commit dated at or
   * after since through its last dated at or before until. Every commit between them counts, and
   * what the merges among them brought in, whatever date each claims: a committer date is whatever
   * the pusher set. (All commits are read, to know the state.)
   */
  since?: string;
  until?: string;
  /**
   * A commit of the first-parent line (a full id: an earlier audit's `commit`): only the commits
   * after it are reported. Unlike a date, which whoever pushes sets, it leaves no commit out
   * between two audits.
   */
  after?: string;
}

/** The stretch of the line reported (with since, until or after): its first and last commits; neither when it holds none. */
export interface AuditRange {
  first?: string;
  last?: string;
}

/** What the line held before a merge's side commits were checked (Auditor.beginMerge()): put back where the merge discarded what they changed. */
export interface MergeMark {
  /** The place of the first side commit in the history checked. */
  from: number;
  /** Each manifest the side commits changed, with its pins and their state before them. */
  pins: [string, Pins, PinsState][];
  /** The blocks before them, where they changed blocked.yaml. */
  blocked?: Map<string, Set<string>>;
  /** The merge (beginMerge()'s `merge`): what it keeps of a pinned manifest, it put in place on its line. */
  merge?: string;
  /** The side being checked when it began (a merge on a branch), put back at its end (Auditor.side()). */
  fork?: { seq: number; from: number };
}

/** Trailers Ferry writes once per commit at most. */
const SINGLE_TRAILERS: ReadonlySet<string> = new Set(['Ferry-Action', 'Ferry-Env', 'Ferry-From', 'Ferry-Gate', 'Ferry-Override', 'Ferry-Reason', 'Ferry-Requested-By', 'Ferry-Rollback-To']);

function digestOf(image: string): string {
  return image.slice(image.lastIndexOf('@') + 1);
}

function short(image: string): string {
  const at = image.lastIndexOf('@');
  return at < 0 ? image : `${image.slice(image.lastIndexOf('/', at) + 1, at)}@${image.slice(at + 1, at + 20)}`;
}

/** What the rules look up in a config, computed once per config version. */
interface ConfigIndex {
  /** Each manifest path: whose it is (a file may pin several apps: one entry each). */
  owners: Map<string, Owner[]>;
  /** Each env's manifest path of each app, by env and app name. */
  paths: Map<string, Map<string, string>>;
  envs: Map<string, FerryConfig['environments'][number]>;
  apps: Map<string, FerryConfig['apps'][number]>;
  /** Each analysis template file a gate names (both spellings, .yaml and .yml): the environments whose gates name it. */
  templates: Map<string, string[]>;
}

/** Where an app's manifest would be for an environment the config does not have (a trailer may name one). */
function pathIn(index: ConfigIndex, app: string, env: string): string | undefined {
  const config = index.apps.get(app);
  if (!config) return undefined;
  try {
    return manifestPath(config, env);
  } catch {
    return undefined; // not an environment name at all: no file can be it
  }
}
const indexCache = new WeakMap<FerryConfig, ConfigIndex>();
/** The config last indexed, and its index: the next version's manifests are placed from it when they are where they were. */
let lastIndexed: { config: FerryConfig; index: ConfigIndex } | undefined;
function indexOf(config: FerryConfig): ConfigIndex {
  let index = indexCache.get(config);
  if (!index) {
    // Most changes of ferry.yaml move no manifest (a gate, a comment): the manifests' places (the
    // same maps, so that what compares them sees nothing moved at once) are the last version's.
    const same = lastIndexed && placedAlike(lastIndexed.config, config) ? lastIndexed.index : undefined;
    index = { owners: same?.owners ?? new Map(), paths: same?.paths ?? new Map(), envs: new Map(config.environments.map((e) => [e.name, e])), apps: new Map(config.apps.map((a) => [a.name, a])), templates: new Map() };
    for (const e of config.environments) {
      const names = new Set([...(e.gates?.analysis ?? []), ...(e.gates?.compare?.metrics ?? []).map((m) => m.template)]);
      for (const name of names) {
        for (const file of [`${ANALYSIS_DIR}/${name}.yaml`, `${ANALYSIS_DIR}/${name}.yml`]) index.templates.set(file, [...(index.templates.get(file) ?? []), e.name]);
      }
      if (same) continue;
      const paths = new Map<string, string>();
      for (const app of config.apps) {
        const path = manifestPath(app, e.name);
        const owner = { env: e.name, app: app.name };
        const others = index.owners.get(path);
        if (others) others.push(owner);
        else index.owners.set(path, [owner]);
        paths.set(app.name, path);
      }
      index.paths.set(e.name, paths);
    }
    indexCache.set(config, index);
    lastIndexed = { config, index };
  }
  return index;
}

/** Whether two versions of ferry.yaml place every manifest alike: the same environments, and apps of the same names and manifest templates, in the same order. */
function placedAlike(a: FerryConfig, b: FerryConfig): boolean {
  if (a.environments.length !== b.environments.length || a.apps.length !== b.apps.length) return false;
  if (a.environments.some((e, i) => e.name !== b.environments[i]!.name)) return false;
  if (a.apps === b.apps) return true;
  for (let i = 0; i < a.apps.length; i++) {
    if (a.apps[i]!.name !== b.apps[i]!.name || a.apps[i]!.manifest !== b.apps[i]!.manifest) return false;
  }
  return true;
}

/** Whose a manifest is: an app's, in an environment. */
interface Owner {
  env: string;
  app: string;
}
const NO_OWNERS = new Map<string, Owner[]>();
const NONE_OWNED: readonly Owner[] = [];
const NO_PATHS: ReadonlyMap<string, string> = new Map();

/** The manifests of two versions of ferry.yaml with their owners (each app of either version that pins it). */
function unionOwners(a: ConfigIndex['owners'], b: ConfigIndex['owners']): ConfigIndex['owners'] {
  if (a === b) return a; // (nothing moved)
  const owners = new Map(a);
  for (const [path, list] of b) {
    const was = owners.get(path);
    if (!was) owners.set(path, list);
    else {
      const more = list.filter((o) => !was.some((w) => w.env === o.env && w.app === o.app));
      if (more.length) owners.set(path, [...was, ...more]);
    }
  }
  return owners;
}

/** Of each of `dirs` of a manifest of `owners`, the manifests it has: made once per `owners`, in `cache`. */
function manifestsByDir(cache: WeakMap<ConfigIndex['owners'], Map<string, string[]>>, owners: ConfigIndex['owners'], dirs: (path: string) => readonly string[]): Map<string, string[]> {
  let found = cache.get(owners);
  if (!found) {
    found = new Map();
    for (const path of owners.keys()) {
      for (const dir of dirs(path)) {
        const under = found.get(dir);
        if (under) under.push(path);
        else found.set(dir, [path]);
      }
    }
    cache.set(owners, found);
  }
  return found;
}

/** Each directory on the way to a manifest of `owners` (`prod`, `prod/billing`): the manifests under it. Made the first time a commit changes a file that is not a manifest. */
const dirsCache = new WeakMap<ConfigIndex['owners'], Map<string, string[]>>();
function dirsOf(owners: ConfigIndex['owners']): Map<string, string[]> {
  return manifestsByDir(dirsCache, owners, (path) => {
    const dirs: string[] = [];
    for (let at = path.indexOf('/'); at > 0; at = path.indexOf('/', at + 1)) dirs.push(path.slice(0, at));
    return dirs;
  });
}

/** Each directory that holds a manifest of `owners` itself (not the root: Argo CD reads no override file for a manifest there): those manifests. */
const manifestDirsCache = new WeakMap<ConfigIndex['owners'], Map<string, string[]>>();
function manifestDirsOf(owners: ConfigIndex['owners']): Map<string, string[]> {
  return manifestsByDir(manifestDirsCache, owners, (path) => {
    const slash = path.lastIndexOf('/');
    return slash > 0 ? [path.slice(0, slash)] : [];
  });
}

/** The manifests of `owners` beside `file` where it is an Argo CD parameter override file (none where it is not one). */
function overridden(owners: ConfigIndex['owners'], file: string): readonly string[] {
  const slash = file.lastIndexOf('/');
  // (A cheap test first: nearly every file a commit changes is no override file.)
  if (slash <= 0 || !file.startsWith('.argocd-source', slash + 1) || !ARGOCD_SOURCE_FILE.test(file.slice(slash + 1))) return NONE;
  return manifestDirsOf(owners).get(file.slice(0, slash)) ?? NONE;
}

/** The directories on the way to `path`, outermost first, then path itself. */
function onTheWay(path: string): string[] {
  const out: string[] = [];
  for (let at = path.indexOf('/'); at > 0; at = path.indexOf('/', at + 1)) out.push(path.slice(0, at));
  out.push(path);
  return out;
}

/**
 * Whether `text` holds `digest` as a value: on a line outside a comment, after a key, a list
 * dash, a quote or an image reference's `@`, and not the start of a longer word. A text check,
 * no YAML parse (every manifest at the head is checked): a digest kept in a comment, while the
 * value is another, does not count.
 */
function holdsDigest(text: string, digest: string): boolean {
  for (let at = text.indexOf(digest); at >= 0; at = text.indexOf(digest, at + 1)) {
    const next = text[at + digest.length];
    if (next !== undefined && !VALUE_END.test(next)) continue; // (a longer word)
    const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
    if (line.length && !VALUE_START.test(line[line.length - 1]!)) continue; // (inside a word)
    if (COMMENT.test(line)) continue;
    return true;
  }
  return false;
}
/** What may follow a value on its line, and come just before one. */
const VALUE_END = /[\s'",\]}]/;
const VALUE_START = /[\s'"@[{,]/;
/** A comment: a # at the start of the line or after a space or tab (a # inside a quoted value is taken for one: fail closed). */
const COMMENT = /(?:^|[ \t])#/;
const NONE: readonly string[] = [];

/** Every value of a trailer, in order. */
function all(trailers: AuditCommit['trailers'], key: string): readonly string[] {
  return trailers.get(key) ?? NONE;
}


/** What a verdict in a rollback's or promotion's environment (own) and in the one it is promoted from (source) says of the hand edit that pinned its digest there. */
type ByHand = { own?: HandPin; source?: HandPin };

/** A verdict that waits for the end: the file before a first pin (claims), or what hand edits pinned. */
interface Pending {
  c: { commit: string; date: string; seq: number };
  /** The digest it is about. */
  digest: string;
  /** It stands unless one of these holds (and was not a hand edit's pin: PreviousClaim.hand). */
  claims: PreviousClaim[];
  /** Whose the claims are: the environment's own, or the one promoted from. */
  claimsOf: 'own' | 'source';
  /** The hand edits of the app there before the commit, and in the environment promoted from. */
  own?: readonly HandPin[];
  source?: readonly HandPin[];
  /** A rollback's verdict is skipped-stage (the environment promoted from never had the digest through Ferry): an image its own environment held by hand (a first pin) does not waive it. */
  skipped?: boolean;
  violation: (hand: ByHand) => Omit<Violation, 'commit' | 'date'>;
}

/** The latest of `hands` that changed the app's pin to `digest` (one that left it as it was did not put it there); `first`: one that put the first pin in the file counts too. */
function handPinOf(hands: readonly HandPin[] | undefined, digest: string, first = true): HandPin | undefined {
  for (let i = (hands?.length ?? 0) - 1; i >= 0; i--) if (hands![i]!.digest === digest && hands![i]!.changed && (first || !hands![i]!.first)) return hands![i];
  return undefined;
}

/**
 * What a rollback's environment had of `digest`, from its hand edits before the rollback
 * (`hands`; `byClaim`, the one whose pin a claim that held rests on): `init` where it was ferry
 * init's pin (Ferry's, in every environment: ferry init pins the template's image in each);
 * `held` where the manifest held it otherwise than by a hand edit's change, as ferry rollback
 * tells it (handPinsOf(): a manifest's first pin, or the one it held when ferry.yaml began to
 * guard it, unless a later hand edit changed the pin to it); else the hand edit that pinned it
 * there last. `held` waives trailers-disagree only: the environment promoted from did not have it
 * through Ferry for that (skipped-stage stands).
 */
function ownByHand(hands: readonly HandPin[] | undefined, digest: string, byClaim?: HandPin): HandPin | 'init' | 'held' | undefined {
  if (hands?.some((h) => h.found?.init && h.found.digest === digest)) return 'init';
  const hand = handPinOf(hands, digest, false) ?? (byClaim && !byClaim.first ? byClaim : undefined);
  if (hand) return hand;
  return byClaim?.first || hands?.some((h) => h.found?.digest === digest || (h.first && h.digest === digest)) ? 'held' : undefined;
}

/** The hand edit whose pin a claim rests on: the file held the digest because that edit put it there. */
function claimByHand(claim: PreviousClaim): HandPin | undefined {
  return claim.hand?.digest === claim.digest && claim.hand.changed ? claim.hand : undefined;
}

/** `by hand edit 1a2b3c4d5e6f (unrecorded), never through a Ferry commit`. */
function byHandEdit(hand: HandPin): string {
  return `by hand edit ${hand.commit.slice(0, 12)} (unrecorded), never through a Ferry commit`;
}

/** A digest that reached `env` (`how`: by hand) without a Ferry pin of it in `from` first; pinned there by hand only, the hand edit named. */
function skippedStage(image: string, env: string, from: string, hand: ByHand, how = ''): string {
  return `${short(image)} reached ${env}${how} without having been pinned in ${from} first${hand.source ? `: ${from} had it only ${byHandEdit(hand.source)}` : ''}`;
}

/**
 * What a version of an override file does to `pin` (its app's pinned image, in its environment),
 * as the sentence of a report says it: the file as the commit left it (`after`), as it was before
 * a change, or before its removal; undefined where it leaves the pin alone.
 */
function overrideClause(version: OverrideVersion, pin: PinnedManifest, when: 'after' | 'before' | 'removed'): string | undefined {
  if (version === undefined) return undefined;
  const { env } = pin;
  const app = pin.app.name;
  const pinned = pin.app.pin.kind === 'helm' ? `what Ferry pins for ${app}` : `the digest Ferry pins for ${app}`;
  if (version === 'link') {
    return when === 'after'
      ? `it is a symbolic link: Argo CD follows it, and applies the overrides of the file it leads to in ${env}, which cannot be checked against ${pinned} (commit the file itself, or remove the link)`
      : `it was a symbolic link: Argo CD followed it, and applied the overrides of the file it led to in ${env}, which could not be checked against ${pinned}`;
  }
  const here = version.overrides.filter((o) => o.manifest === pin);
  const [first] = here;
  if (first) {
    const more = here.length - 1 + here.reduce((n, o) => n + o.more, 0);
    const places = `${more} more place${more === 1 ? '' : 's'} in it`;
    const others = more ? ` (and ${places} set${more === 1 ? 's' : ''} it too)` : '';
    if (when === 'after') return `its ${first.field} sets ${first.sets}${others}, so Argo CD deploys that in ${env}, not ${pinned}`;
    if (when === 'removed') return `its ${first.field} set ${first.sets}${others}, which Argo CD deployed in ${env} in place of ${pinned}`;
    return `it no longer sets ${first.sets} (as its ${first.field} did${more ? `, and ${places}` : ''}), which Argo CD deployed in ${env} in place of ${pinned}`;
  }
  const { unchecked } = version;
  if (!unchecked) return undefined;
  if (unchecked.unreadable) {
    return when === 'after'
      ? `Argo CD cannot read it (${unchecked.reason}), so manifest generation fails where it applies, and ${env} no longer deploys ${pinned}; what it overrides cannot be told`
      : `Argo CD could not read it as it was (${unchecked.reason}), so manifest generation failed where it applied and ${env} did not deploy ${pinned}; what it overrode cannot be told`;
  }
  return when === 'after'
    ? `${unchecked.reason}, so whether it overrides ${pinned} in ${env} cannot be told`
    : `as it was, ${unchecked.reason}, so whether it overrode ${pinned} in ${env} cannot be told`;
}

/**
 * Checks commits one by one, oldest first, as the history is read: check(c, config) with the
 * ferry.yaml in effect at c (the last version at or before it), or undefined before there is one.
 */
export class Auditor {
  readonly violations: Violation[] = [];
  /** Commits checked. */
  checked = 0;
  /** Per env, per app: the digests that were there (pinned by Ferry, or replaced by a Ferry pin). */
  private readonly seen = new Map<string, Map<string, Pins>>();
  /**
   * Each blocked digest, with the apps it was blocked for. A digest blocked for one app is blocked
   * for every app (the same bytes, whatever app or name pins them), until every block of it is lifted.
   */
  private readonly blocked = new Map<string, Set<string>>();
  /** Every commit checked so far, with its place in the history checked (a rollback's Ferry-Rollback-To names one of them; a side a merge brought in forked from one). */
  private readonly commitsChecked = new Map<string, number>();
  /**
   * The pins recorded for an app or environment that ferry.yaml in force did not have (a trailer
   * may name any): the next change of ferry.yaml forgets them, whether or not it moves a manifest.
   */
  private readonly unplaced = new Set<Pins>();
  /**
   * Verdicts that rest on a first pin's previous image, reported unless one of its claims holds
   * (settleClaims()), or on what hand edits pinned, which a verdict names (settleHandEdits()).
   */
  private readonly pending: Pending[] = [];
  /** The hand edits of pinned manifests (settleHandEdits() reads what they pinned). */
  private readonly hands: HandPin[] = [];
  /** The Argo CD parameter override files beside pinned manifests that commits without trailers changed (settleOverrides()). */
  private readonly overrideChanges: OverrideChange[] = [];
  /**
   * The manifests beside each override file, by what they are (file, environment, app as
   * configured): one array for the same ones, so that each version of the file is checked once
   * against each (settleOverrides() in audit-run.ts), whichever commits it is a version of.
   */
  private readonly overridePins = new Map<string, readonly PinnedManifest[]>();
  /** ferry init's commit, where the history begins with one: the pins it wrote are Ferry's. */
  private initCommit: string | undefined;
  /** Per env, per app (`env\0app`): the last move of its manifest by ferry.yaml (the commit, the old file and the app there). */
  private readonly moves = new Map<string, { commit: string; path: string; config: AppConfig }>();
  /** Each violation's place in the history checked (the commit it is about): those found at the end go in their place. */
  private readonly seqs: number[] = [];
  /** Merges being taken apart (beginMerge() to endMerge()): the commits checked meanwhile are not the line's. */
  private depth = 0;
  /** The line's merge being taken apart, where given: what it brought in landed with it, at its date. */
  private landing: { commit: string; date: string } | undefined;
  /** With since or until: the range reported, as places in the history checked (rangeFrom undefined: no commit yet). */
  private readonly ranged: boolean;
  private rangeFrom: number | undefined;
  private rangeTo = 0;
  /** The commits where the range begins and ends, and whether `after` was passed on the line. */
  private rangeFirst: string | undefined;
  private rangeLast: string | undefined;
  private afterSeen = false;
  /** The place of the first side commit of the line's merge whose own check comes next. */
  private mergeFrom: number | undefined;
  /** The side of a merge being checked (side()): the place of the commit it forked from, and of its first commit. */
  private fork: { seq: number; from: number } | undefined;
  /** Paths to look at in the commits that named or changed them (settlePaths()). */
  private readonly looks: PathLook[] = [];
  /**
   * The manifests ferry.yaml stopped guarding, each with whether a commit changed it since: one
   * guarded again unchanged holds what it held when it was guarded (nothing made by hand).
   */
  private readonly unguarded = new Map<string, boolean>();
  /**
   * Per env, the dated freeze windows a change of ferry.yaml removed as over at the date its commit
   * bears (no weakening, so not reported), with that commit: the pusher sets the date, so every
   * later landing is judged against them too (checkLanding()).
   */
  private readonly retired = new Map<string, { window: FreezeWindow; commit: string }[]>();

  constructor(private readonly options: AuditOptions = {}) {
    this.ranged = options.since !== undefined || options.until !== undefined || options.after !== undefined;
  }

  /**
   * `config` is ferry.yaml as the commit left it, `before` as it was before the commit (they differ
   * only in a commit that changed it). A pin is judged by the rules in force before it: a commit
   * cannot relax the rules it is judged by (fewer approvals, another promoteFrom). Manifests of
   * either version are guarded: a commit cannot move an app's manifest path away to edit the file.
   * `before` left out is `config` (a commit that did not change it); `null` is none: the commit
   * that brings in the first ferry.yaml, whose manifests may hold pins made before it. `written`,
   * for a promotion a merge brought in whose Ferry-From `before` disagrees with (recordsOtherFrom()):
   * ferry.yaml at its own first parent, on the branch it was written on, where ferry promote read it.
   */
  check(c: AuditCommit, config: FerryConfig | undefined, was: FerryConfig | null | undefined = config, written?: FerryConfig): void {
    const before = was ?? undefined;
    const first = this.checked === 0;
    this.checked++;
    this.commitsChecked.set(c.commit, this.checked);
    if (this.ranged && this.depth === 0) this.lineCommit(c);
    const { trailers } = c;
    if (trailers.count === 0 && c.files.length === 0) return; // nothing recorded, nothing changed
    const action = trailers.first('Ferry-Action');
    const env = trailers.first('Ferry-Env');
    if (first && action === 'init') this.initCommit = c.commit;
    const rules = before ?? config;
    const index = rules ? indexOf(rules) : undefined;
    const configChanged = config !== before;
    // A pin whose manifest moved to another file is not on record there: start again from what
    // the next Ferry commit records.
    if (configChanged) this.forgetMoved(before, config);
    if (configChanged && before && config) this.noteMoves(c, before, config);
    if (this.unguarded.size) for (const f of c.files) if (this.unguarded.has(f)) this.unguarded.set(f, true);
    // A manifest ferry.yaml begins to guard that the commit does not change: what it holds was
    // written before, without a Ferry record (read at the end: settlePaths()).
    if (configChanged && config) this.lookAtNamed(c, before, config);
    // The rules every later commit is judged by: relaxed, whoever did it, the auditor is told.
    if (configChanged && before && config) {
      const relaxed = new Map<string, string[]>();
      for (const { env: e, what } of weakenings(before, config, c.date)) relaxed.set(e, [...(relaxed.get(e) ?? []), what]);
      for (const [e, whats] of relaxed) this.report(c, { env: e, rule: 'rules-weakened', message: `${config.file} relaxed the rules ${e} is judged by: ${whats.join('; ')}` });
      this.retire(c, before, config);
    }

    const repeats = action !== undefined ? trailers.repeated(SINGLE_TRAILERS) : undefined;
    if (repeats) {
      for (const [name, n] of repeats) {
        this.report(c, { ...(env ? { env } : {}), rule: 'trailers-disagree', message: `${name} is recorded ${n} times; Ferry writes it once` });
      }
    }

    // Which manifests the trailers say changed, and which changed.
    const apps = all(trailers, 'Ferry-App');
    const images = all(trailers, 'Ferry-Image');
    const claimed: string[] = []; // (a commit names one app, or a few)
    let claimedOwn = false; // each of them is a manifest of the config
    let placedAll = false; // the config has a manifest in env for every app named
    if (action !== undefined && index && env !== undefined && PIN_ACTIONS.has(action)) {
      const paths = index.paths.get(env);
      claimedOwn = placedAll = paths !== undefined;
      for (const name of apps) {
        const path = paths ? paths.get(name) : pathIn(index, name, env);
        if (path === undefined) placedAll = false;
        else if (!claimed.includes(path)) claimed.push(path);
      }
    }
    const owners = configChanged && config && before ? unionOwners(indexOf(before).owners, indexOf(config).owners) : (index?.owners ?? NO_OWNERS);
    // (Most commits change the one manifest they name: no lookup needed.)
    const files = c.files;
    const changed = files.length === 1 && claimedOwn && claimed.length === 1 && files[0] === claimed[0]
      ? files
      : files.length === 1 ? (owners.has(files[0]!) ? files : NONE) : files.filter((f) => owners.has(f));
    // A file changed where a directory on the way to a manifest is: a symbolic link made, most
    // likely (or one removed: read at the end, settlePaths()).
    if (changed.length < files.length) {
      this.lookAtChanged(c, files, owners);
      // An Argo CD parameter override file beside a pinned manifest: what it overrides is read at
      // the end (settleOverrides()); Ferry never writes one, so a Ferry commit that does disagrees.
      this.lookAtOverrides(c, files, owners, action, [config, before]);
    }
    // Each app whose manifest the commit changed: what a rollback's Ferry-Rollback-To may name.
    for (const f of changed) for (const o of owners.get(f) ?? NONE_OWNED) this.digests(o.env, o.app).changedBy(c.commit);
    if (action === undefined) {
      for (const f of changed) {
        for (const o of owners.get(f)!) {
          this.forget(o.env, o.app);
          const row = this.report(c, { env: o.env, app: o.app, rule: 'unrecorded-change', message: `${f} changed in a commit without Ferry trailers (a manual edit)` });
          // What it pinned there: read at the end (settleHandEdits()).
          if (config) this.handEdit(c, f, o, rules, config, row, before !== undefined);
        }
      }
      // Only ferry block and unblock write the blocklist: an entry removed by hand unblocked a
      // digest without a record. (What it blocks is still read from Ferry's block commits.)
      if (files.includes(BLOCKLIST_FILE)) this.report(c, { rule: 'unrecorded-change', message: `${BLOCKLIST_FILE} changed in a commit without Ferry trailers (a manual edit: ferry block and unblock record who and why)` });
      // An analysis template a gate names is part of the rules: its queries and conditions are
      // what the gate passes on. Whether a change relaxes them cannot be told: every change is told.
      if (index?.templates.size) {
        for (const f of files) {
          for (const e of index.templates.get(f) ?? []) this.report(c, { env: e, rule: 'rules-weakened', message: `${f}, an analysis template the gates of ${e} name, changed by hand: what the gate passes on is no longer what it was (Ferry cannot tell a relaxed template from a stricter one)` });
        }
      }
    } else if (action === 'init' && !first) {
      // `ferry init` makes a repository's first commit; the trailer elsewhere exempts nothing.
      for (const f of changed) {
        for (const o of owners.get(f)!) {
          this.forget(o.env, o.app);
          this.report(c, { env: o.env, app: o.app, rule: 'trailers-disagree', message: `${f} changed in a commit marked Ferry-Action: init that is not the repository's first commit` });
        }
      }
    } else if (action !== 'init') {
      for (const f of changed) {
        if (claimed.includes(f)) continue;
        for (const o of owners.get(f)!) {
          this.forget(o.env, o.app);
          this.report(c, { env: o.env, app: o.app, rule: 'trailers-disagree', message: `a Ferry ${action} commit changed ${f}, which its trailers do not name` });
        }
      }
      for (const f of claimed) {
        if (changed.includes(f)) continue;
        const message = claimedOwn
          ? `the trailers name ${f}, which the commit did not change`
          : `the trailers name ${f}, in ${env}, an environment ${rules?.file ?? 'ferry.yaml'} did not have at the time`;
        this.report(c, { ...(env ? { env } : {}), rule: 'trailers-disagree', message });
      }
      // Only block, unblock and rollback --block write the blocklist (checked against the file: checkBlocklistChange()).
      if (files.includes(BLOCKLIST_FILE) && !writesBlocklist(c)) this.report(c, { ...(env ? { env } : {}), rule: 'trailers-disagree', message: `a Ferry ${action} commit changed ${BLOCKLIST_FILE}, which only ferry block, unblock and rollback --block change` });
      // Ferry changes ferry.yaml and the analysis templates only when it makes a repository; its other commits never do.
      if (files.includes(CONFIG_FILE)) this.report(c, { ...(env ? { env } : {}), rule: 'trailers-disagree', message: `a Ferry ${action} commit changed ${CONFIG_FILE}, which Ferry never does` });
      if (index?.templates.size) {
        for (const f of files) if (index.templates.has(f)) this.report(c, { ...(env ? { env } : {}), rule: 'trailers-disagree', message: `a Ferry ${action} commit changed ${f}, an analysis template, which Ferry never does` });
      }
    }

    if ((action === 'block' || action === 'unblock') && apps[0] && images[0]) {
      const digest = digestOf(images[0]);
      if (!files.includes(BLOCKLIST_FILE)) {
        // An unblock that did not change the blocklist unblocked nothing; a block so made still counts (fail closed).
        this.report(c, { app: apps[0], rule: 'trailers-disagree', message: `a Ferry ${action} commit that did not change ${BLOCKLIST_FILE}` });
        if (action === 'block') this.block(digest, apps[0]);
      } else if (action === 'block') this.block(digest, apps[0]);
      else {
        const blockedFor = this.blocked.get(digest);
        blockedFor?.delete(apps[0]);
        if (blockedFor?.size === 0) this.blocked.delete(digest);
      }
    }

    const target = env !== undefined ? index?.envs.get(env) : undefined;
    // Ferry-From is where ferry promote took the images: the target's promoteFrom in ferry.yaml (it
    // refuses any other), and only a promotion records one. ferry history and a plan's provenance
    // read it; the checks below go by ferry.yaml (a sibling named there is no pin to follow). One
    // a merge brought in was written under ferry.yaml on its branch (`written`): as ferry promote
    // read it there, it is no made-up source.
    const recordedFrom = action !== undefined ? trailers.first('Ferry-From') : undefined;
    const fromThere = written && recordedFrom !== undefined && env !== undefined && indexOf(written).envs.get(env)?.promoteFrom === recordedFrom;
    if (action === 'promote' ? recordsOtherFrom(c, rules) && !fromThere : recordedFrom !== undefined) {
      const named = recordedFrom === undefined ? 'no Ferry-From' : `Ferry-From ${JSON.stringify(recordedFrom.slice(0, 80))}`;
      const message = action !== 'promote'
        ? `a Ferry ${action} commit records ${named}, which only a promotion records`
        : `the promotion records ${named}, but ${env} was promoted from ${target!.promoteFrom ?? 'no environment'} in ${rules?.file ?? 'ferry.yaml'} at the time`;
      this.report(c, { ...(env ? { env } : {}), ...(apps.length === 1 ? { app: apps[0]! } : {}), rule: 'trailers-disagree', message });
    }
    if (action === 'bump' && env && target?.promoteFrom !== undefined) {
      // A bump evaluates no gate: an environment that requires gates gets its images by promotion.
      const gated = configuredGateNames(target.gates);
      if (gated.length) {
        this.report(c, { env, ...(apps.length === 1 ? { app: apps[0]! } : {}), rule: 'gate-missing', message: `a bump into ${env}, which required ${gated.join(', ')} at the time: a bump evaluates no gate (${env} gets its images by ferry promote)` });
      }
    }
    if (action && PIN_ACTIONS.has(action) && env) {
      const from = target?.promoteFrom;
      // The manifests in env of the config in force after the commit, where it may lack an app's.
      const placing = configChanged || !placedAll ? (config && indexOf(config).paths.get(env)) ?? NO_PATHS : undefined;
      const previous = all(trailers, 'Ferry-Previous-Image');
      for (let i = 0; i < apps.length; i++) {
        const app = apps[i]!;
        const image = images[i];
        if (!image?.includes('@sha256:')) {
          this.report(c, { env, app, rule: 'trailers-disagree', message: `a Ferry ${action} commit that records no image for ${app}` });
          this.forget(env, app);
          continue;
        }
        const digest = digestOf(image);
        const blockedFor = this.blocked.size ? this.blocked.get(digest) : undefined;
        if (blockedFor) this.report(c, { env, app, rule: 'blocked-digest', message: `${short(image)} was pinned while it was blocked${blockedFor.has(app) ? '' : ` (for ${[...blockedFor].join(', ')}: a blocked digest is blocked for every app)`}` });
        const here = this.digests(env, app);
        // What the commit says it replaced must be what the history pinned there last: Ferry reads
        // it from the manifest. A commit that pinned something other than its Ferry-Image shows
        // here, at the next pin; a forged previous image cannot make a digest count as had.
        // A commit a merge brought in read it on its own branch: what the branch had pinned there
        // when it forked from the line, or since by its own commits (not what the line pinned
        // meanwhile, which a pull request's bump names no more than a merge that drops it keeps it).
        const replaced = previousImageOf(previous, apps.length, i, image);
        const branch = this.fork && here.pinOnBranch(this.fork.seq, this.fork.from);
        const last = branch ? branch.digest : here.recordedDigest;
        const consistent = last === undefined || (replaced !== undefined && replaced.endsWith(last) && replaced.charCodeAt(replaced.length - last.length - 1) === 0x40 /* @ */);
        if (!consistent) {
          this.report(c, { env, app, rule: 'trailers-disagree', message: `the commit records ${replaced ? short(replaced) : 'nothing'} as the image it replaced, but ${(branch ?? here).recordedBy.slice(0, 12)} pinned ${short((branch ?? here).recordedImage)} there last${branch ? ' on its branch' : ''}` });
        }
        const source = from !== undefined ? this.seen.get(from)?.get(app) : undefined;
        const wasInSource = source?.has(digest) === true;
        if (action === 'rollback') this.checkRollback(c, env, app, image, here, from !== undefined && !wasInSource ? from : undefined, from, source);
        else if (from !== undefined && !wasInSource) {
          const violation = (hand: ByHand) => ({ env, app, rule: 'skipped-stage' as const, message: skippedStage(image, env, from, hand) });
          // Known there only from what a first pin said it replaced (the template's image, say):
          // so only if the file held it (checked at the end, against the file). Pinned there by
          // hand: the sentence names the edit (read at the end).
          const claim = source?.claimOf(digest);
          const hands = source?.handPins();
          if (claim || hands) this.pending.push({ c: { commit: c.commit, date: c.date, seq: this.checked }, digest, claims: claim ? [claim] : [], claimsOf: 'source', ...(hands ? { source: hands } : {}), violation });
          else this.report(c, violation({}));
        }
        if (replaced?.includes('@sha256:') && last === undefined) {
          // Nothing on record to check it against: a claim, not a digest that was there. (Where
          // a hand edit changed the file last, the file holds what that edit pinned, if it held it.)
          const path = index?.paths.get(env)?.get(app);
          const hand = here.handBefore(c.commit);
          if (path !== undefined) here.claim({ commit: c.commit, date: c.date, env, app, path, image: replaced, digest: digestOf(replaced), seq: this.checked, ...(hand ? { hand } : {}) });
        }
        here.add(digest);
        here.record(image, digest, c, this.checked);
        here.note(this.checked);
        here.pinnedBy(c.commit, digest);
        if (placing && !placing.has(app)) this.unplaced.add(here);
      }
      for (const b of all(trailers, 'Ferry-Blocked')) if (apps[0]) this.block(digestOf(b), apps[0]);
    }

    // Gates and approvals, as recorded. Only `pass`, exactly as Ferry writes it, passed: any other
    // verdict, or a record Ferry did not write, did not (fail closed).
    const override = trailers.first('Ferry-Override');
    const reason = trailers.first('Ferry-Reason');
    const overridden = (g: string) => override === g && reason !== undefined && !isBlank(reason);
    const gate = trailers.first('Ferry-Gate');
    if (gate !== undefined) {
      if (repeats?.some(([name]) => name === 'Ferry-Gate')) for (const record of all(trailers, 'Ferry-Gate')) this.checkGates(c, record, env, apps, overridden);
      else this.checkGates(c, gate, env, apps, overridden);
    }
    if (action === 'promote' && env) {
      // Each gate the environment required at the time must be recorded (Ferry records every one),
      // an analysis gate naming every template it required.
      const required = target?.gates;
      if ((required?.freeze?.length || this.retired.has(env)) && !overridden('freeze')) this.checkLanding(c, env, apps, required?.freeze ?? [], gate);
      // (A record not as Ferry writes it passed nothing, and is reported as such above.)
      const wanted = gate !== undefined && !GATE_RECORD.test(gate) ? [] : configuredGateNames(required);
      const one = apps.length === 1 ? { app: apps[0]! } : {};
      if (wanted.length) {
        // (Each name at the start of the record or after a space, as checkGates() reads it: `no-soak=` is no soak.)
        const recorded = new Map([...(gate ?? '').matchAll(/(?:^| )([a-z][a-z0-9-]*)=[a-z]+\(([^)]*)\)/g)].map((m) => [m[1]!, m[2]!]));
        for (const g of wanted) {
          if (overridden(g)) continue;
          const text = recorded.get(g);
          if (text === undefined) {
            this.report(c, { env, ...one, rule: 'gate-missing', message: `${env} required the ${g} gate at the time; the commit records no ${g} verdict` });
          } else if (g === 'analysis') {
            const words = new Set(text.split(/[\s;:/,]+/));
            const missing = required!.analysis!.filter((t) => !words.has(t));
            if (missing.length) this.report(c, { env, ...one, rule: 'gate-missing', message: `${env} required analysis ${missing.join(', ')} at the time; the recorded analysis verdict does not name ${missing.length === 1 ? 'it' : 'them'}` });
          }
        }
      }
      this.checkApprovals(c, env, one, required?.approvals ?? 0, overridden('approvals'));
    }
  }

  /**
   * A rollback goes back to an image its environment had: the rollback's digest must have been
   * pinned there before it (one known there only as what a first pin said it replaced counts if
   * the file held it: settleClaims()). A "rollback" to an image the environment never had brought
   * a new one in without the gates a promotion there passes (soak, approvals, freeze). `skipped`:
   * the environment promoted from, where it never had the digest either (skipped-stage, as for any
   * pin). Its Ferry-Rollback-To, where recorded, names the commit that put the image in place
   * there (as `ferry rollback` writes it, whether given --steps, --to an image, a tag or a commit):
   * one checked before it that changed the app's manifest in env, and where that commit was a Ferry
   * pin of the app there, one of this very digest.
   */
  private checkRollback(c: AuditCommit, env: string, app: string, image: string, here: Pins, skipped: string | undefined, from: string | undefined, source: Pins | undefined): void {
    const digest = digestOf(image);
    const to = c.trailers.first('Ferry-Rollback-To');
    if (to !== undefined) {
      // Any commit before it: a Ferry of 23-24 Nov 2026 named, for a rollback to an environment's
      // first pin, the commit before that pin in the log (another app's bump, say), and a pin made
      // before ferry.yaml guarded its file is named by the commit that made it, which audit did
      // not take for a change of that app's manifest. Where it is a Ferry pin of the app there,
      // its digest must be this one.
      const pinned = here.changeBy(to);
      const named = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(to) ? to.slice(0, 12) : JSON.stringify(to.slice(0, 80));
      if (to === c.commit || !this.commitsChecked.has(to)) {
        this.report(c, { env, app, rule: 'trailers-disagree', message: `the rollback records Ferry-Rollback-To ${named}, which is no commit before it in the history audited (the commit that pinned the image gone back to)` });
      } else if (pinned !== undefined && pinned !== '' && pinned !== digest) {
        this.report(c, { env, app, rule: 'trailers-disagree', message: `the rollback records Ferry-Rollback-To ${named}, which pinned ${shortDigest(pinned)} for ${app} in ${env}, not ${shortDigest(digest)}` });
      }
    }
    if (here.has(digest)) return;
    // Pinned there (or where it is promoted from) by hand only: a rollback skips the gates, and no
    // gate passed it there; the sentence names the hand edit (read at the end).
    const newImage = `a new image reaches ${env} by ${from !== undefined ? 'ferry promote, through its gates' : 'ferry bump'}`;
    const violation = (hand: ByHand): Omit<Violation, 'commit' | 'date'> => skipped !== undefined
      ? { env, app, rule: 'skipped-stage', message: `${skippedStage(image, env, skipped, hand)}${hand.own ? `; a rollback to it, which ${env} had before it only ${byHandEdit(hand.own)}` : ''}` }
      : hand.own
        ? { env, app, rule: 'trailers-disagree', message: `a rollback to ${short(image)}, which ${env} had before it only ${byHandEdit(hand.own)}: a rollback goes back to an image a Ferry commit pinned there earlier (${newImage})` }
        : { env, app, rule: 'trailers-disagree', message: `a rollback to ${short(image)}, which ${env} never had before it: a rollback goes back to an image pinned there earlier (${newImage})` };
    // Known there only from what a first pin said it replaced (the template's image, say): so
    // only if the file held it (checked at the end, against the file).
    const claim = here.claimOf(digest);
    const own = here.handPins();
    const theirs = skipped !== undefined ? source?.handPins() : undefined;
    if (claim || own || theirs) this.pending.push({ c: { commit: c.commit, date: c.date, seq: this.checked }, digest, claims: claim ? [claim] : [], claimsOf: 'own', ...(own ? { own } : {}), ...(theirs ? { source: theirs } : {}), ...(skipped !== undefined ? { skipped: true } : {}), violation });
    else this.report(c, violation({}));
  }

  /**
   * A promotion's approvers: the requester is not one, and there were as many as the environment
   * required. Where approvals were required, the requester must be recorded: without one, whether
   * an approver approved their own promotion cannot be told (fail closed).
   */
  private checkApprovals(c: AuditCommit, env: string, one: { app?: string }, required: number, overridden: boolean): void {
    const listed = all(c.trailers, 'Ferry-Approved-By');
    const requester = c.trailers.first('Ferry-Requested-By');
    // (A requester that is blank once told apart as a login, e.g. invisible characters only, names nobody.)
    const requesterKey = requester !== undefined && (listed.length || required > 0) ? personKey(requester) : undefined;
    if (required > 0 && !overridden && !requesterKey) {
      this.report(c, { env, ...one, rule: 'approvals', message: `no requester recorded: ${env} required ${required} approval${required === 1 ? '' : 's'} at the time, and whether an approver was the requester cannot be told` });
    }
    let counted = 0;
    if (listed.length) {
      // People are told apart as GitHub tells logins apart: `Alice` approving alice's promotion is alice.
      const seen: string[] = [];
      for (const name of listed) {
        const key = personKey(name);
        if (seen.includes(key)) continue;
        seen.push(key);
        if (key === requesterKey) this.report(c, { env, ...one, rule: 'self-approval', message: `${requester} approved their own promotion` });
        else if (!isAppLogin(key)) counted++; // (a GitHub App's approval, name[bot], is no person's)
      }
    }
    if (counted < required && !overridden) {
      this.report(c, { env, ...one, rule: 'approvals', message: `${counted} approver${counted === 1 ? '' : 's'} other than the requester; ${env} required ${required} at the time` });
    }
  }

  /**
   * A promotion judges the freeze windows when it is planned; what it changes reaches the line
   * when its commit lands there, with the merge that brought it in where it came through one (a
   * pull request merged later, by hand or auto-merge): the windows of `env` in force are judged at
   * that time (inFreeze(), as promote judges them). One landed inside a window did not pass the
   * freeze gate, whatever the commit records (a record of freeze not passed is reported as such).
   * So did one landed inside a dated window removed earlier as over at the date its commit bears
   * (retired): that date is the pusher's to set.
   */
  private checkLanding(c: AuditCommit, env: string, apps: readonly string[], windows: readonly FreezeWindow[], gate: string | undefined): void {
    if (gate !== undefined && /(?:^| )freeze=(?!pass\()[a-z]+\(/.test(gate)) return; // (reported by checkGates)
    const landed = this.depth > 0 && this.landing ? this.landing : c;
    const at = new Date(landed.date);
    if (Number.isNaN(at.getTime())) {
      // (Fail closed: a date that cannot be read is not outside every window.)
      this.report(c, {
        env, ...(apps.length === 1 ? { app: apps[0]! } : {}), rule: 'gate-not-passed',
        message: `the promotion landed ${landed === c ? '' : `with the merge ${landed.commit.slice(0, 12)} `}at a date that cannot be read (${JSON.stringify(landed.date)}), so whether it landed inside a freeze window of ${env} cannot be told, and no override of freeze with a reason was recorded`,
      });
      return;
    }
    const current = windows.find((w) => inFreeze(w, at));
    const retired = current ? undefined : this.retired.get(env)?.find((r) => inFreeze(r.window, at));
    const active = current ?? retired?.window;
    if (!active) return;
    const how = landed === c ? `landed at ${isoUtc(landed.date)}` : `landed at ${isoUtc(landed.date)}, with the merge ${landed.commit.slice(0, 12)} (the commit is dated ${isoUtc(c.date)})`;
    const removed = retired ? ` (removed by ${retired.commit.slice(0, 12)} as over at the date that commit bears)` : '';
    this.report(c, {
      env, ...(apps.length === 1 ? { app: apps[0]! } : {}), rule: 'gate-not-passed',
      message: `the promotion ${how}, ${localTime(at, active.timezone).text} ${active.timezone}, inside the freeze window ${active.from} to ${active.to} ${active.timezone} of ${env}${removed}, and no override of freeze with a reason was recorded`,
    });
  }

  /** The dated freeze windows `c` removed from each environment as over at its date (overWindows()): kept, to judge later landings (checkLanding()). */
  private retire(c: AuditCommit, before: FerryConfig, config: FerryConfig): void {
    const after = new Map(config.environments.map((e) => [e.name, e.gates?.freeze ?? []]));
    for (const e of before.environments) {
      if (!e.gates?.freeze?.length) continue;
      const over = overWindows(e.gates.freeze, after.get(e.name) ?? [], Date.parse(c.date));
      if (over.length) this.retired.set(e.name, [...(this.retired.get(e.name) ?? []), ...over.map((window) => ({ window, commit: c.commit }))]);
    }
  }

  /** One Ferry-Gate record: each verdict not `pass` without an override; a record not as Ferry writes it did not pass. */
  private checkGates(c: AuditCommit, record: string, env: string | undefined, apps: readonly string[], overridden: (gate: string) => boolean): void {
    const where = () => ({ ...(env ? { env } : {}), ...(apps.length === 1 ? { app: apps[0]! } : {}) });
    if (!GATE_RECORD.test(record)) {
      this.report(c, { ...where(), rule: 'gate-not-passed', message: `the gate record ${JSON.stringify(record.slice(0, 200))} is not as Ferry writes it; no verdict in it counts as pass` });
      return;
    }
    if (!/=(?!pass\()[a-z]+\(/.test(record)) return; // every verdict pass: the usual case
    for (const m of record.matchAll(/(?:^| )([a-z][a-z0-9-]*)=([a-z]+)\(/g)) {
      if (m[2] === 'pass' || overridden(m[1]!)) continue;
      this.report(c, { ...where(), rule: 'gate-not-passed', message: `gate ${m[1]} was ${m[2]} and no override with a reason was recorded` });
    }
  }

  /**
   * A merge on the first-parent line whose parent `other` shares no commit with its first parent:
   * two histories, each with its own first commit (`roots`: every root commit of the history), were
   * joined. The line audit checks begins at one of them; the other was never on it, and what it
   * holds was not checked as the line's history. (`seq`: the merge's place in the history checked.)
   */
  unrelatedHistory(merge: { commit: string; date: string }, other: string, roots: readonly string[], seq = this.checked): void {
    // (Every environment's line goes through it: it names none, and is shown whichever environment the audit is of.)
    this.report(merge, { rule: 'unrelated-history', message: `a merge of ${other.slice(0, 12)}, whose history shares no commit with this branch's line: the history has ${roots.length} first commits (${roots.map((r) => r.slice(0, 12)).join(', ')}), and the line audit checks begins at only one of them; the commits of the other history were not checked as this branch's` }, seq);
    this.inHistoryOrder();
  }

  /**
   * Before the commits a merge without trailers brought in are checked, as if they had landed one
   * by one (the merges among them taken apart the same way, each between its own beginMerge() and
   * endMerge()): `paths`, every file they change, with `config` ferry.yaml in force on the line.
   * `merge`, the merge itself: what it brought in landed on the line with it, at its date (a merge
   * on a branch, taken apart within the line's, lands with the line's).
   */
  beginMerge(config: FerryConfig | undefined, paths: Iterable<string>, merge?: { commit: string; date: string }): MergeMark {
    // (What a merge on a branch brought in lands with the line's merge: the outermost one.)
    if (this.depth === 0) this.landing = merge;
    const owners = config ? indexOf(config).owners : NO_OWNERS;
    const mark: MergeMark = { from: this.checked + 1, pins: [], ...(merge ? { merge: merge.commit } : {}), ...(this.fork ? { fork: this.fork } : {}) };
    for (const path of paths) {
      const list = owners.get(path);
      if (list) {
        for (const owner of list) {
          const pins = this.digests(owner.env, owner.app);
          mark.pins.push([path, pins, pins.save()]);
        }
      } else if (path === BLOCKLIST_FILE) mark.blocked = new Map([...this.blocked].map(([digest, apps]) => [digest, new Set(apps)]));
    }
    this.depth++;
    return mark;
  }

  /**
   * After them, before the merge's own check: `kept`, the files the merge changed (against its
   * first parent), and `fromBefore`, those of them whose version no checked commit made (a version
   * from the history before). A manifest a side commit changed that the merge did not keep holds
   * what it held before them: its pins are put back (a pin on a branch the merge discarded is not
   * the line's). A block stays however it came (fail closed), and an unblock the merge discarded
   * lifts nothing.
   */
  endMerge(mark: MergeMark, kept: ReadonlySet<string>, fromBefore: Iterable<string> = NONE, config?: FerryConfig): void {
    // (Put back, or forgotten, at the merge's own place, whose check comes next: a branch forked
    // from its last side commit had what that commit left.)
    const at = this.checked + 1;
    for (const [path, pins, state] of mark.pins) {
      if (kept.has(path)) continue;
      pins.restore(state);
      pins.note(at);
    }
    this.fork = mark.fork;
    if (mark.blocked && !kept.has(BLOCKLIST_FILE)) for (const [digest, apps] of mark.blocked) for (const app of apps) this.block(digest, app);
    const owners = config ? indexOf(config).owners : NO_OWNERS;
    for (const path of fromBefore) for (const owner of owners.get(path) ?? NONE_OWNED) this.forget(owner.env, owner.app, at);
    // A manifest the merge kept as its side commits left it: the merge put that pin in place on
    // its line (the commit `ferry rollback` names as the one that pinned it there).
    if (mark.merge !== undefined) for (const [path, pins] of mark.pins) if (kept.has(path)) pins.changedBy(mark.merge, pins.recordedDigest);
    this.depth--;
    if (this.depth === 0) this.landing = undefined;
    if (this.depth === 0 && this.ranged) this.mergeFrom = mark.from;
  }

  /** Whether `commit` was checked (a fork a merged branch's commits are judged from: side()). */
  hasChecked(commit: string): boolean {
    return this.commitsChecked.has(commit);
  }

  /**
   * The commits of a side of the merge being taken apart come next (each tip's, between
   * beginMerge() and endMerge()): `fork`, the commit its oldest forked from (that commit's first
   * parent). Ferry wrote each with what the manifests held on that branch: a previous image is
   * judged against the pins the branch had there (Pins.pinOnBranch()). A fork not checked (none
   * given) leaves the line's pins to judge it by.
   */
  side(fork: string | undefined): void {
    const seq = fork !== undefined ? this.commitsChecked.get(fork) : undefined;
    this.fork = seq !== undefined ? { seq, from: this.checked + 1 } : undefined;
  }

  /** A commit of the first-parent line (its sides checked before it, from mergeFrom): where the range reported begins and ends. */
  private lineCommit(c: { commit: string; date: string }): void {
    const from = this.mergeFrom ?? this.checked;
    this.mergeFrom = undefined;
    const { since, until, after } = this.options;
    if (after !== undefined && !this.afterSeen) {
      if (c.commit === after) this.afterSeen = true;
      return; // (it and what came before it: reported by the audit it ended)
    }
    // Compared as instants (a year past 9999 is no text to compare); a date that cannot be read is
    // taken as inside the range (fail closed: reported rather than left out).
    const at = since !== undefined || until !== undefined ? Date.parse(c.date) : NaN;
    if (this.rangeFrom === undefined && (since === undefined || !(at < Date.parse(since)))) {
      this.rangeFrom = from;
      this.rangeFirst = c.commit;
    }
    if (this.rangeFrom !== undefined && (until === undefined || !(at > Date.parse(until)))) {
      this.rangeTo = this.checked;
      this.rangeLast = c.commit;
    }
  }

  /**
   * The stretch of the line reported, once every commit is checked (undefined without since,
   * until or after). `after` not on the line throws a ConfigurationError: the history was
   * rewritten since that audit, or it names another branch's commit.
   */
  range(): AuditRange | undefined {
    if (!this.ranged) return undefined;
    const { after } = this.options;
    if (after !== undefined && !this.afterSeen) {
      throw new ConfigurationError({ field: 'after', message: `${after.slice(0, 12)} is not a commit of the branch's first-parent line: the history was rewritten since the audit that ended there (look at what was force-pushed), or it is another branch's commit` });
    }
    return this.rangeFrom === undefined || this.rangeLast === undefined ? {} : { first: this.rangeFirst!, last: this.rangeLast };
  }

  /** The violations reported: with since or until, those about the stretch of the line they bound (a violation found at the end by its commit's place). */
  inRange(): Violation[] {
    if (!this.ranged) return this.violations;
    const from = this.rangeFrom;
    return from === undefined || this.rangeLast === undefined ? [] : this.violations.filter((_, i) => this.seqs[i]! >= from && this.seqs[i]! <= this.rangeTo);
  }

  private block(digest: string, app: string): void {
    let apps = this.blocked.get(digest);
    if (!apps) this.blocked.set(digest, (apps = new Set()));
    apps.add(app);
  }

  /** Forgets the recorded pins of the apps whose manifest is another file in `after` than in `before`. */
  private forgetMoved(before: FerryConfig | undefined, after: FerryConfig | undefined): void {
    const was = before ? indexOf(before).paths : undefined;
    const is = after ? indexOf(after).paths : undefined;
    if (was !== undefined && was === is) {
      // Nothing moved: only the pins of what the config does not have go.
      for (const pins of this.unplaced) pins.unrecord(this.checked);
      this.unplaced.clear();
      return;
    }
    this.unplaced.clear(); // (each of them goes below)
    for (const [env, apps] of this.seen) {
      for (const [app, pins] of apps) {
        const path = was?.get(env)?.get(app);
        if (path === undefined || path !== is?.get(env)?.get(app)) pins.unrecord(this.checked);
      }
    }
  }

  /** The apps whose manifest `config` moves to another file than `before` had (handEdit() reads the old file where a hand edit then writes the new one). */
  private noteMoves(c: AuditCommit, before: FerryConfig, config: FerryConfig): void {
    const was = indexOf(before);
    const is = indexOf(config).paths;
    if (was.paths === is) return;
    for (const [env, apps] of was.paths) {
      for (const [app, path] of apps) {
        const now = is.get(env)?.get(app);
        const appConfig = was.apps.get(app);
        if (now !== undefined && now !== path && appConfig) this.moves.set(`${env}\0${app}`, { commit: c.commit, path, config: appConfig });
      }
    }
  }

  /** Forgets the pin on record for app in env (its file changed by other means than a Ferry pin), from `seq` on. */
  private forget(env: string, app: string, seq = this.checked): void {
    const pins = this.seen.get(env)?.get(app);
    if (pins) pins.unrecord(seq);
  }

  /**
   * A hand edit of `path`, the manifest of `owner` in `config` (ferry.yaml after the commit; in
   * `rules` before it, the app's manifest may be another file): kept, with the blocks in force, to
   * read what it pinned at the end. (An app whose manifest it is no longer pins nothing there.)
   */
  private handEdit(c: AuditCommit, path: string, owner: Owner, rules: FerryConfig | undefined, config: FerryConfig, row: Violation | undefined, guarded: boolean): void {
    const after = indexOf(config);
    const app = after.apps.get(owner.app);
    if (!app || after.paths.get(owner.env)?.get(owner.app) !== path) return;
    const was = rules ? indexOf(rules) : undefined;
    const beforePath = was?.paths.get(owner.env)?.get(owner.app);
    const beforeApp = was?.apps.get(owner.app);
    const pins = this.digests(owner.env, owner.app);
    const previous = pins.lastHand();
    const moved = !previous && !pins.pinnedByFerry() ? this.moves.get(`${owner.env}\0${owner.app}`) : undefined;
    // (What the environments had by now: the digest is read at the end.)
    const from = guarded && beforePath !== undefined ? was!.envs.get(owner.env)?.promoteFrom : undefined;
    const source = from !== undefined ? this.seen.get(from)?.get(owner.app) : undefined;
    const hand: HandPin = {
      commit: c.commit, date: c.date, seq: this.checked, env: owner.env, app: owner.app, path, config: app,
      // (No manifest of the app there in ferry.yaml before it: the same file, where ferry.yaml was there to guard it.)
      ...(beforePath !== undefined && beforeApp ? { before: { path: beforePath, config: beforeApp } } : rules ? { before: { path, config: app } } : {}),
      ...(moved && moved.path !== path ? { moved } : {}),
      ...(this.blocked.size ? { blocked: new Map([...this.blocked].map(([digest, apps]) => [digest, new Set(apps)])) } : {}),
      rows: row ? [row] : [],
      ferryBefore: pins.pinnedByFerry(), ...(previous ? { previous } : {}),
      afterInit: this.initCommit !== undefined && pins.lastChangeBefore(c.commit) === this.initCommit,
      ...(from !== undefined ? { stage: { from, own: pins.mark(), ...(source ? { source: source.mark() } : {}) } } : {}),
    };
    this.hands.push(hand);
    pins.handEdit(hand);
  }

  /** The hand edits to read (settleHandEdits()): each at its commit, and the app's manifest before it. */
  handEditsToRead(): readonly HandPin[] {
    return this.hands;
  }

  /**
   * With what each hand edit left in its manifest and what the app's manifest held before it
   * (`files`; `readPin` reads an app's pin as validate and status read it, throwing a
   * ConfigurationError where it cannot): the digest it pinned. One it changed the pin to, blocked
   * at the time, is reported (blocked-digest); a file that cannot be read after it is said in its
   * row. Then the verdicts that named hand edits and rest on no claim are reported, naming the
   * edit that pinned their digest; a rollback to an image the manifest held otherwise than by a
   * hand edit's change (ferry init's pin, a first pin: ownByHand()) is none (a first pin's stays skipped-stage).
   */
  settleHandEdits(files: ReadonlyMap<HandPin, { after: HandFile; before: HandFile; moved?: HandFile }>, readPin: (text: string, path: string, app: AppConfig) => { image: string; digest?: string }): void {
    const read = (file: HandFile, path: string, app: AppConfig): { image: string; digest?: string } | string | undefined => {
      if (file instanceof ConfigurationError) return file.problems.map(formatProblem).join('; ');
      if (file === undefined) return undefined;
      try {
        return readPin(file, path, app);
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        return error.problems.map(formatProblem).join('; ');
      }
    };
    // ferry init's pin the app's manifest held before each edit and its own hand edits before it, if
    // they found it (only the first of them can: HandPin.found), by edit: ownByHand()'s 'init'.
    const initPin = new Map<HandPin, string>();
    const initBefore = (hand: HandPin) => (hand.previous ? initPin.get(hand.previous) : undefined);
    // (In the order checked: what the app's hand edit before each found or left is known first.)
    for (const hand of this.hands) {
      const file = files.get(hand);
      if (!file) {
        const init = initBefore(hand);
        if (init !== undefined) initPin.set(hand, init);
        continue;
      }
      const pin = read(file.after, hand.path, hand.config);
      // (ferry.yaml moved its manifest from a file that held a pin: the app had one there.)
      const movedPin = hand.moved ? read(file.moved, hand.moved.path, hand.moved.config) : undefined;
      const movedDigest = typeof movedPin === 'object' ? movedPin.digest : undefined;
      const seen = hand.ferryBefore || hand.previous?.pinSeen === true || movedDigest !== undefined;
      // The file before it: to tell what it changed, and what the file held where nothing pinned the app there before it.
      const was = hand.before && (typeof pin === 'object' || !seen) ? read(file.before, hand.before.path, hand.before.config) : undefined;
      const wasDigest = typeof was === 'object' ? was.digest : undefined;
      if (wasDigest !== undefined && !hand.ferryBefore && !hand.previous) hand.found = { digest: wasDigest, init: hand.afterInit };
      else if (movedDigest !== undefined && !hand.ferryBefore && !hand.previous) hand.found = { digest: movedDigest, init: false };
      const init = hand.found?.init ? hand.found.digest : initBefore(hand);
      if (init !== undefined) initPin.set(hand, init);
      hand.pinSeen = seen || typeof pin === 'string' || pin?.digest !== undefined || typeof was === 'string' || wasDigest !== undefined;
      if (typeof pin === 'string') {
        hand.unreadable = pin;
        for (const row of hand.rows) row.message += `; the file cannot be read as the commit left it (${pin}): what it pinned for ${hand.app} is not known`;
        continue;
      }
      if (pin?.digest === undefined) continue; // (the file removed, or no digest in it: nothing pinned by digest)
      hand.digest = pin.digest;
      hand.image = pin.image;
      hand.changed = wasDigest !== pin.digest;
      if (!seen && wasDigest === undefined) hand.first = true;
      const blockedFor = hand.changed ? hand.blocked?.get(pin.digest) : undefined;
      if (blockedFor) {
        this.report(hand, { env: hand.env, app: hand.app, rule: 'blocked-digest', message: `${short(pin.image)} was pinned by hand (a commit without Ferry trailers) while it was blocked${blockedFor.has(hand.app) ? '' : ` (for ${[...blockedFor].join(', ')}: a blocked digest is blocked for every app)`}` }, hand.seq);
      }
      // (A first pin in the file is reported where it was made as one adopted is: adding an app or
      // an environment in one commit or in several is reported alike. A rollback to it is judged.)
      if (hand.changed && !hand.first && hand.stage) this.checkHandStage(hand, hand.stage, pin.image, pin.digest, initBefore(hand));
    }
    // (Those that rest on claims too are reported with them: settleClaims().)
    const left = this.pending.filter((p) => {
      if (p.claims.length) return true;
      const own = ownByHand(p.own, p.digest);
      if (own !== 'init' && (own !== 'held' || p.skipped)) this.report(p.c, p.violation({ ...(typeof own === 'object' ? { own } : {}), source: handPinOf(p.source, p.digest) }), p.c.seq);
      return false;
    });
    this.pending.length = 0;
    this.pending.push(...left);
    this.inHistoryOrder();
  }

  /**
   * A digest a hand edit changed the pin to (read: settleHandEdits()) reached its environment as a
   * promotion of it would: one its promoteFrom environment never had through a Ferry commit before
   * it is a skipped stage (one known there only from a first pin's claim: if the file held it, as
   * for a promotion, settleClaims()), unless the environment itself had it so (a way back, as a
   * rollback's), or it is ferry init's pin there (`init`: found by its own hand edits before it,
   * ownByHand()), which ferry init put in each.
   */
  private checkHandStage(hand: HandPin, stage: NonNullable<HandPin['stage']>, image: string, digest: string, init: string | undefined): void {
    if (stage.own.had(digest) || stage.source?.had(digest) || init === digest) return;
    const { env, app } = hand;
    const violation = (by: ByHand): Omit<Violation, 'commit' | 'date'> => ({ env, app, rule: 'skipped-stage', message: skippedStage(image, env, stage.from, by, ' by hand (a commit without Ferry trailers)') });
    const claim = stage.source?.pins.claimOf(digest);
    if (claim && claim.seq < hand.seq) {
      const hands = stage.source!.handPins();
      this.pending.push({ c: { commit: hand.commit, date: hand.date, seq: hand.seq }, digest, claims: [claim], claimsOf: 'source', ...(hands ? { source: hands } : {}), violation });
    } else this.report(hand, violation({ source: stage.source?.handPinOf(digest) }), hand.seq);
  }

  /** The digests seen in env for app. */
  private digests(env: string, app: string): Pins {
    let apps = this.seen.get(env);
    if (!apps) this.seen.set(env, (apps = new Map()));
    let pins = apps.get(app);
    if (!pins) apps.set(app, (pins = new Pins()));
    return pins;
  }

  /** Whether `file` is a pinned manifest in `config`. */
  pinned(config: FerryConfig, file: string): boolean {
    return indexOf(config).owners.has(file);
  }

  /** Whether any of `files` is a pinned manifest in `config`, ferry.yaml, blocked.yaml, an analysis template a gate names, or an Argo CD parameter override file beside a pinned manifest. */
  guards(config: FerryConfig, files: readonly string[]): boolean {
    const { owners, templates } = indexOf(config);
    return files.some((f) => owners.has(f) || f === CONFIG_FILE || f === BLOCKLIST_FILE || templates.has(f) || overridden(owners, f).length > 0);
  }

  /**
   * The pins on record after the last commit, each with its manifest in `config` (ferry.yaml at the
   * head): the files at the head are to hold them (checkHead).
   */
  recordedPins(config: FerryConfig): RecordedPin[] {
    const paths = indexOf(config).paths;
    const pins: RecordedPin[] = [];
    for (const [env, apps] of this.seen) {
      for (const [app, p] of apps) {
        const path = paths.get(env)?.get(app);
        if (p.recordedDigest === undefined || path === undefined) continue;
        pins.push({ env, app, path, digest: p.recordedDigest, image: p.recordedImage, commit: p.recordedBy, date: p.recordedAt, seq: p.recordedSeq });
      }
    }
    return pins;
  }

  /**
   * Each pin on record against its file at the head (`texts`, by path; a problem where what is
   * there is no file, a symbolic link). The commit that recorded it is the last that changed the
   * file (any later change is a pin on record or was reported), so a file without the digest as a
   * value (holdsDigest(): one in a comment does not count), or no file at all, was pinned
   * otherwise than that commit's trailers say.
   */
  checkHead(pins: readonly RecordedPin[], texts: ReadonlyMap<string, string | undefined | ConfigurationError>): void {
    for (const pin of pins) {
      const text = texts.get(pin.path);
      if (text === undefined || (typeof text === 'string' && holdsDigest(text, pin.digest))) continue;
      const what = typeof text === 'string' ? 'does not hold that digest at the head' : text.problems.map((p) => p.message).join('; ');
      this.report(pin, { env: pin.env, app: pin.app, rule: 'trailers-disagree', message: `the commit records ${short(pin.image)} as pinned, but ${pin.path}, which no commit changed since, ${what}` }, pin.seq);
    }
    this.inHistoryOrder();
  }

  /**
   * A commit that left ferry.yaml unreadable (`problem`, located) where no version of it before
   * could be read: no rule is in force, and what the commits change is judged by nothing until
   * one can be read. (A broken one after a good one leaves the good one in force: nothing to tell.)
   * Fail closed: such a history is no clean report. It names no environment: it concerns every one.
   */
  configUnreadable(c: AuditCommit, problem: string): void {
    this.report(c, { rule: 'rules-weakened', message: `${CONFIG_FILE} cannot be read (${problem}), and no version of it before could: no rule is in force, and no commit is judged until one can be read` });
  }

  /**
   * What a commit that writes the blocklist (writesBlocklist()) did to it, read from the file
   * before and after it: entries added and removed (as `digest app`, once per entry), or why the
   * file after it could not be read. A block adds its digest for its app, an unblock removes it, a
   * rollback --block adds the digest it blocked, and nothing else: an entry added or removed
   * otherwise is a block made or lifted without its record. (A block so added counts as one.)
   */
  checkBlocklistChange(c: AuditCommit, change: { added: readonly string[]; removed: readonly string[] } | { unreadable: string }): void {
    const action = c.trailers.first('Ferry-Action');
    const app = c.trailers.first('Ferry-App') ?? '';
    const blocked = action === 'rollback' ? c.trailers.first('Ferry-Blocked') : c.trailers.first('Ferry-Image');
    const own = blocked?.includes('@sha256:') ? `${digestOf(blocked)} ${app}` : undefined;
    const where = app ? { app } : {};
    if ('unreadable' in change) {
      this.report(c, { ...where, rule: 'trailers-disagree', message: `a Ferry ${action} commit left ${BLOCKLIST_FILE} unreadable (${change.unreadable}): no block in it can be told` });
      return;
    }
    // An unblock that removed no entry of its own unblocked nothing: the block stands (check()
    // lifted it on the trailers' word). (A block that added none blocks all the same: fail closed.)
    if (action === 'unblock' && own !== undefined && !change.removed.includes(own)) {
      const [digest, entryApp] = own.split(' ') as [string, string];
      this.report(c, { ...where, rule: 'trailers-disagree', message: `a Ferry unblock commit that did not remove the block of ${shortDigest(digest)} for ${entryApp} from ${BLOCKLIST_FILE}: it unblocked nothing` });
      this.block(digest, entryApp);
    }
    for (const [entries, added] of [[change.added, true], [change.removed, false]] as const) {
      for (const entry of entries) {
        if (entry === own && added === (action !== 'unblock')) continue;
        const [digest, entryApp] = entry.split(' ') as [string, string];
        this.report(c, { ...where, rule: 'trailers-disagree', message: `a Ferry ${action} commit ${added ? 'added' : 'removed'} the block of ${shortDigest(digest)} for ${entryApp} ${added ? 'to' : 'from'} ${BLOCKLIST_FILE}, which its trailers do not record` });
        if (added) this.block(digest, entryApp);
      }
    }
  }

  /** The manifests of ferry.yaml at c (not at `before`) that c did not change. */
  private lookAtNamed(c: AuditCommit, before: FerryConfig | undefined, config: FerryConfig): void {
    const was = before ? indexOf(before).owners : NO_OWNERS;
    const is = indexOf(config).owners;
    if (is === was) return; // (nothing moved: the usual change)
    for (const path of was.keys()) if (!is.has(path)) this.unguarded.set(path, false);
    let touched: Set<string> | undefined;
    for (const [path, owners] of is) {
      if (was.has(path)) continue;
      // (Guarded before, and no commit changed it since: what it holds is no pin made by hand.)
      const known = this.unguarded.get(path) === false;
      this.unguarded.delete(path);
      touched ??= new Set(c.files);
      if (!touched.has(path)) this.looks.push({ commit: c.commit, date: c.date, seq: this.checked, path, owners, read: onTheWay(path), why: known ? 'guarded-again' : 'named', config: config.file });
    }
  }

  /** The manifests of `owners` under a file c changed. */
  private lookAtChanged(c: AuditCommit, files: readonly string[], owners: ConfigIndex['owners']): void {
    const dirs = dirsOf(owners);
    for (const f of files) {
      for (const path of dirs.get(f) ?? NONE) this.looks.push({ commit: c.commit, date: c.date, seq: this.checked, path, owners: owners.get(path)!, read: [f], why: 'changed' });
    }
  }

  /**
   * The Argo CD parameter override files `c` changed beside the manifests of `owners` (ferry.yaml
   * after the commit and before it: `configs`). A commit without Ferry trailers: what each
   * overrides is read at the end (settleOverrides()). A Ferry commit (`action`): Ferry never
   * writes one, so its trailers do not record what it changed, whatever the file says.
   */
  private lookAtOverrides(c: AuditCommit, files: readonly string[], owners: ConfigIndex['owners'], action: string | undefined, configs: readonly (FerryConfig | undefined)[]): void {
    for (const file of files) {
      const manifests = overridden(owners, file);
      if (!manifests.length) continue;
      if (action !== undefined) {
        for (const m of manifests) {
          for (const o of owners.get(m)!) this.report(c, { env: o.env, app: o.app, rule: 'trailers-disagree', message: `a Ferry ${action} commit changed ${file}, Argo CD parameter overrides beside ${m}, which Ferry never writes: Argo CD applies them on top of the pins, and the trailers do not record it` });
        }
        continue;
      }
      const pins: PinnedManifest[] = [];
      for (const m of manifests) {
        for (const o of owners.get(m)!) {
          // (The app as the version of ferry.yaml that places its manifest here configures it.)
          const index = configs.map((config) => config && indexOf(config)).find((i) => i?.paths.get(o.env)?.get(o.app) === m);
          const app = index?.apps.get(o.app);
          if (app) pins.push({ app, env: o.env, file: m });
        }
      }
      const same = `${file}\0${JSON.stringify(pins.map((p) => [p.env, p.file, p.app]))}`;
      if (!this.overridePins.has(same)) this.overridePins.set(same, pins);
      this.overrideChanges.push({ commit: c.commit, date: c.date, seq: this.checked, file, pins: this.overridePins.get(same)! });
    }
  }

  /** The override files to read (settleOverrides()): each as its commit left it, and before it. */
  overridesToRead(): readonly OverrideChange[] {
    return this.overrideChanges;
  }

  /**
   * With what each override file was before its commit and after it (`versions`): an override of
   * what Ferry pins is a change to what its environment deploys, made without a Ferry record:
   * reported (unrecorded-change, once per pinned manifest: the file as the commit left it, else as
   * it was, where it overrode the pin and no longer does). So is one Ferry cannot check: a
   * symbolic link (Argo CD follows it), one with more aliases than Ferry reads, one too large or
   * nested too deep for it, one with a field that can change the image that Ferry does not read
   * (kustomize.patches, helm.valueFiles, …), and one Argo CD cannot read (manifest generation
   * fails where it applies: the pins stop deploying, and what the file holds cannot be told; fail
   * closed). A directory or a submodule at its path is none (Argo CD skips it). An override of anything else is not: Ferry
   * guards the pins, not what they render from (as for a kustomize patch beside the manifest).
   */
  settleOverrides(versions: ReadonlyMap<OverrideChange, { after: OverrideVersion; before: OverrideVersion }>): void {
    for (const change of this.overrideChanges) {
      const found = versions.get(change);
      if (!found) continue;
      const { after, before } = found;
      const verb = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      for (const pin of change.pins) {
        const clause = overrideClause(after, pin, 'after') ?? overrideClause(before, pin, verb === 'removed' ? 'removed' : 'before');
        if (clause === undefined) continue;
        this.report(change, { env: pin.env, app: pin.app.name, rule: 'unrecorded-change', message: `${change.file}, Argo CD parameter overrides beside ${pin.file}, ${verb} in a commit without Ferry trailers (a manual edit): ${clause}` }, change.seq);
      }
    }
    this.overrideChanges.length = 0;
    this.overridePins.clear();
    this.inHistoryOrder();
  }

  /** The paths to read, each at its commit (settlePaths()). */
  pathsToRead(): readonly PathLook[] {
    return this.looks;
  }

  /**
   * With what each look's paths are at its commit (`kinds`, in the order of its `read`): a
   * symbolic link on the way to a manifest, or as the manifest, is reported (kustomize follows it,
   * and what it leads to is no file audit guards); a file ferry.yaml began to guard holds a pin
   * that was made by hand. (A manifest absent, or not reached, holds nothing.)
   */
  settlePaths(kinds: ReadonlyMap<PathLook, readonly PathKind[]>): void {
    // (A link made by the commit that names the app is looked at twice, as named and as changed: told once.)
    const told = new Set<string>();
    for (const look of this.looks) {
      const found = kinds.get(look);
      if (!found) continue;
      const at = found.findIndex((k) => k !== 'directory');
      if (at < 0) continue;
      const what = look.read[at]!;
      let message: string | undefined;
      if (found[at] === 'link') {
        message = what === look.path
          ? `${what} is a symbolic link: kustomize follows it, and audit cannot guard the file it leads to (commit the file itself at this path)`
          : `${what}, on the way to ${look.path}, is a symbolic link: kustomize follows it, and audit cannot guard the file it leads to (commit the directory and the file themselves at this path)`;
      } else if (look.why === 'named' && what === look.path && found[at] === 'file') {
        message = `${look.path} already held a pin when ${look.config ?? CONFIG_FILE} began to guard it: that pin was made by hand, without Ferry trailers (a manual edit)`;
      }
      if (message === undefined) continue;
      for (const o of look.owners) {
        const key = `${look.commit}\0${o.env}\0${o.app}\0${message}`;
        if (told.has(key)) continue;
        told.add(key);
        this.report(look, { env: o.env, app: o.app, rule: 'unrecorded-change', message }, look.seq);
      }
    }
    this.looks.length = 0;
    this.inHistoryOrder();
  }

  /** The claims of first pins that a verdict rests on: audit-run.ts reads each manifest as it was before its pin. */
  claimsToCheck(): PreviousClaim[] {
    return [...new Set(this.pending.flatMap((p) => p.claims))];
  }

  /**
   * With `before`, each claim's manifest as it was before its pin (undefined: none, or not read):
   * a claim holds when that held its digest as a value (holdsDigest(), a comment does not count).
   * Each verdict that rested on claims none of which held is reported, and each claim that did not
   * hold is a previous image the commit made up (trailers-disagree). One that held because a hand
   * edit had put the digest in the file (PreviousClaim.hand) holds, but the digest was there by
   * hand, not through Ferry: its verdict is reported, naming the edit. (After settleHandEdits().)
   */
  settleClaims(before: ReadonlyMap<PreviousClaim, string | undefined>): void {
    const held = new Map([...before].map(([claim, text]) => [claim, text !== undefined && holdsDigest(text, claim.digest)]));
    for (const [claim, ok] of held) {
      if (!ok) this.report(claim, { env: claim.env, app: claim.app, rule: 'trailers-disagree', message: `the commit records ${short(claim.image)} as the image it replaced, but ${claim.path} did not hold that digest before it` }, claim.seq);
    }
    for (const p of this.pending) {
      // A claim that held counts, unless the file held the digest because a hand edit put it there.
      const holding = p.claims.filter((claim) => held.get(claim) === true);
      if (holding.some((claim) => !claimByHand(claim))) continue;
      const byClaim = holding.map(claimByHand).find((hand) => hand !== undefined);
      const own = ownByHand(p.own, p.digest, p.claimsOf === 'own' ? byClaim : undefined);
      if (own === 'init' || (own === 'held' && !p.skipped)) continue;
      const source = handPinOf(p.source, p.digest) ?? (p.claimsOf === 'source' ? byClaim : undefined);
      this.report(p.c, p.violation({ ...(typeof own === 'object' ? { own } : {}), ...(source ? { source } : {}) }), p.c.seq);
    }
    this.pending.length = 0;
    this.inHistoryOrder();
  }

  /** The violations in the order of the commits they are about, those found at the end (settleClaims, checkHead) among them. */
  private inHistoryOrder(): void {
    if (this.seqs.every((n, i) => i === 0 || this.seqs[i - 1]! <= n)) return;
    const order = this.violations.map((v, i) => ({ v, n: this.seqs[i]! })).sort((a, b) => a.n - b.n); // (stable)
    order.forEach(({ v, n }, i) => {
      this.violations[i] = v;
      this.seqs[i] = n;
    });
  }

  private report(c: { commit: string; date: string }, v: Omit<Violation, 'commit' | 'date'>, seq = this.checked): Violation | undefined {
    const { env } = this.options;
    // (A violation that names no environment, blocked.yaml edited by hand, concerns every one.)
    if (env !== undefined && v.env !== undefined && v.env !== env) return undefined;
    const violation = { commit: c.commit, date: isoUtc(c.date), ...v };
    this.violations.push(violation);
    this.seqs.push(seq);
    return violation;
  }
}

/** Whether `c` is a promotion whose Ferry-From is not its environment's promoteFrom in `rules` (Auditor.check()'s rule, and whether it needs `written`). */
export function recordsOtherFrom(c: Pick<AuditCommit, 'trailers'>, rules: FerryConfig | undefined): boolean {
  const env = c.trailers.first('Ferry-Action') === 'promote' && rules ? c.trailers.first('Ferry-Env') : undefined;
  const target = env !== undefined ? indexOf(rules!).envs.get(env) : undefined;
  return target !== undefined && c.trailers.first('Ferry-From') !== target.promoteFrom;
}

/** Whether `c` is a Ferry commit that writes blocked.yaml: a block, an unblock, a rollback --block. */
export function writesBlocklist(c: Pick<AuditCommit, 'trailers'>): boolean {
  const action = c.trailers.first('Ferry-Action');
  return action === 'block' || action === 'unblock' || (action === 'rollback' && c.trailers.first('Ferry-Blocked') !== undefined);
}

/** A Pins' pin on record and how many digests and hand edits it had seen (save(), restore()). */
type PinsState = [digest: string | undefined, image: string, by: string, at: string, seq: number, seen: number, hands: number];

/**
 * The digests seen in one environment for one app. Most questions are about the last one added
 * (a promotion of what was just pinned where it comes from, a previous image that Ferry pinned):
 * those are answered by comparing two strings. Only another question builds a set, once.
 */
class Pins {
  /**
   * The digest the last Ferry pin recorded (with its image and commit); undefined when unknown:
   * never pinned by Ferry, or changed since by other means. (Fields, not an object: one per pin.)
   */
  recordedDigest: string | undefined;
  recordedImage = '';
  recordedBy = '';
  recordedAt = '';
  recordedSeq = 0;

  record(image: string, digest: string, commit: AuditCommit, seq: number): void {
    this.recordedDigest = digest;
    this.recordedImage = image;
    this.recordedBy = commit.commit;
    this.recordedAt = commit.date;
    this.recordedSeq = seq;
  }

  /** The pin on record and the digests seen, as they are (for restore()). */
  save(): PinsState {
    return [this.recordedDigest, this.recordedImage, this.recordedBy, this.recordedAt, this.recordedSeq, this.log.list.length, this.hands?.length ?? 0];
  }

  /** Back to a state save() gave: the pin on record then, and the digests seen then only. */
  restore([digest, image, by, at, seq, seen, hands]: PinsState): void {
    this.recordedDigest = digest;
    this.recordedImage = image;
    this.recordedBy = by;
    this.recordedAt = at;
    this.recordedSeq = seq;
    if (this.log.list.length > seen) {
      // (A list marked since it was last cut back is copied: a mark keeps what it had.)
      if (this.marked) this.log = this.log.upTo(seen);
      else this.log.cut(seen);
      this.marked = false;
      this.last = this.log.list[seen - 1];
    }
    if (this.hands && this.hands.length > hands) {
      if (this.handsMarked) this.hands = this.hands.slice(0, hands);
      else this.hands.length = hands;
      this.handsMarked = false;
    }
  }

  /** What it has now, kept as it is (PinsMark): its lists are shared until restore() cuts one back. */
  mark(): PinsMark {
    this.marked = this.handsMarked = true;
    return new PinsMark(this, this.log, this.log.list.length, this.hands, this.hands?.length ?? 0);
  }

  /** Whether a mark shares the digests' list, and the hand edits' (copied, not cut, by restore()). */
  private marked = false;
  private handsMarked = false;

  /** The hand edits of the manifest, oldest first (what each pinned is read at the end). */
  private hands: HandPin[] | undefined;

  handEdit(hand: HandPin): void {
    (this.hands ??= []).push(hand);
  }

  /** The hand edits so far (a copy: later ones are not before the commit asking), undefined when none. */
  handPins(): readonly HandPin[] | undefined {
    return this.hands?.length ? [...this.hands] : undefined;
  }

  /** The last hand edit so far. */
  lastHand(): HandPin | undefined {
    return this.hands?.[this.hands.length - 1];
  }

  /** Whether a Ferry commit pinned the app there (add()). */
  pinnedByFerry(): boolean {
    return this.log.list.length > 0;
  }

  /** The hand edit that changed the manifest last before `commit` (changedBy()), where the last change before it was one. */
  handBefore(commit: string): HandPin | undefined {
    const hand = this.lastHand();
    return hand && this.lastChangeBefore(commit) === hand.commit ? hand : undefined;
  }

  /** The commit that changed the manifest last before `commit` (changedBy()). */
  lastChangeBefore(commit: string): string | undefined {
    let n = this.changes.length - 2;
    while (n >= 0 && this.changes[n] === commit) n -= 2;
    return n >= 0 ? this.changes[n] : undefined;
  }

  /** The digests a Ferry commit pinned there, in order (each where it differs from the one before), and the last. */
  private log = new DigestLog();
  private last: string | undefined;

  has(digest: string): boolean {
    if (digest === this.last) return true;
    return this.log.list.length > 0 && this.log.firstAt(digest) < this.log.list.length;
  }

  add(digest: string): void {
    if (digest === this.last) return;
    this.last = digest;
    this.log.list.push(digest);
  }

  /** What first pins said they replaced, by digest (the first to say so). */
  private claims: Map<string, PreviousClaim> | undefined;

  claim(claim: PreviousClaim): void {
    if (this.has(claim.digest)) return;
    this.claims ??= new Map();
    if (!this.claims.has(claim.digest)) this.claims.set(claim.digest, claim);
  }

  claimOf(digest: string): PreviousClaim | undefined {
    return this.claims?.get(digest);
  }

  /**
   * The pin on record as it changed (note()): place in the history checked, digest, image, commit,
   * … in the order checked (each place at least the one before). A branch merged later forked from
   * one of those places (pinOnBranch()).
   */
  private readonly past: (number | string | undefined)[] = [];

  /** The pin on record changed at `seq` (a Ferry pin; forgotten; put back at a merge's end): noted. */
  note(seq: number): void {
    const past = this.past;
    const n = past.length;
    if (n && past[n - 3] === this.recordedDigest && past[n - 2] === this.recordedImage && past[n - 1] === this.recordedBy) return;
    past.push(n ? Math.max(seq, past[n - 4] as number) : seq, this.recordedDigest, this.recordedImage, this.recordedBy);
  }

  /** No pin on record from `seq` on: its file changed by other means than a Ferry pin. */
  unrecord(seq: number): void {
    this.recordedDigest = undefined;
    this.note(seq);
  }

  /**
   * The pin on record on a branch that forked after the commit checked at `fork`, whose commits
   * were checked from `from` on: the one at its fork, where none changed it since `from`;
   * undefined where they did (the pin on record is the branch's own), or where it is the one on
   * record still.
   */
  pinOnBranch(fork: number, from: number): { digest: string | undefined; recordedImage: string; recordedBy: string } | undefined {
    const past = this.past;
    const last = past.length - 4;
    if (last >= 0 && (past[last] as number) >= from) return undefined;
    // (The last note at or before the fork: places only grow, so a binary search over the entries.)
    let [lo, hi] = [0, past.length / 4];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((past[mid * 4] as number) <= fork) lo = mid + 1;
      else hi = mid;
    }
    const i = (lo - 1) * 4;
    const digest = i < 0 ? undefined : past[i + 1] as string | undefined;
    if (digest === this.recordedDigest && (digest === undefined || past[i + 3] === this.recordedBy)) return undefined; // (the line's since)
    return { digest, recordedImage: i < 0 ? '' : past[i + 2] as string, recordedBy: i < 0 ? '' : past[i + 3] as string };
  }

  /**
   * Each commit that changed the app's manifest there (a merge: what it kept of its side commits'
   * pins), with the digest it pinned where that is on record (a Ferry pin), else '' (a hand edit,
   * ferry init, a merge of a hand edit): commit, digest, commit, digest, … in the order checked.
   * Only a rollback asks which (changeBy()): the lookup is built then, and kept up to date.
   */
  private readonly changes: string[] = [];
  private changeIndex: Map<string, string> | undefined;
  private indexed = 0;

  /** `commit` changed the manifest, pinning `digest` where that is on record. */
  changedBy(commit: string, digest = ''): void {
    this.changes.push(commit, digest);
  }

  /** `commit`, which changed the manifest last (changedBy()), is a Ferry pin of `digest` there. */
  pinnedBy(commit: string, digest: string): void {
    const n = this.changes.length;
    if (n === 0 || this.changes[n - 2] !== commit || this.changes[n - 1] !== '') return;
    this.changes[n - 1] = digest;
    if (this.indexed >= n) this.changeIndex!.set(commit, digest);
  }

  /** What `commit` pinned there: its digest, '' where that is not on record, undefined when it did not change the manifest (or is not in the history checked yet). */
  changeBy(commit: string): string | undefined {
    const index = (this.changeIndex ??= new Map());
    for (const changes = this.changes; this.indexed < changes.length; this.indexed += 2) index.set(changes[this.indexed]!, changes[this.indexed + 1]!);
    return index.get(commit);
  }
}

/**
 * Digests in the order a Ferry commit pinned them, and where each is first: built when first asked
 * (firstAt()), then kept up to date. A Pins appends to it, and cuts it back (restore()) only where
 * no mark shares it: a mark asks whether a digest is in the first n, whatever was added since.
 */
class DigestLog {
  constructor(readonly list: string[] = []) {}

  private first: Map<string, number> | undefined;
  private indexed = 0;

  /** Where `digest` is first in the list; Infinity where it is not. */
  firstAt(digest: string): number {
    const first = (this.first ??= new Map());
    for (const list = this.list; this.indexed < list.length; this.indexed++) if (!first.has(list[this.indexed]!)) first.set(list[this.indexed]!, this.indexed);
    return first.get(digest) ?? Infinity;
  }

  /** Its first `n` digests only (where no mark shares it). */
  cut(n: number): void {
    for (let i = n; i < this.indexed; i++) if (this.first!.get(this.list[i]!) === i) this.first!.delete(this.list[i]!);
    this.indexed = Math.min(this.indexed, n);
    this.list.length = n;
  }

  /** A new log of its first `n` digests (it stays as it is: a mark shares it). */
  upTo(n: number): DigestLog {
    return new DigestLog(this.list.slice(0, n));
  }
}

/**
 * What a Pins had when a hand edit was made (Pins.mark()): the digests a Ferry commit had pinned
 * there, and its hand edits, by then. It shares the Pins' lists, which restore() copies rather
 * than cuts back once marked: making one copies nothing, and what it had is one lookup.
 */
class PinsMark {
  constructor(
    readonly pins: Pins,
    private readonly log: DigestLog,
    private readonly seen: number,
    private readonly hands: readonly HandPin[] | undefined,
    private readonly handCount: number,
  ) {}

  /** Whether a Ferry commit had pinned `digest` there by then. */
  had(digest: string): boolean {
    return this.log.firstAt(digest) < this.seen;
  }

  /** The hand edits there by then (a copy), undefined when none. */
  handPins(): readonly HandPin[] | undefined {
    return this.handCount ? this.hands!.slice(0, this.handCount) : undefined;
  }

  /** The latest hand edit there by then that changed the pin to `digest` (handPinOf()). */
  handPinOf(digest: string): HandPin | undefined {
    for (let i = this.handCount - 1; i >= 0; i--) {
      const hand = this.hands![i]!;
      if (hand.digest === digest && hand.changed) return hand;
    }
    return undefined;
  }
}

/**
 * How `after` relaxes `before`, per environment: the environment gone, an app gone or its manifest
 * no longer where it was (Ferry no longer guards the old file, which may still be deployed), another
 * promoteFrom, and per gate: soak shorter or gone, fewer approvals, an instant no longer frozen
 * (freezeLost(): of a dated window, from `at` on, the date of the commit that made the change;
 * ISO 8601), analysis template or comparison gone or changed.
 */
export function weakenings(before: FerryConfig, after: FerryConfig, at?: string): { env: string; what: string }[] {
  const out: { env: string; what: string }[] = [];
  const envs = new Map(after.environments.map((e) => [e.name, e]));
  const ms = (d: string | undefined) => {
    try {
      return d === undefined ? 0 : parseDuration(d);
    } catch {
      return 0;
    }
  };
  for (const was of before.environments) {
    const env = was.name;
    const add = (what: string) => out.push({ env, what });
    const now = envs.get(env);
    if (!now) {
      add('the environment removed');
      continue;
    }
    if (now.promoteFrom !== was.promoteFrom) add(`promoted from ${now.promoteFrom ?? 'nothing'}, was ${was.promoteFrom ?? 'nothing'}`);
    const [g, h] = [was.gates ?? {}, now.gates ?? {}];
    if (g.soak !== undefined && ms(h.soak) < ms(g.soak)) add(`soak ${h.soak ?? 'none'}, was ${g.soak}`);
    if ((h.approvals ?? 0) < (g.approvals ?? 0)) add(`approvals ${h.approvals ?? 0}, was ${g.approvals}`);
    if (g.freeze?.length) for (const what of freezeLost(g.freeze, h.freeze ?? [], at === undefined ? NaN : Date.parse(at))) add(what);
    const templates = (g.analysis ?? []).filter((t) => !(h.analysis ?? []).includes(t));
    if (templates.length) add(`analysis ${templates.join(', ')} removed`);
    if (g.compare && JSON.stringify(g.compare) !== JSON.stringify(h.compare)) add(`compare ${h.compare ? 'changed' : 'removed'}`);
    // The analysis verdicts come from the Prometheus ferry.yaml names: another one (or another
    // token) is another source of evidence for every gate that queries it.
    if ((g.analysis?.length || g.compare) && (h.analysis?.length || h.compare) && JSON.stringify(before.prometheus ?? null) !== JSON.stringify(after.prometheus ?? null)) {
      add(`the Prometheus its analysis queries is ${after.prometheus?.address ?? 'none'}${after.prometheus?.bearerTokenEnv ? ` (token from ${after.prometheus.bearerTokenEnv})` : ''}, was ${before.prometheus?.address ?? 'none'}${before.prometheus?.bearerTokenEnv ? ` (token from ${before.prometheus.bearerTokenEnv})` : ''}`);
    }
    const paths = indexOf(after).paths.get(env);
    const placed = indexOf(before).paths.get(env);
    if (paths === placed) continue; // (the same places: nothing moved)
    for (const [app, path] of placed ?? []) {
      const moved = paths?.get(app);
      if (moved === undefined) add(`${app} removed (its manifest ${path} no longer guarded)`);
      else if (moved !== path) add(`${app}'s manifest moved from ${path} to ${moved}`);
    }
  }
  return out;
}

/**
 * What the merges of a first-parent line brought in, rebuilt in memory from the commit graph of
 * the history after one of its commits (`since`): each side as `git log --first-parent <tip>
 * ^<known>...` lists it (the git adapter's sideHistory()), without a git per merge.
 *
 * Each commit of the graph is numbered by the first commit of the line whose history holds it (a
 * commit of the line by its own place on it, `since` being -1): a commit is in the history of the
 * line's n-th commit when its number is n or less, and a commit outside the graph is in the
 * history of `since`, and so of every later commit of the line.
 */
export class MergeSides<E> {
  /** Each commit of the graph: the place on the line of the first commit whose history holds it. */
  private readonly number = new Map<string, number>();
  /** The line's own commits: their place on it, oldest first from 0. */
  private readonly place = new Map<string, number>();

  constructor(
    head: string,
    private readonly since: string,
    /** Each commit of head's history that is not in since's, with its parents (first first). */
    private readonly parentsOf: ReadonlyMap<string, readonly string[]>,
    /** The commits of the graph off the line, as sideHistory() gives them. */
    private readonly entries: ReadonlyMap<string, E>,
    /** Each merge of the graph against each of its other parents, and a merge of two against its first too (`${merge} ${parent}`): the files that differ. */
    private readonly differences: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    const line: string[] = [];
    for (let c: string | undefined = head; c !== undefined && parentsOf.has(c); c = parentsOf.get(c)![0]) line.push(c);
    line.reverse().forEach((c, n) => {
      this.place.set(c, n);
      this.number.set(c, n);
      // What its other parents brought in: the commits not in an earlier commit's history.
      const stack = parentsOf.get(c)!.slice(1);
      for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
        const parents = parentsOf.get(x);
        if (parents === undefined || this.number.has(x)) continue; // (in since's history, or numbered)
        this.number.set(x, n);
        stack.push(...parents);
      }
    });
  }

  /** A commit's parents, first first; undefined for a commit outside the graph. */
  parents(commit: string): readonly string[] | undefined {
    return this.parentsOf.get(commit);
  }

  /** Those of `paths` that are the same in `merge` and its parent `parent` (as the git adapter's sameFiles()); undefined for a merge outside the graph. */
  sameFiles(merge: string, parent: string, paths: readonly string[]): string[] | undefined {
    const differ = this.differences.get(`${merge} ${parent}`);
    return differ && paths.filter((p) => !differ.has(p));
  }

  /**
   * Each merge of two parents in the graph with the files it has as neither parent has them (both
   * sides changed each: merged by git, or by a hand), and, for a merge of the line, the commits its
   * branch forked from (as landing.ts's forkPoints(): those outside what it brought in that a
   * commit it brought in, or its second parent, has for a parent; `since`'s history among them).
   * What mergedAsGitWould() asks, read from the graph alone (no git).
   */
  twoSided(): { merge: string; parents: [string, string]; bases: string[]; paths: string[] }[] {
    const found: { merge: string; parents: [string, string]; bases: string[]; paths: string[] }[] = [];
    /** The line's merges found, by their place on it: their bases. */
    const lineMerges = new Map<number, Set<string>>();
    for (const [merge, parents] of this.parentsOf) {
      if (parents.length !== 2) continue;
      const [first, other] = [this.differences.get(`${merge} ${parents[0]}`), this.differences.get(`${merge} ${parents[1]}`)];
      const paths = first && other ? [...first].filter((f) => other.has(f)) : [];
      if (!paths.length) continue;
      const bases = new Set<string>();
      const at = this.place.get(merge);
      if (at !== undefined) lineMerges.set(at, bases);
      found.push({ merge, parents: [parents[0]!, parents[1]!], bases: [], paths });
    }
    if (lineMerges.size) {
      for (const [c, parents] of this.parentsOf) {
        const at = this.place.get(c);
        const n = at ?? this.number.get(c);
        const bases = n === undefined ? undefined : lineMerges.get(n);
        if (!bases) continue;
        for (const p of at === undefined ? parents : parents.slice(1)) if (!((this.number.get(p) ?? -1) >= n!)) bases.add(p);
      }
      for (const f of found) f.bases = [...(lineMerges.get(this.place.get(f.merge) ?? -1) ?? [])];
    }
    return found;
  }

  /**
   * The first-parent history of `tip` back to where it meets the history of `known`, oldest
   * first, as sideHistory(known, tip) reads it; undefined where the graph cannot tell (`known`
   * holds neither `since` nor a later commit of the line, or the history goes through the line).
   */
  side(known: readonly string[], tip: string): E[] | undefined {
    let bound: number | undefined;
    const others: string[] = [];
    for (const k of known) {
      const at = k === this.since ? -1 : this.place.get(k);
      if (at !== undefined) bound = Math.max(bound ?? at, at);
      else if (this.parentsOf.has(k)) others.push(k);
      // (else in since's history: in the line's, which bound stands for)
    }
    if (bound === undefined) return undefined;
    // The histories of the others, where they go beyond the line's up to bound.
    let theirs: Set<string> | undefined;
    if (others.length) {
      theirs = new Set();
      for (let x = others.pop(); x !== undefined; x = others.pop()) {
        if (theirs.has(x) || !((this.number.get(x) ?? -1) > bound)) continue;
        theirs.add(x);
        others.push(...this.parentsOf.get(x)!);
      }
    }
    const chain: E[] = [];
    for (let c: string | undefined = tip; c !== undefined; c = this.parentsOf.get(c)![0]) {
      const n = this.number.get(c);
      if (n === undefined || n <= bound || theirs?.has(c)) break;
      const entry = this.entries.get(c);
      if (entry === undefined) return undefined; // (a commit of the line: not read as a side's)
      chain.push(entry);
    }
    return chain.reverse();
  }
}

/** The report as Markdown: a heading, a sentence, and a table of the violations. */
export function formatAuditMarkdown(report: { repo: string; branch: string; commit: string; checked: number; violations: readonly Violation[]; range?: AuditRange }): string {
  const { range } = report;
  // (With since, until or after: which stretch of the line the violations are of, or that it holds no commit.)
  const stretch = !range ? '' : range.first !== undefined
    ? ` Reported: the commits ${range.first.slice(0, 12)} to ${range.last!.slice(0, 12)} of the branch's first-parent line (and what merges among them brought in).`
    : ' No commit of the branch\'s first-parent line is in the range: nothing reported.';
  const head = `# Ferry audit of ${cell(report.repo)} (${cell(report.branch)} @ ${report.commit.slice(0, 12)})\n\n${report.checked} commit${report.checked === 1 ? '' : 's'} checked, ${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}.${stretch}`;
  if (report.violations.length === 0) return head;
  // Every cell as text: a trailer's value (a name, a reason) is anyone's text, and must not render
  // as a link, an image or HTML where the report is shown.
  const rows = report.violations.map((v) => [v.date, v.commit.slice(0, 12), v.env ?? '', v.app ?? '', v.rule, v.message].map(cell));
  const table = ['| date | commit | env | app | rule | what |', '| --- | --- | --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return `${head}\n\n${table}`;
}

