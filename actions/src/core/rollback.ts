// ferry rollback: pin an earlier image of one app in one environment, taken from the env repo's
// history of Ferry commits, and with --block, block the image rolled back from in the same commit.
import { fileDiff } from './file-diff.js';
import { BLOCKLIST_FILE, addBlocked, assertNotBlocked, findBlocked, readBlocklist } from './blocklist.js';
import { assertImageForApp, findApp, findEnvironment, manifestPath } from './config.js';
import type { PinEvent } from './history.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, FileChange, Planned } from './env-repo-writer.js';
import { ConfigurationError, quote } from './errors.js';
import { pinImage, readPinnedImage } from './image-pin.js';
import { formatImageRef, imageParts, isDigest, parseImageRef, describeImage, type ImageRef } from './image-ref.js';
import { assertSingleLine, commitMessage, type Trailer } from './trailers.js';

export type { PinEvent };

export interface RollbackRequest {
  env: string;
  app: string;
  /** The image (or bare sha256 digest) to go back to; it must have been pinned there before. */
  to?: string;
  /** How many distinct earlier images to go back (default 1), not counting images a rollback moved away from. */
  steps?: number;
  block?: boolean;
  reason?: string;
  requestedBy?: string;
  runUrl?: string;
  now?: () => Date;
}

export interface RollbackResult {
  env: string;
  app: string;
  image: string;
  digest: string;
  previousImage: string;
  /** The commit that first pinned `image` there, the one rolled back to. */
  from: PinEvent;
  blocked: boolean;
  manifest: string;
  diff: string;
}

/** Checks the request without the env repo. */
export function checkRollbackRequest(req: RollbackRequest): void {
  if (req.to !== undefined && req.steps !== undefined) throw new ConfigurationError({ field: 'to', message: 'give --to or --steps, not both' });
  if (req.to !== undefined) checkTo(req.to);
  if (req.steps !== undefined && (!Number.isInteger(req.steps) || req.steps < 1)) throw new ConfigurationError({ field: 'steps', message: `expected a whole number of 1 or more, found ${req.steps}` });
  if (req.block && req.reason === undefined) throw new ConfigurationError({ field: 'reason', message: 'is required with --block (it is recorded with the blocked digest)' });
  if (req.reason !== undefined) assertSingleLine(req.reason, 'reason', 500);
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) assertSingleLine(req.runUrl, 'run-url', 500);
}

/** `--to`: a bare digest (`sha256:<64 lowercase hex>`) or an image reference with one. */
function checkTo(to: string): void {
  if (isDigest(to)) return;
  if (/^sha256:/i.test(to)) {
    const hex = to.slice('sha256:'.length);
    const why = !to.startsWith('sha256:') ? "the algorithm is written 'sha256', in lowercase"
      : /[^0-9a-fA-F]/.test(hex) ? `${quote(hex)} is not all hex digits`
        : hex.length !== 64 ? `it has ${hex.length} hex digits, not 64`
          : 'the hex digits must be lowercase';
    throw new ConfigurationError({ field: 'to', message: `the digest ${quote(to)} is malformed (${why}); expected sha256: followed by 64 lowercase hex digits, or an image reference with one` });
  }
  parseImageRef(to, 'to');
}

function digestOf(image: string): string {
  return image.slice(image.lastIndexOf('@') + 1);
}

/** An image as an error names it: `3.0.0 (sha256:1a2b3c4d5e6f)`; never throws on what a trailer held. */
function describePinned(image: string): string {
  const { tag } = imageParts(image);
  return describeImage({ ...(tag ? { tag } : {}), digest: digestOf(image) });
}

/**
 * The digests a rollback of the app in the environment moved away from (the Ferry-Previous-Image
 * of its rollback commits): bad releases, which a rollback without --to never goes back to.
 */
function rolledBackFrom(history: readonly PinEvent[]): Set<string> {
  const bad = new Set<string>();
  for (const e of history) if (e.action === 'rollback' && e.previousImage) bad.add(digestOf(e.previousImage));
  return bad;
}

/**
 * The image to go back to: `--to` as found in the history (any earlier digest: a deliberate
 * choice), or the `steps`-th candidate. The candidates are the history's digests, newest first,
 * each once, without the one pinned now and without every digest a rollback there moved away
 * from: rolling back twice goes further back, not forward to the release rolled back from.
 */
