// ferry rollback: pin an earlier image of one app in one environment, taken from what its manifest
// pinned over time on the branch's first-parent line (what was really in place there, whoever put
// it there), and with --block, block the image rolled back from in the same commit.
import { fileDiff } from './file-diff.js';
import { BLOCKLIST_FILE, RefusedError, addBlocked, assertNotBlocked, describeBlock, findBlocked, readBlocklist, stillPinned, type BlockedDigest, type StillPinned } from './blocklist.js';
import { assertImageForApp, findApp, findEnvironment, manifestPath, type AppConfig, type EnvironmentConfig } from './config.js';
import type { PinEvent } from './history.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, FileChange, Planned } from './env-repo-writer.js';
import { ConfigurationError, quote } from './errors.js';
import { assertPinsDeployed } from './undeployed-pins.js';
import { pinImage, readPinnedImage, type PinnedImage } from './image-pin.js';
import { formatImageRef, imageParts, isDigest, isTag, parseImageRef, quoteReference, describeImage, shortDigest, type ImageRef } from './image-ref.js';
import { utc } from './table.js';
import { assertSingleLine, commitMessage, elidable, fitSubject, subjectImage, type Trailer, type TrailerValues } from './trailers.js';

export type { PinEvent };

export interface RollbackRequest {
  env: string;
  app: string;
  /**
   * What to go back to, in place there before: the image (or bare sha256 digest), a tag it was
   * pinned with there (one digest only), or the id of the commit that pinned it (7 hex digits or more).
   */
  to?: string;
  /**
   * How many earlier images to go back (default 1): the n-th earlier image that may be gone back
   * to. Images skipped (a rollback moved away from them, blocked, not the app's image) do not count.
   */
  steps?: number;
  /**
   * The image (or bare sha256 digest) the user expects to roll back from: when another is pinned
   * there, the rollback is refused (RefusedError) and nothing is written. A re-run or a duplicate
   * dispatch of a rollback that went through then stops instead of rolling back once more.
   */
  from?: string;
  block?: boolean;
  reason?: string;
  requestedBy?: string;
  runUrl?: string;
  now?: () => Date;
  /**
   * Refuse to roll back from a pin by tag alone (the rollback action: rollback.yml binds what its
   * reviewers approve to the digest rolled back from, and there is none). The CLI rolls back from it.
   */
  fromDigestOnly?: boolean;
}

/** Why an earlier image was not gone back to without --to. */
export type SkipReason =
  /** A Ferry rollback there moved away from it. */
  | 'rolled-back-from'
  /** Another change there moved away from it back to an earlier image: a revert, a hand edit, a pin of an older release. */
  | 'moved-back-from'
  /** blocked.yaml blocks its digest for the app. */
  | 'blocked'
  /** Not of the app's registry and repository as ferry.yaml names them now (another registry's image, a registry since moved). */
  | 'not-app-image';

export interface SkippedImage {
  image: string;
  /** The latest commit that put it in place there. */
  commit: string;
  reason: SkipReason;
  /** `blocked` by another app's entry: that app (a blocked digest is blocked for every app). */
  blockedFor?: string;
}

export interface RollbackResult {
  env: string;
  app: string;
  image: string;
  digest: string;
  /** The image rolled back from: the one pinned there before this rollback. */
  previousImage: string;
  /**
   * The pin gone back to: the commit that put `image` in place there (Ferry-Rollback-To: the one
   * `--to` names by its id; for a tag, or an image with one, the latest pin of the digest with that
   * tag; else the latest), when, and by which action: its Ferry-Action, `init`
   * for the template's pin `ferry init` made (as `ferry status` names it), `edit` where no Ferry
   * trailers record it.
   */
  to: RestoredPin;
  /** The earlier images passed over on the way to `image` (newest first); empty with --to. */
  skipped: SkippedImage[];
  blocked: boolean;
  manifest: string;
  /** The manifest's unified diff, and blocked.yaml's when the rollback blocks (the files it writes). */
  diff: string;
  /**
   * Said when the rollback does not block and the environment promoted from still pins the image
   * rolled back from: the next promotion brings it back.
   */
  warning?: string;
  /**
   * With --block, when the image rolled back from was blocked already (before, or by another
   * writer while this rollback was being written): the entry that blocks it. This commit adds none.
   */
  alreadyBlocked?: { app: string; reason: string; by?: string; at?: string };
  /**
   * With --block: the other environments whose manifest of the app still pins the digest rolled
   * back from (blocked now, or already), at the head the rollback was written on (stillPinned()).
   */
  stillPinned?: StillPinned[];
  /** With --block: the other environments whose manifest of the app does not read (stillPinned()): whether they pin it is not known; absent for none. */
  unreadable?: StillPinned[];
}

/** The pin a rollback goes back to (RollbackResult.to). */
export interface RestoredPin {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  action: string;
  image: string;
}

/** A pin as pinTimeline reads it, with who asked and why when the commit's Ferry trailers record that very pin. */
export interface PinRecord extends PinEvent {
  requestedBy?: string;
  reason?: string;
  /** The image the commit blocked (a rollback with --block). */
  blockedImage?: string;
  /**
   * Where the file holds no tag (a digest-only Helm pin), the tag of the image the commit's Ferry
   * trailers record for this very pin (older Ferry recorded the tag it was given): the tag `ferry
   * history` shows it with, which --to may name.
   */
  recordedTag?: string;
  /**
   * Set when the commit changed the manifest but not the app's pin, which stays the entry before's
   * (another app's pin in a shared manifest, another line): what the commit was, as an error says
   * it (`a ferry bump of "web" 2.0.0 (sha256:…) in "dev"`). Such an entry is no pin of the app:
   * never gone back to, nor named by --to, nor counted.
   */
  otherChange?: string;
}

/**
 * One commit on the branch's first-parent line that changed the app's manifest in the environment
 * (a merge counts with what it changed against its first parent), and the file after it.
 */
export interface ManifestVersion {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  /** The commit's Ferry trailers. */
  trailers: TrailerValues;
  /** The manifest after the commit: undefined when it removed the file; a ConfigurationError when it was no text Ferry reads. */
  text: string | undefined | ConfigurationError;
}

/** What a version of the manifest pins by digest (versionPin()). */
export interface VersionPin {
  image: string;
  digest: string;
}

/**
 * A ManifestVersion read for its pin alone: what pinTimeline keeps of its text (undefined where it
 * pins none Ferry reads). Every version of a large file is read, and none of its texts kept.
 */
export interface PinnedVersion extends Omit<ManifestVersion, 'text'> {
  pin: VersionPin | undefined;
}

