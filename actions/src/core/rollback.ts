// ferry rollback: pin an earlier image of one app in one environment, taken from the env repo's
// history of Ferry commits, and with --block, block the image rolled back from in the same commit.
import { createTwoFilesPatch } from 'diff';
import { BLOCKLIST_FILE, addBlocked, assertNotBlocked, findBlocked, readBlocklist } from './blocklist.js';
import { findApp, findEnvironment, manifestPath } from './config.js';
import type { PinEvent } from './history.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, FileChange, Planned } from './env-repo-writer.js';
import { ConfigurationError, quote } from './errors.js';
import { pinImage, readPinnedImage } from './image-pin.js';
import { formatImageRef, isDigest, parseImageRef, describeImage, type ImageRef } from './image-ref.js';
import { assertSingleLine, commitMessage, type Trailer } from './trailers.js';

export type { PinEvent };

export interface RollbackRequest {
  env: string;
  app: string;
  /** The image (or bare sha256 digest) to go back to; it must have been pinned there before. */
  to?: string;
  /** How many distinct earlier images to go back (default 1). */
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
  if (req.to !== undefined && !isDigest(req.to)) parseImageRef(req.to, 'to');
  if (req.steps !== undefined && (!Number.isInteger(req.steps) || req.steps < 1)) throw new ConfigurationError({ field: 'steps', message: `expected a whole number of 1 or more, found ${req.steps}` });
  if (req.block && req.reason === undefined) throw new ConfigurationError({ field: 'reason', message: 'is required with --block (it is recorded with the blocked digest)' });
  if (req.reason !== undefined) assertSingleLine(req.reason, 'reason', 500);
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) assertSingleLine(req.runUrl, 'run-url', 500);
}

function digestOf(image: string): string {
  return image.slice(image.lastIndexOf('@') + 1);
}

/** The image to go back to: `--to` as found in the history, or the `steps`-th distinct earlier digest. */
export function chooseTarget(history: readonly PinEvent[], currentDigest: string, req: RollbackRequest): PinEvent {
  const earlier = history.filter((e) => digestOf(e.image) !== currentDigest);
  if (req.to !== undefined) {
    const want = isDigest(req.to) ? req.to : parseImageRef(req.to, 'to').digest;
    const found = earlier.find((e) => digestOf(e.image) === want);
    if (!found) throw new ConfigurationError({ field: 'to', message: `${quote(req.to)} was never pinned for ${quote(req.app)} in ${quote(req.env)} by a Ferry commit (or is what is pinned now)` });
    return found;
  }
  const steps = req.steps ?? 1;
  const distinct: PinEvent[] = [];
  for (const e of earlier) if (!distinct.some((d) => digestOf(d.image) === digestOf(e.image))) distinct.push(e);
  const target = distinct[steps - 1];
  if (!target) throw new ConfigurationError({ field: 'steps', message: `${quote(req.app)} in ${quote(req.env)} has ${distinct.length} earlier image${distinct.length === 1 ? '' : 's'} in its history, not ${steps}` });
  return target;
}

/** Computes the rollback on one snapshot, with the Ferry history of the app in the environment (newest first). */
export async function planRollback(snapshot: EnvRepoSnapshot, history: readonly PinEvent[], req: RollbackRequest): Promise<Planned<RollbackResult>> {
  checkRollbackRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.env);
  const app = findApp(config, req.app);
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
    diff: createTwoFilesPatch(`a/${path}`, `b/${path}`, before, edit.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''),
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