export function chooseTarget(history: readonly PinEvent[], currentDigest: string, req: RollbackRequest): PinEvent {
  const earlier = history.filter((e) => digestOf(e.image) !== currentDigest);
  if (req.to !== undefined) {
    const want = isDigest(req.to) ? req.to : parseImageRef(req.to, 'to').digest;
    const found = earlier.find((e) => digestOf(e.image) === want);
    if (!found) throw new ConfigurationError({ field: 'to', message: `${quote(req.to)} was never pinned for ${quote(req.app)} in ${quote(req.env)} by a Ferry commit (or is what is pinned now)` });
    // A tag given with the digest must be the one it was pinned as: a wrong one is a mistake (which was meant?).
    const tag = isDigest(req.to) ? undefined : parseImageRef(req.to, 'to').tag;
    const pinnedAs = earlier.filter((e) => digestOf(e.image) === want).map((e) => imageParts(e.image).tag);
    if (tag !== undefined && !pinnedAs.includes(tag)) {
      throw new ConfigurationError({ field: 'to', message: `${quote(req.to)}: that digest was pinned as ${describePinned(found.image)}, not with tag ${quote(tag)}; give its digest alone, or the tag it was pinned with` });
    }
    return found;
  }
  const steps = req.steps ?? 1;
  const bad = rolledBackFrom(history);
  const seen = new Set<string>();
  const candidates: PinEvent[] = [];
  const skipped: PinEvent[] = [];
  for (const e of earlier) {
    const digest = digestOf(e.image);
    if (seen.has(digest)) continue;
    seen.add(digest);
    (bad.has(digest) ? skipped : candidates).push(e);
  }
  const target = candidates[steps - 1];
  if (target) return target;
  const n = candidates.length;
  const what = req.steps === undefined && n === 0
    ? `${quote(req.app)} in ${quote(req.env)} has no earlier image in its history to roll back to`
    : `${quote(req.app)} in ${quote(req.env)} has ${n} earlier image${n === 1 ? '' : 's'} in its history, not ${steps}`;
  const why = skipped.length
    ? ` (not counting ${skipped.map((e) => describePinned(e.image)).join(', ')}, which a rollback there moved away from; --to names one to go back to it all the same)`
    : '';
  throw new ConfigurationError({ ...(req.steps !== undefined ? { field: 'steps' } : {}), message: what + why });
}

/** Computes the rollback on one snapshot, with the Ferry history of the app in the environment (newest first). */
export async function planRollback(snapshot: EnvRepoSnapshot, history: readonly PinEvent[], req: RollbackRequest): Promise<Planned<RollbackResult>> {
  checkRollbackRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  // An image reference as --to must be one of this app's: its digest alone would roll back to it.
  if (req.to !== undefined && !isDigest(req.to)) assertImageForApp(parseImageRef(req.to, 'to'), app, 'to');
  const path = manifestPath(app, req.env);
  const before = await snapshot.readFile(path);
  if (before === undefined) throw new ConfigurationError({ file: path, message: `app ${quote(app.name)} has no manifest for environment ${quote(req.env)}` });
  const current = readPinnedImage(before, path, app.pin, `${app.registry}/${app.image}`);
  if (!current.digest) throw new ConfigurationError({ file: path, message: `${quote(app.name)} is not pinned by digest in ${quote(req.env)}: nothing to roll back from` });
  const target = chooseTarget(history, current.digest, req);
  const ref: ImageRef = parseImageRef(target.image, 'to');
  const blocklist = await readBlocklist(snapshot);
  assertNotBlocked(blocklist, app.name, target.image, ref.digest);
  const edit = pinImage(before, path, app.pin, ref);
  const files: FileChange[] = [{ path, content: edit.text }];
  const currentImage = current.image;
  let blocked = false;
  if (req.block && !findBlocked(blocklist, app.name, current.digest)) {
    const entry = { app: app.name, digest: current.digest, image: currentImage, reason: req.reason!, ...(req.requestedBy ? { by: req.requestedBy } : {}) };
    files.push({ path: BLOCKLIST_FILE, content: addBlocked(await snapshot.readFile(BLOCKLIST_FILE), entry, req.now?.() ?? new Date()) });
    blocked = true;
  }
  const image = formatImageRef(ref);
  const result: RollbackResult = {
    env: req.env, app: app.name, image, digest: ref.digest, previousImage: currentImage, from: target, blocked, manifest: path,
    diff: fileDiff(path, before, edit.text),
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
  const message = commitMessage(`rollback(${req.env}): ${app.name} ${describeImage(ref)} from ${describeImage({ ...(current.tag ? { tag: current.tag } : {}), digest: current.digest })}`, trailers);
  return { write: true, files, message, result };
}