/** Checks the request without the env repo. */
export function checkRollbackRequest(req: RollbackRequest): void {
  if (req.to !== undefined && req.steps !== undefined) throw new ConfigurationError({ field: 'to', message: 'give --to or --steps, not both' });
  if (req.to !== undefined) checkGivenTo(req.to);
  if (req.from !== undefined) checkGivenImage(req.from, 'from');
  if (req.steps !== undefined && (!Number.isInteger(req.steps) || req.steps < 1)) throw new ConfigurationError({ field: 'steps', message: `expected a whole number of 1 or more, found ${req.steps}` });
  if (req.block && req.reason === undefined) throw new ConfigurationError({ field: 'reason', message: 'is required with --block (it is recorded with the blocked digest)' });
  if (req.reason !== undefined) assertSingleLine(req.reason, 'reason', 500);
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) assertSingleLine(req.runUrl, 'run-url', 500);
}

/** `--to`: as `--from` (checkGivenImage), or a tag or a commit id, which chooseTarget finds in the history. */
function checkGivenTo(value: string): void {
  if (isGivenName(value)) return;
  try {
    checkGivenImage(value, 'to');
  } catch (error) {
    // (A malformed sha256: digest was meant as a digest: its error says what one is.)
    if (!(error instanceof ConfigurationError) || /^sha256:/i.test(value)) throw error;
    throw new ConfigurationError({ field: 'to', message: `${error.problems.map((p) => p.message).join('; ')}; or a tag it was pinned with there, or the id of the commit that pinned it` });
  }
}

/** `--to` or `--from`: a bare digest (`sha256:<64 lowercase hex>`) or an image reference with one. */
function checkGivenImage(value: string, field: 'to' | 'from'): void {
  if (isDigest(value)) return;
  if (/^sha256:/i.test(value)) {
    const hex = value.slice('sha256:'.length);
    const why = !value.startsWith('sha256:') ? "the algorithm is written 'sha256', in lowercase"
      : /[^0-9a-fA-F]/.test(hex) ? `${quoteReference(hex)} is not all hex digits`
        : hex.length !== 64 ? `it has ${hex.length} hex digits, not 64`
          : 'the hex digits must be lowercase';
    throw new ConfigurationError({ field, message: `the digest ${quoteReference(value)} is malformed (${why}); expected sha256: followed by 64 lowercase hex digits, or an image reference with one` });
  }
  parseImageRef(value, field);
}

function digestOf(image: string): string {
  return image.slice(image.lastIndexOf('@') + 1);
}

/** An image as an error names it: `3.0.0 (sha256:1a2b3c4d5e6f)`; never throws on what a file or trailer held. */
function describePinned(image: string): string {
  const { tag, digest } = imageParts(image);
  // (A pin by tag alone, as an image automation bot may leave one: no digest to show.)
  if (digest === undefined) return `${quote(image, 200)} (no digest)`;
  return describeImage({ ...(tag ? { tag } : {}), digest });
}

/** The app's image as ferry.yaml names it now: `registry/repository`. */
function appImageName(app: Pick<AppConfig, 'registry' | 'image'>): string {
  return `${app.registry}/${app.image}`;
}

/** Whether `image` (as a manifest held it) is an image of `app` as ferry.yaml names it now. */
function isAppImage(image: string, app: Pick<AppConfig, 'registry' | 'image'>): boolean {
  try {
    const ref = parseImageRef(image);
    return ref.registry === app.registry && ref.repository === app.image;
  } catch {
    return false;
  }
}

/** A skipped image in a sentence: `1.3.0 (sha256:…)`, with its name when it is not the app's. */
function describeSkipped(s: SkippedImage): string {
  return s.reason === 'not-app-image' ? `${describePinned(s.image)} of ${quote(imageParts(s.image).name)}` : describePinned(s.image);
}

/** Why an image was passed over, after its description (`skipped 1.3.0 (sha256:…): <why>`). */
function skippedWhy({ reason, blockedFor }: Pick<SkippedImage, 'reason' | 'blockedFor'>, app: Pick<AppConfig, 'name' | 'registry' | 'image'>): string {
  switch (reason) {
    case 'rolled-back-from': return 'a rollback there moved away from it';
    case 'moved-back-from': return 'a change there moved away from it, back to an earlier image (a revert, a hand edit)';
    case 'blocked': return `it is blocked for app ${quote(blockedFor ?? app.name)}`;
    case 'not-app-image': return `it is not an image of app ${quote(app.name)} (${quote(appImageName(app))}) as ferry.yaml names it now`;
  }
}

/** One line per image a rollback passed over, for its progress output. */
export function skippedLines(result: Pick<RollbackResult, 'skipped'>, app: Pick<AppConfig, 'name' | 'registry' | 'image'>): string[] {
  return result.skipped.map((s) => `skipped ${describeSkipped(s)} (in place after ${s.commit.slice(0, 12)}): ${skippedWhy(s, app)}`);
}

/**
 * The digests a change there moved away from, back to an earlier image: every image in place
 * since the image gone back to was last in place. A change is one when the image it put back was
 * first in place before the one it replaced: a Ferry rollback (`rolled-back-from`), a revert, a
 * hand edit, a bump or promotion of an older release (`moved-back-from`); a Ferry rollback to an
 * image the history does not hold goes back too. Pinning a newer image again is no move back,
 * a rollback `--to` one included (a release rolled back from and bumped again stays rolled back
 * from; a rollback forward does not make the image it replaces, gone back to before, one rolled
 * back from). `history` is what was in place, newest first.
 */
function movedAwayFrom(history: readonly PinEvent[]): Map<string, 'rolled-back-from' | 'moved-back-from'> {
  const seq = [...history].reverse();
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const moved = new Map<string, 'rolled-back-from' | 'moved-back-from'>();
  seq.forEach((e, i) => {
    const to = digestOf(e.image);
    const from = i > 0 ? digestOf(seq[i - 1]!.image) : to;
    const rollback = e.action === 'rollback';
    const back = first.has(to) ? first.get(to)! < first.get(from)! : rollback;
    if (from !== to && back) {
      // (A rollback to an image not in the history moved away from the one it replaced alone.)
      for (let j = (last.get(to) ?? i - 2) + 1; j < i; j++) {
        const away = digestOf(seq[j]!.image);
        if (rollback) moved.set(away, 'rolled-back-from');
        else if (!moved.has(away)) moved.set(away, 'moved-back-from');
      }
    }
    if (!first.has(to)) first.set(to, i);
    last.set(to, i);
  });
  return moved;
}

/** What chooseTarget checks candidates against, as the snapshot has them now. */
export interface TargetContext {
  /** The app as ferry.yaml names it now: an image of another registry or repository is never gone back to. */
  app?: Pick<AppConfig, 'name' | 'registry' | 'image'>;
  /** blocked.yaml now: a blocked image is passed over (and refused as --to, by planRollback). */
  blocklist?: readonly BlockedDigest[];
}

export interface RollbackChoice {
  target: PinEvent;
  /** The images passed over on the way to it, newest first (none with --to). */
  skipped: SkippedImage[];
}

/**
 * The image to go back to. `history` is what was in place there, newest first: one entry per
 * commit that changed the manifest (pinTimeline).
 *
 * `--to` is found in the history (any earlier digest: a deliberate choice, even one a rollback
 * moved away from; a tag or a commit id, by namedPin), and must be of the app's image. Else the `steps`-th candidate: the history's
 * digests, newest first, each once, without the one pinned now, passing over each one a change
 * there moved away from back to an earlier image (rolling back twice goes further back, not
 * forward to a release rolled back from; a revert counts as a rollback), each blocked one, and
 * each not of the app's image as ferry.yaml names it now. Images passed over are no steps.
 */
export function chooseTarget(history: readonly PinRecord[], currentDigest: string, req: RollbackRequest, context: TargetContext = {}): RollbackChoice {
  // (A commit that changed the manifest but not the app's pin put no image there.)
  const pins = history.filter(isPinChange);
  const earlier = pins.filter((e) => digestOf(e.image) !== currentDigest);
  const { app } = context;
  if (req.to !== undefined) {
    const found = isGivenName(req.to) ? namedPin(history, currentDigest, req, req.to) : pinnedDigest(earlier, req, req.to);
    if (app && !isAppImage(found.image, app)) {
      throw new ConfigurationError({ field: 'to', message: `${quote(req.to)} was pinned there as ${quote(found.image, 200)}, which is not an image of app ${quote(app.name)} (${quote(appImageName(app))}) as ferry.yaml names it now; nothing was changed` });
    }
    return { target: found, skipped: [] };
  }
  const steps = req.steps ?? 1;
  const moved = movedAwayFrom(pins);
  const seen = new Set<string>([currentDigest]);
  const skipped: SkippedImage[] = [];
  let candidates = 0;
  for (const e of earlier) {
    const digest = digestOf(e.image);
    if (seen.has(digest)) continue;
    seen.add(digest);
    const entry = context.blocklist ? findBlocked(context.blocklist, req.app, digest) : undefined;
    const reason: SkipReason | undefined = app && !isAppImage(e.image, app) ? 'not-app-image' : entry ? 'blocked' : moved.get(digest);
    if (reason) skipped.push({ image: e.image, commit: e.commit, reason, ...(reason === 'blocked' && entry!.app !== req.app ? { blockedFor: entry!.app } : {}) });
    else if (++candidates === steps) return { target: ferryPinOf(pins, digest) ?? e, skipped };
  }
  const n = candidates;
  const what = req.steps === undefined && n === 0
    ? `${quote(req.app)} in ${quote(req.env)} has no earlier image in its history to roll back to`
    : `${quote(req.app)} in ${quote(req.env)} has ${n} earlier image${n === 1 ? '' : 's'} in its history, not ${steps}`;
  throw new ConfigurationError({ ...(req.steps !== undefined ? { field: 'steps' } : {}), message: what + notCounting(skipped, app ?? { name: req.app }) });
}

/** Whether a timeline entry is a pin of the app: its commit changed the pin (or its trailers record that very pin), not only another part of the manifest. */
function isPinChange(e: PinRecord): boolean {
  return e.otherChange === undefined;
}

/** The tag an entry was pinned with: the file's, or where the file holds none, the one its Ferry trailers recorded (PinRecord.recordedTag). */
function pinnedTag(e: PinRecord): string | undefined {
  return imageParts(e.image).tag ?? e.recordedTag;
}

/**
 * The pin of the digest `to` names (a bare digest, or an image reference with one) among the
 * earlier images, `earlier` (newest first): with a tag, the latest pin of that digest with that
 * tag (the one `--to <tag>` names, and a dry run shows: not a later pin of the digest under
 * another tag); without one, the latest pin of the digest.
 */
function pinnedDigest(earlier: readonly PinRecord[], req: RollbackRequest, to: string): PinEvent {
  const want = isDigest(to) ? to : parseImageRef(to, 'to').digest;
  const pins = earlier.filter((e) => digestOf(e.image) === want);
  const [latest] = pins;
  if (!latest) throw new ConfigurationError({ field: 'to', message: `${quote(to)} was never pinned for ${quote(req.app)} in ${quote(req.env)} on this branch's line of history (or is what is pinned now)` });
  const tag = isDigest(to) ? undefined : parseImageRef(to, 'to').tag;
  if (tag === undefined) return ferryPinOf(pins, want) ?? latest;
  // A tag given with the digest must be one it was pinned as: a wrong one is a mistake (which was meant?).
  const found = pins.find((e) => pinnedTag(e) === tag);
  if (!found) {
    throw new ConfigurationError({ field: 'to', message: `${quote(to)}: that digest was pinned as ${describePinned(latest.image)}, not with tag ${quote(tag)}; give its digest alone, or the tag it was pinned with` });
  }
  return found;
}

/**
 * The latest pin of `digest` that a Ferry commit's trailers record (a bump, a promotion, a
 * rollback, the template's), among `pins` (newest first): the image a --steps count or a bare
 * digest goes back to, with the tag Ferry pinned it with. Not a later edit of the same digest that
 * changed its tag alone (an image automation bot rewrites tags, and its tag need not be the
 * digest's): the digest is the same image, and the tag Ferry recorded is the one that names it.
 */
function ferryPinOf(pins: readonly PinRecord[], digest: string): PinRecord | undefined {
  return pins.find((e) => isPinChange(e) && e.action !== 'edit' && digestOf(e.image) === digest);
}

/** Whether `--to` is a tag or a commit id (namedPin finds it in the history), not a digest or an image reference. */
function isGivenName(to: string): boolean {
  return !isDigest(to) && isTag(to);
}

/** Whether `--to` may be a commit id, full or abbreviated (git's shortest is 7 hex digits; SHA-256 repositories' are 64). */
function isCommitId(to: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(to);
}

/** `1.1.0 (sha256:96b6300a2205), pinned by commit a6160f4751f0`. */
function describePin(e: PinRecord): string {
  const tag = pinnedTag(e);
  return `${describeImage({ ...(tag !== undefined ? { tag } : {}), digest: digestOf(e.image) })}, pinned by commit ${e.commit.slice(0, 12)}`;
}

/**
 * The pin `--to` names by a tag or a commit id, in `history` (what was in place there, newest
 * first): a commit id (full, or 7 hex digits or more) is the commit that pinned it (one that changed
 * the app's manifest there on the branch's first-parent line); a tag, the latest pin with that
 * tag. Refused (ConfigurationError naming `to`): a tag pinned with more than one digest, an
 * abbreviation of more than one such commit, a value that is both and names two images, one that
 * is neither, and one that names the image pinned now.
 */
function namedPin(history: readonly PinRecord[], currentDigest: string, req: RollbackRequest, to: string): PinEvent {
  const where = `${quote(req.app)} in ${quote(req.env)}`;
  const fail = (message: string): never => {
    throw new ConfigurationError({ field: 'to', message });
  };
  // Only a commit that changed the app's pin pinned it: not one that changed another app's pin in
  // a shared manifest, or another line of it (nor a Ferry commit of another app that did so).
  const pins = history.filter(isPinChange);
  const given = to.toLowerCase();
  // A whole commit id of one of these pins names it, whatever tag the same text is too (CI tags a
  // build with its commit's id; rollback.yml binds its rollback to its plan by the pin's commit).
  const exact = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(given) ? pins.find((e) => e.commit === given) : undefined;
  const commits = exact ? [exact] : isCommitId(to) ? pins.filter((e) => e.commit.startsWith(given)) : [];
  if (commits.length > 1) fail(`${quote(to)} abbreviates ${commits.length} commits that pinned ${where}: ${commits.map(describePin).join('; ')}; give more of its hex digits, or the image's digest`);
  // Each digest the tag was pinned with, by its latest pin (history is newest first); none after a whole commit id.
  const tagged: PinRecord[] = [];
  for (const e of exact ? [] : pins) {
    if (pinnedTag(e) === to && !tagged.some((t) => digestOf(t.image) === digestOf(e.image))) tagged.push(e);
  }
  if (tagged.length > 1) fail(`tag ${quote(to)} was pinned for ${where} with ${tagged.length} digests: ${tagged.map(describePin).join('; ')}; give the digest of the one meant (sha256:…)`);
  const [commit] = commits;
  const [tag] = tagged;
  if (commit && tag && digestOf(commit.image) !== digestOf(tag.image)) {
    fail(`${quote(to)} is both a commit id and a tag, naming two images: commit ${commit.commit.slice(0, 12)} pinned ${describePinned(commit.image)}, and tag ${quote(to)} was pinned as ${describePin(tag)}; give the digest of the one meant (sha256:…)`);
  }
  const found = commit ?? tag;
  if (!found) {
    const others = isCommitId(to) ? history.filter((e) => e.otherChange !== undefined && e.commit.startsWith(given)) : [];
    if (others.length) {
      fail(`${quote(to)} names ${others.map((e) => otherChangeText(history, e, where)).join('; and ')}; --to takes the id of a commit that pinned an image of ${where}, the tag it was pinned with, or its digest (ferry history --env ${req.env} --app ${req.app} lists them)`);
    }
    const commitToo = isCommitId(to) ? `, nor the id of a commit that pinned one there (one that changed its manifest on this branch's first-parent line)` : '';
    return fail(`${quote(to)} is no tag an image of ${where} was pinned with on this branch's line of history${commitToo}; --to takes the image (registry/repository[:tag]@sha256:<64 hex>), its digest (sha256:<64 hex>), the tag it was pinned with there, or the id of the commit that pinned it (ferry history --env ${req.env} --app ${req.app} lists them)`);
  }
  if (digestOf(found.image) === currentDigest) {
    fail(`${quote(to)} names ${commit ? `the image commit ${commit.commit.slice(0, 12)} pinned` : `the image tagged ${quote(to)}`}, ${describePinned(found.image)}, which is what is pinned now`);
  }
  return found;
}

/** `commit 1b1d9693f587, a ferry bump of "web" … in "dev", which changed the manifest of "api" in "dev" but not its pin: it left 2.0.0 (sha256:…) in place, pinned by commit 917850f448f6`. */
function otherChangeText(history: readonly PinRecord[], e: PinRecord, where: string): string {
  // The pin it left in place: the latest change of the pin before it.
  const by = history.slice(history.indexOf(e) + 1).find(isPinChange);
  return `commit ${e.commit.slice(0, 12)}, ${e.otherChange}, which changed the manifest of ${where} but not its pin: it left ${describePinned(by?.image ?? e.image)} in place${by ? `, pinned by commit ${by.commit.slice(0, 12)}` : ''}`;
}

/** ` (not counting …)`: the images passed over, by reason; empty when none was. */
function notCounting(skipped: readonly SkippedImage[], app: { name: string; registry?: string; image?: string }): string {
  const list = (reason: SkipReason) => skipped.filter((s) => s.reason === reason).map(describeSkipped);
  const clauses: string[] = [];
  const rolled = list('rolled-back-from');
  const movedBack = list('moved-back-from');
  if (rolled.length) clauses.push(`not counting ${rolled.join(', ')}, which a rollback there moved away from`);
  if (movedBack.length) clauses.push(`not counting ${movedBack.join(', ')}, which a change there moved away from, back to an earlier image (a revert, a hand edit)`);
  if (rolled.length || movedBack.length) clauses.push('--to names one to go back to it all the same');
  const blocked = skipped.filter((s) => s.reason === 'blocked');
  const blockedApps = [...new Set(blocked.map((s) => s.blockedFor ?? app.name))];
  if (blocked.length) clauses.push(`not counting ${blocked.map(describeSkipped).join(', ')}, blocked for app${blockedApps.length === 1 ? '' : 's'} ${blockedApps.map((a) => quote(a)).join(', ')}`);
  const foreign = list('not-app-image');
  if (foreign.length) {
    const named = app.registry !== undefined && app.image !== undefined ? ` (${quote(`${app.registry}/${app.image}`)})` : '';
    clauses.push(`not counting ${foreign.join(', ')}, not an image of app ${quote(app.name)}${named} as ferry.yaml names it now`);
  }
  return clauses.length ? ` (${clauses.join('; ')})` : '';
}

/** The app (as ferry.yaml configures it in `snapshot`), the environment, and the app's manifest there; ConfigurationError for an unknown one. */
export async function rollbackManifest(snapshot: EnvRepoSnapshot, req: Pick<RollbackRequest, 'env' | 'app'>): Promise<{ app: AppConfig; environment: EnvironmentConfig; path: string }> {
  const config = await readConfig(snapshot);
  const environment = findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  return { app, environment, path: manifestPath(app, req.env) };
}

/**
 * What the app's manifest in the environment pins in `snapshot`; ConfigurationError when it pins
 * none Ferry reads. A pin without a digest (a tag alone: an image automation bot rewrote it) is
 * read as it is: a rollback from it goes back to an image pinned by digest before.
 */
export async function currentPin(snapshot: EnvRepoSnapshot, req: Pick<RollbackRequest, 'env' | 'app'>): Promise<{ app: AppConfig; environment: EnvironmentConfig; path: string; before: string; current: PinnedImage }> {
  const { app, environment, path } = await rollbackManifest(snapshot, req);
  const before = await snapshot.readFile(path);
  if (before === undefined) throw new ConfigurationError({ file: path, message: `app ${quote(app.name)} has no manifest for environment ${quote(req.env)}` });
  const current = readPinnedImage(before, path, app.pin, appImageName(app));
  return { app, environment, path, before, current };
}

/** The Ferry-Action and Ferry-Image of a commit whose trailers record pinning `digest` for `app` in `env` (what the file holds), else undefined. */
function recordedPin(trailers: TrailerValues, env: string, app: string, digest: string): { action: string; image: string } | undefined {
  const action = trailers.get('Ferry-Action')?.[0];
  if (!action || trailers.get('Ferry-Env')?.[0] !== env) return undefined;
  const apps = trailers.get('Ferry-App') ?? [];
  const images = trailers.get('Ferry-Image') ?? [];
  if (apps.length !== images.length) return undefined;
  const i = apps.findIndex((a, j) => a === app && digestOf(images[j]!) === digest);
  return i < 0 ? undefined : { action, image: images[i]! };
}

/** What a commit that changed the manifest but not the app's pin did, from its trailers (PinRecord.otherChange). */
function otherChangeOf(trailers: TrailerValues): string {
  const action = trailers.get('Ferry-Action')?.[0];
  if (!action) return 'a change no Ferry trailers record (a hand edit, a revert or a merge)';
  const apps = trailers.get('Ferry-App') ?? [];
  const images = trailers.get('Ferry-Image') ?? [];
  const env = trailers.get('Ferry-Env')?.[0];
  const pinned = apps.map((a, i) => `${quote(a)}${images[i] !== undefined && apps.length === images.length ? ` ${describePinned(images[i])}` : ''}`);
  return `a ferry ${action}${pinned.length ? ` of ${pinned.join(', ')}` : ''}${env !== undefined ? ` in ${quote(env)}` : ''}`;
}

/**
 * What was in place there: for each version of the manifest (newest first), the image the file
 * pinned by digest, as a PinEvent (newest first). Its action is the commit's Ferry-Action when
 * the commit's trailers record that very pin, `init` for the template's pin (the manifest's first
 * version, made by a commit whose Ferry-Action is init, as `ferry status` names it), else `edit`
 * (a hand edit, a revert, a merge); trailers are never a source of images. `previousImage` is what
 * the file pinned before it. A version without a digest pin Ferry can read (removed, broken, a tag
 * alone) is left out. A version that pins the same image as the one before it, by a commit whose
 * trailers do not record that pin (another app's pin changed in a shared manifest, another line),
 * is marked with what the commit did (`otherChange`): it put no image there.
 */
export function pinTimeline(versions: readonly (ManifestVersion | PinnedVersion)[], env: string, app: AppConfig, path: string): PinRecord[] {
  const pins: { pin: PinRecord; trailers: TrailerValues }[] = [];
  const oldest = versions[versions.length - 1];
  for (const v of versions) {
    const pinned = 'pin' in v ? v.pin : versionPin(v.text, app, path);
    if (pinned === undefined) continue;
    const recorded = recordedPin(v.trailers, env, app.name, pinned.digest);
    const action = recorded?.action ?? (v === oldest && v.trailers.get('Ferry-Action')?.[0] === 'init' ? 'init' : 'edit');
    // Who asked and why, as the trailers of a commit that records this very pin say.
    const said = (key: string) => (recorded ? v.trailers.get(key)?.[0] : undefined);
    const requestedBy = said('Ferry-Requested-By');
    const reason = said('Ferry-Reason');
    const blockedImage = said('Ferry-Blocked');
    const recordedTag = recorded && imageParts(pinned.image).tag === undefined ? imageParts(recorded.image).tag : undefined;
    pins.push({
      pin: {
        commit: v.commit, date: v.date, action, env, app: app.name, image: pinned.image,
        ...(requestedBy !== undefined ? { requestedBy } : {}), ...(reason !== undefined ? { reason } : {}), ...(blockedImage !== undefined ? { blockedImage } : {}),
        ...(recordedTag !== undefined ? { recordedTag } : {}),
      },
      trailers: v.trailers,
    });
  }
  pins.forEach(({ pin: p, trailers }, i) => {
    const older = pins[i + 1]?.pin;
    if (!older) return;
    p.previousImage = older.image;
    if (older.image === p.image && p.action === 'edit') p.otherChange = otherChangeOf(trailers);
  });
  return pins.map((p) => p.pin);
}

/**
 * What a version of the app's manifest (its text, as ManifestVersion has it) pins by digest, as
 * pinTimeline reads it: undefined when it pins none Ferry reads (removed, broken, a tag alone).
 */
export function versionPin(text: ManifestVersion['text'], app: AppConfig, path: string): VersionPin | undefined {
  if (typeof text !== 'string') return undefined;
  let pinned: PinnedImage;
  try {
    pinned = readPinnedImage(text, path, app.pin, appImageName(app));
  } catch (error) {
    if (error instanceof ConfigurationError) return undefined;
    throw error;
  }
  return pinned.digest === undefined ? undefined : { image: detached(pinned.image), digest: detached(pinned.digest) };
}

/**
 * A copy of `value` that shares no memory with the text it was cut from: a string sliced from a
 * file can keep the whole file alive (each version of a 3 MB file would stay, for its pin).
 */
function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

/** The digest `--from` names: a bare digest as given, or a reference's. */
function givenDigest(value: string, field: 'to' | 'from'): string {
  return isDigest(value) ? value : parseImageRef(value, field).digest;
}

/** An image as given (a reference, or a bare digest, named with its tag when the history has it there) in a sentence. */
function describeGiven(value: string, history: readonly PinEvent[]): string {
  if (!isDigest(value)) return describePinned(value);
  const known = history.find((e) => digestOf(e.image) === value);
  return known ? describePinned(known.image) : shortDigest(value);
}

/** The pin in place now as the commit that put it there (the oldest of the newest run of that digest), if the history has it. */
function pinnedBy(history: readonly PinRecord[], digest: string): PinRecord | undefined {
  let by: PinRecord | undefined;
  for (const e of history) {
    if (digestOf(e.image) !== digest) break;
    by = e;
  }
  return by;
}

/** `commit 1a2b3c4d5e6f at 2026-11-24 10:00:00Z (ferry rollback requested by "bob", reason "…")`. */
function describeCommit(e: PinRecord): string {
  const who = e.action === 'edit'
    ? 'no Ferry trailers record this pin: a hand edit, a revert or a merge'
    : [`ferry ${e.action}`, e.requestedBy !== undefined ? ` requested by ${quote(e.requestedBy)}` : ', no requester recorded', e.reason !== undefined ? `, reason ${quote(e.reason, 200)}` : '', e.blockedImage ? `, blocking ${describePinned(e.blockedImage)}` : ''].join('');
  return `commit ${e.commit.slice(0, 12)} at ${utc(e.date)} (${who})`;
}

/** Why the pin is not the one a rollback expected: it moved while the rollback was being written, or --from names another. */
export interface PinMoved {
  req: RollbackRequest;
  app: AppConfig;
  cause: 'moved' | 'from';
  /** What the pin was expected to be: the image this rollback read first ('moved'), or --from as given ('from'). */
  expected: string;
  /** The image this rollback was going to pin ('moved'). */
  intended?: string;
  /** The image pinned now. */
  current: string;
  /** What was in place there at the head where `current` was read (pinTimeline), newest first. */
  history: readonly PinRecord[];
  /** blocked.yaml at that head. */
  blocklist: readonly BlockedDigest[];
}

/**
 * The refusal of a rollback whose pin is not the one expected; nothing is written. It says what is
 * pinned now, by which commit and whom (from its Ferry trailers), whether that was itself a
 * rollback from the image expected, what the same rollback would do now (never an unqualified
 * "run again": that could roll back from the fix, or back to the bad release), and to look first.
 */
export function pinMovedError(m: PinMoved): RefusedError {
  const { req, app, history, blocklist } = m;
  const digest = digestOf(m.current);
  const expectedDigest = m.cause === 'from' ? givenDigest(m.expected, 'from') : digestOf(m.expected);
  const now = describePinned(m.current);
  const expected = describeGiven(m.expected, history);
  const where = `${app.name} in ${req.env}`;
  const lines: string[] = [m.cause === 'moved'
    ? `${where} was pinned to ${now} by another writer while this rollback from ${expected}${m.intended ? ` to ${describePinned(m.intended)}` : ''} was being written; nothing written.`
    : `${where} pins ${now}, not ${expected} as --from says; nothing written.`];
  const unblocked = req.block === true && !findBlocked(blocklist, app.name, expectedDigest);
  const by = pinnedBy(history, digest);
  if (by) {
    const pinsIntended = m.intended !== undefined && digestOf(m.intended) === digest;
    const fromExpected = by.action === 'rollback' && by.previousImage !== undefined && digestOf(by.previousImage) === expectedDigest;
    const what = fromExpected && pinsIntended ? `; it was itself the same rollback, from ${expected} to ${now}: ${unblocked ? 'the rollback this one was to make is done, not its block' : 'what this one was to do is done'}`
      : fromExpected ? `; it was itself a rollback from ${expected}, the image ${m.cause === 'moved' ? 'this rollback was rolling back from' : '--from names'}${m.cause === 'from' ? ': that rollback has been made' : ''}`
        : by.action === 'rollback' && by.previousImage !== undefined ? `; it was itself a rollback from ${describePinned(by.previousImage)}`
          : pinsIntended ? '; that is the image this rollback was going to pin'
            : '';
    lines.push(`${now} was pinned by ${describeCommit(by)}${what}.`);
  }
  // What the same request would do now (without --from: it would be refused as this one is).
  const again: RollbackRequest = { ...req };
  delete again.from;
  let next: string;
  try {
    const { target, skipped } = chooseTarget(history, digest, again, { app, blocklist });
    const blocked = findBlocked(blocklist, app.name, digestOf(target.image));
    if (blocked) throw new ConfigurationError(`${describePinned(target.image)} is blocked for app ${quote(blocked.app)}`);
    const block = req.block && !findBlocked(blocklist, app.name, digest);
    const backTo = digestOf(target.image) === expectedDigest ? ` (the very image ${m.cause === 'moved' ? 'this rollback was rolling back from' : '--from names'})` : '';
    next = `roll back from ${now} to ${describePinned(target.image)}${backTo}${block ? ` and block ${now}` : ''}${skipped.length ? ` (passing over ${skipped.map(describeSkipped).join(', ')})` : ''}`;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    next = `be refused: ${error.message}`;
  }
  lines.push(`${m.cause === 'moved' ? 'Run again as it was' : 'Run without --from'}, ferry rollback would now ${next}.`);
  if (m.cause === 'moved' && unblocked) {
    lines.push(`${expected} is not blocked: ferry block blocks it without a rollback.`);
  }
  lines.push(`Look first: ferry status, and ferry history --env ${req.env} --app ${app.name}. To go to a chosen image, give --to <image>; --from ${digest} makes a rollback refuse unless ${now} is still the one pinned.`);
  return new RefusedError(lines.join('\n'));
}

/** A rollback planned first, whose image to go back to is checked again on a new head (targetGoneError). */
export interface TargetGone {
  req: RollbackRequest;
  /** The app as ferry.yaml configures it at the new head. */
  app: AppConfig;
  /** The rollback as planned first: from `previousImage` (still pinned) to `image`. */
  seen: Pick<RollbackResult, 'image' | 'digest' | 'previousImage'>;
  /** What was in place there (pinTimeline), newest first: the history the plan was made from. */
  history: readonly PinRecord[];
  /** blocked.yaml at the new head. */
  blocklist: readonly BlockedDigest[];
  /** Where ferry.yaml at the new head names another manifest of the app there than when the rollback was planned: that file's history is `history`. */
  moved?: { from: string; to: string };
}

/**
 * The refusal of a rollback whose image to go back to, chosen when it was planned, may not be gone
 * back to at the new head (another writer landed first: blocked it, moved away from it there, or
 * rewrote the branch so that its pin is no longer on the first-parent line);
 * undefined when it still may, even where counting --steps at the new head would land elsewhere (a
 * block of an image in between): the image planned, and shown by a dry run, is the one written
 * (the caller plans it by its digest). Nothing is written on a refusal: going back to another
 * image than the one planned is a decision for a person. It says what the same rollback would do
 * now, and how to name an image.
 */
export function targetGoneError(m: TargetGone): RefusedError | undefined {
  const { req, app, seen, history, blocklist } = m;
  const currentDigest = digestOf(seen.previousImage);
  const entry = findBlocked(blocklist, app.name, seen.digest);
  let choice: RollbackChoice | ConfigurationError;
  try {
    choice = chooseTarget(history, currentDigest, req, { app, blocklist });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    choice = error;
  }
  if (!entry && !(choice instanceof ConfigurationError) && digestOf(choice.target.image) === seen.digest) return undefined;
  // Passed over as --steps counts at the new head, whether or not it counts that far (a rollback
  // there that landed first, back past it to an image newer in the history, stops before it).
  const passed = (choice instanceof ConfigurationError ? undefined : choice.skipped.find((s) => digestOf(s.image) === seen.digest)) ?? passedOver(history, seen, app, req);
  // Not among the pins of the history now at all: another writer rewrote the branch (a force push)
  // past its pin, or ferry.yaml names a manifest whose history does not have it. (A retry plans it
  // by its digest: --to would refuse it as never pinned, naming a field the user did not give.)
  const gone = !history.some((e) => isPinChange(e) && digestOf(e.image) === seen.digest);
  // (Not blocked, not passed over, still in the history: one to go back to, though --steps counts to another now.)
  if (!entry && !passed && !gone && !(choice instanceof ConfigurationError)) return undefined;
  const from = describePinned(seen.previousImage);
  const to = describePinned(seen.image);
  const why = entry ? `is blocked now ${describeBlock(entry)}`
    : gone && !m.moved ? 'is not in the history now'
      : passed ? `is passed over now: ${skippedWhy(passed, app)}`
        : 'is not the image it would go back to now';
  const lines = [`${app.name} in ${req.env}: ${to}, the image this rollback from ${from} was going back to, ${why}; nothing written.`];
  if (m.moved) lines.push(`ferry.yaml names ${quote(m.moved.to)} as its manifest now, not ${quote(m.moved.from)} as when this rollback was planned; what was in place there is read from the history of ${quote(m.moved.to)}.`);
  let next: string;
  if (choice instanceof ConfigurationError) next = `be refused: ${choice.message}`;
  else {
    const blocked = findBlocked(blocklist, app.name, digestOf(choice.target.image));
    const block = req.block && !findBlocked(blocklist, app.name, currentDigest) ? ` and block ${from}` : '';
    next = blocked
      ? `be refused: ${describePinned(choice.target.image)} is blocked ${describeBlock(blocked)}`
      : `roll back from ${from} to ${describePinned(choice.target.image)}${block}${choice.skipped.length ? ` (passing over ${choice.skipped.map(describeSkipped).join(', ')})` : ''}`;
  }
  const as = req.to !== undefined ? ` (--to ${req.to})` : ` (--steps ${req.steps ?? 1})`;
  lines.push(`Run again as it was${as}, ferry rollback would now ${next}.`);
  lines.push(`Look first: ferry status, and ferry history --env ${req.env} --app ${app.name}. To go to a chosen image, give --to <image>; --from ${currentDigest} makes a rollback refuse unless ${from} is still the one pinned.`);
  return new RefusedError(lines.join('\n'));
}

/**
 * Why --steps would pass over the image a rollback planned to go back to, at a new head whose
 * history is `history` (chooseTarget's reasons but a block, which the caller reads): undefined
 * when it would not, and with --to (a deliberate choice may name an image moved away from).
 */
function passedOver(history: readonly PinRecord[], seen: Pick<RollbackResult, 'image' | 'digest'>, app: Pick<AppConfig, 'registry' | 'image'>, req: RollbackRequest): Pick<SkippedImage, 'reason'> | undefined {
  if (req.to !== undefined) return undefined;
  if (!isAppImage(seen.image, app)) return { reason: 'not-app-image' };
  const moved = movedAwayFrom(history.filter(isPinChange)).get(seen.digest);
  return moved ? { reason: moved } : undefined;
}

/**
 * The warning of a rollback that does not block when the environment `environment` is promoted
 * from still pins the digest rolled back from: the next promotion brings it back. Undefined when
 * it does not (or its manifest cannot be read: the promotion could not read it either).
 */
async function comesBack(snapshot: EnvRepoSnapshot, environment: EnvironmentConfig, app: AppConfig, from: PinnedImage & { digest: string }): Promise<string | undefined> {
  const source = environment.promoteFrom;
  if (source === undefined) return undefined;
  const path = manifestPath(app, source);
  let pinned: PinnedImage;
  try {
    const text = await snapshot.readFile(path);
    if (text === undefined) return undefined;
    pinned = readPinnedImage(text, path, app.pin, appImageName(app));
  } catch (error) {
    if (error instanceof ConfigurationError) return undefined;
    throw error;
  }
  if (pinned.digest !== from.digest) return undefined;
  const image = describeImage({ ...(from.tag ? { tag: from.tag } : {}), digest: from.digest });
  return `${source} still pins ${image}, the image rolled back from: the next ferry promote from ${source} to ${environment.name} (a scheduled auto-promote too) brings it back; --block blocks it (blocked.yaml) so that no promotion or bump pins it again until ferry unblock`;
}

/**
 * The pins of `digest` in `history` (what was in place there, newest first) when no commit there
 * records pinning it in its Ferry trailers (nor is ferry init's): each an `edit` (a hand edit, a
 * revert, a merge), those that changed the pin to it from another image. (A manifest's first
 * version there may be a pin moved or copied from elsewhere: not counted.) Empty where a Ferry
 * commit pinned it there.
 */
export function handPinsOf(history: readonly PinRecord[], digest: string): PinRecord[] {
  const pins = history.filter((e) => isPinChange(e) && digestOf(e.image) === digest);
  if (pins.some((e) => e.action !== 'edit')) return [];
  return pins.filter((e) => e.previousImage !== undefined && digestOf(e.previousImage) !== digest);
}

/**
 * The pins of `digest` in `history` (newest first) that are the manifest's first version there,
 * when no commit there records pinning it in its Ferry trailers (nor is ferry init's) and none
 * changed the pin to it (handPinsOf()): an image the file held from the start, written by hand
 * (a new environment or app) or before ferry.yaml guarded it.
 */
export function firstPinsOf(history: readonly PinRecord[], digest: string): PinRecord[] {
  const pins = history.filter((e) => isPinChange(e) && digestOf(e.image) === digest);
  if (pins.some((e) => e.action !== 'edit' || (e.previousImage !== undefined && digestOf(e.previousImage) !== digest))) return [];
  return pins.filter((e) => e.previousImage === undefined);
}

/**
 * The warning of a rollback to an image its environment had only from its manifest's first
 * version, `commits` (newest first), written while ferry.yaml named the file, and that no Ferry
 * commit pinned in `source`, the environment it is promoted from: `ferry audit` reports the
 * rollback as skipped-stage (the image never went through `source`, nor through Ferry there).
 */
export function skippedStageWarning(result: Pick<RollbackResult, 'env' | 'app' | 'image'>, source: string, commits: readonly string[]): string {
  const named = commits.slice(0, 3).map((c) => c.slice(0, 12)).join(', ') + (commits.length > 3 ? ` and ${commits.length - 3} more` : '');
  return `${describePinned(result.image)}, the image this rollback goes back to, was in ${result.env} only as the first pin of its manifest (commit${commits.length === 1 ? '' : 's'} ${named}, without Ferry trailers), and no Ferry commit ever pinned it in ${source}, which ${result.env} is promoted from: a rollback checks no gate, so ferry audit reports this rollback (skipped-stage); --to an image a Ferry commit pinned there goes back to one that did (ferry history --env ${result.env} --app ${result.app} lists them)`;
}

/**
 * The warning of a rollback to an image its environment had only by hand: `commits` (newest
 * first) pinned it there without Ferry trailers, and no Ferry commit ever did. A rollback checks
 * no gate; `ferry audit` reports it (the image never went through Ferry there).
 */
export function handOnlyWarning(result: Pick<RollbackResult, 'env' | 'app' | 'image'>, commits: readonly string[]): string {
  const named = commits.slice(0, 3).map((c) => c.slice(0, 12)).join(', ') + (commits.length > 3 ? ` and ${commits.length - 3} more` : '');
  return `${describePinned(result.image)}, the image this rollback goes back to, was pinned in ${result.env} only by hand (commit${commits.length === 1 ? '' : 's'} ${named}, without Ferry trailers), never by a Ferry commit: nothing records who pinned it there or which gates it passed, and a rollback checks none, so ferry audit reports this rollback; --to an image a Ferry commit pinned there goes back to one that did (ferry history --env ${result.env} --app ${result.app} lists them)`;
}

/** Computes the rollback on one snapshot, with what was in place there (pinTimeline, newest first). */
export async function planRollback(snapshot: EnvRepoSnapshot, history: readonly PinRecord[], req: RollbackRequest): Promise<Planned<RollbackResult>> {
  checkRollbackRequest(req);
  const { app, environment, path, before, current } = await currentPin(snapshot, req);
  // An image reference as --to (or --from) must be one of this app's: its digest alone would roll back (or pass).
  if (req.to !== undefined && !isDigest(req.to) && !isGivenName(req.to)) assertImageForApp(parseImageRef(req.to, 'to'), app, 'to');
  if (req.from !== undefined && !isDigest(req.from)) assertImageForApp(parseImageRef(req.from, 'from'), app, 'from');
  // Pinned by a tag alone (an image automation bot rewrote the pin): rolled back from as the file
  // holds it (Ferry-Previous-Image), to an image pinned by digest before; nothing to block.
  if (current.digest === undefined && req.fromDigestOnly) {
    throw new ConfigurationError({ file: path, message: `${quote(app.name)} is not pinned by digest in ${quote(req.env)} (${quote(current.image, 300)}: a tag alone, as an image automation bot writes it): the rollback action binds the rollback its reviewers approve to the digest rolled back from, and there is none; roll back with the CLI (ferry rollback, which rolls back from the pin as the file holds it), or pin a digest there first` });
  }
  if (current.digest === undefined && req.block) {
    throw new ConfigurationError({ file: path, field: 'block', message: `${quote(app.name)} is pinned by tag alone in ${quote(req.env)} (${quote(current.image, 300)}): no digest to block; roll back without --block, and block a digest with ferry block --image <image>@sha256:…` });
  }
  const blocklist = await readBlocklist(snapshot);
  if (req.from !== undefined && givenDigest(req.from, 'from') !== current.digest) {
    throw pinMovedError({ req, app, cause: 'from', expected: req.from, current: current.image, history, blocklist });
  }
  const { target, skipped } = chooseTarget(history, current.digest ?? '', req, { app, blocklist });
  const ref: ImageRef = parseImageRef(target.image, 'to');
  // (chooseTarget passes over or refuses any other image: never pinned, whatever the history holds.)
  assertImageForApp(ref, app, 'to');
  assertNotBlocked(blocklist, app.name, target.image, ref.digest);
  const edit = pinImage(before, path, app.pin, ref);
  await assertPinsDeployed(snapshot, [{ app, file: path, text: edit.text }]);
  const files: FileChange[] = [{ path, content: edit.text }];
  let diff = fileDiff(path, before, edit.text);
  const currentImage = current.image;
  let blocked = false;
  const already = req.block && current.digest !== undefined ? findBlocked(blocklist, app.name, current.digest) : undefined;
  if (req.block && current.digest !== undefined && !already) {
    const entry = { app: app.name, digest: current.digest, image: currentImage, reason: req.reason!, ...(req.requestedBy ? { by: req.requestedBy } : {}) };
    const listed = await snapshot.readFile(BLOCKLIST_FILE);
    const content = addBlocked(listed, entry, req.now?.() ?? new Date());
    files.push({ path: BLOCKLIST_FILE, content });
    diff += fileDiff(BLOCKLIST_FILE, listed ?? '', content);
    blocked = true;
  }
  // Blocked now, or already: where it still runs (a block takes it out of none).
  const elsewhere = req.block && current.digest !== undefined ? await stillPinned(snapshot, await readConfig(snapshot), app, current.digest, req.env) : undefined;
  // Blocked now, or already: no promotion brings it back.
  const warning = current.digest === undefined
    ? `${app.name} in ${req.env} was pinned by tag alone (${current.image}), not by digest: rolled back from it as the file held it`
    : req.block || findBlocked(blocklist, app.name, current.digest) ? undefined : await comesBack(snapshot, environment, app, { ...current, digest: current.digest });
  const image = formatImageRef(ref);
  // The commit gone back to (who asked for it is in its trailers: ferry history shows it).
  const to: RestoredPin = { commit: target.commit, date: target.date, action: target.action, image: target.image };
  const result: RollbackResult = {
    env: req.env, app: app.name, image, digest: ref.digest, previousImage: currentImage, to, skipped, blocked, manifest: path, diff,
    ...(warning !== undefined ? { warning } : {}),
    ...(already ? { alreadyBlocked: { app: already.app, reason: already.reason, ...(already.by !== undefined ? { by: already.by } : {}), ...(already.at !== undefined ? { at: already.at } : {}) } } : {}),
    ...(elsewhere ? { stillPinned: elsewhere.pinned } : {}),
    ...(elsewhere?.unreadable.length ? { unreadable: elsewhere.unreadable } : {}),
  };
  const trailers: Trailer[] = [
    ['Ferry-Action', 'rollback'],
    ['Ferry-Env', req.env],
    ['Ferry-App', app.name],
    ['Ferry-Image', image],
    ['Ferry-Previous-Image', currentImage],
    ['Ferry-Rollback-To', target.commit],
  ];
  if (blocked) trailers.push(['Ferry-Blocked', currentImage]);
  if (req.reason) trailers.push(['Ferry-Reason', req.reason]);
  if (req.requestedBy) trailers.push(['Ferry-Requested-By', req.requestedBy]);
  if (req.runUrl) trailers.push(['Ferry-Run', req.runUrl]);
  const subject = fitSubject([
    'rollback(', elidable(req.env), '): ', elidable(app.name), ' ', ...subjectImage(ref),
    ' from ', ...(current.digest !== undefined ? subjectImage({ ...(current.tag ? { tag: current.tag } : {}), digest: current.digest }) : [elidable(current.tag ?? current.image)]),
  ]);
  const message = commitMessage(subject, trailers);
  return { write: true, files, message, result };
}
