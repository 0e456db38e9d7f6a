import { createTwoFilesPatch } from 'diff';
import { assertNotBlocked, readBlocklist } from './blocklist.js';
import { assertImageForApp, findApp, findEnvironment, manifestPath } from './config.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, Planned } from './env-repo-writer.js';
import { ConfigurationError } from './errors.js';
import { pinImage } from './image-pin.js';
import { formatImageRef, parseImageRef, describeImage, type ImageRef } from './image-ref.js';
import { assertSingleLine, commitMessage, type Trailer } from './trailers.js';

/** A request to pin one image in one app's manifest of one environment. */
export interface BumpRequest {
  env: string;
  app: string;
  image: string;
  /** The app repository's commit the image was built from. */
  sourceRevision?: string;
  requestedBy?: string;
  /** Link to the CI run that asked. */
  runUrl?: string;
}

export interface BumpResult {
  env: string;
  app: string;
  /** The pinned reference, `registry/repository[:tag]@sha256:…`. */
  image: string;
  digest: string;
  tag?: string;
  /** What was pinned before, as the manifest had it. */
  previousImage: string;
  /** The manifest file, relative to the env repo. */
  manifest: string;
  /** Unified diff of the manifest (empty when nothing changes). */
  diff: string;
}

/**
 * Checks what can be checked without the env repo (the image reference, the free-text fields),
 * so that bad input fails before anything is fetched.
 */
export function checkBumpRequest(req: BumpRequest): ImageRef {
  const ref = parseImageRef(req.image, 'image');
  if (req.sourceRevision !== undefined && !/^[0-9a-f]{7,64}$/.test(req.sourceRevision)) {
    throw new ConfigurationError({ field: 'source-revision', message: `expected a commit id (7 to 64 lowercase hex digits), found ${JSON.stringify(req.sourceRevision)}` });
  }
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) {
    assertSingleLine(req.runUrl, 'run-url', 500);
    if (!/^https?:\/\/\S+$/.test(req.runUrl)) throw new ConfigurationError({ field: 'run-url', message: `expected an http(s) URL, found ${JSON.stringify(req.runUrl)}` });
  }
  return ref;
}

/** Computes the bump on one snapshot of the env repo: a commit to make, or nothing when already pinned. */
export async function planBump(snapshot: EnvRepoSnapshot, req: BumpRequest): Promise<Planned<BumpResult>> {
  const ref = checkBumpRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  assertImageForApp(ref, app, 'image');
  assertNotBlocked(await readBlocklist(snapshot), app.name, formatImageRef(ref), ref.digest);
  const path = manifestPath(app, req.env);
  const before = await snapshot.readFile(path);
  if (before === undefined) {
    throw new ConfigurationError({ file: path, field: `apps[${config.apps.indexOf(app)}].manifest`, message: `app "${app.name}" pins its image in ${JSON.stringify(path)} for environment "${req.env}", but the env repo has no such file` });
  }
  const edit = pinImage(before, path, app.pin, ref);
  const image = formatImageRef(ref);
  const result: BumpResult = {
    env: req.env,
    app: app.name,
    image,
    digest: ref.digest,
    ...(ref.tag !== undefined ? { tag: ref.tag } : {}),
    previousImage: edit.previous.image,
    manifest: path,
    diff: edit.changed ? createTwoFilesPatch(`a/${path}`, `b/${path}`, before, edit.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '') : '',
  };
  if (!edit.changed) return { write: false, result };

  const version = describeImage(ref);
  const trailers: Trailer[] = [
    ['Ferry-Action', 'bump'],
    ['Ferry-Env', req.env],
    ['Ferry-App', app.name],
    ['Ferry-Image', image],
  ];
  if (edit.previous.image) trailers.push(['Ferry-Previous-Image', edit.previous.image]);
  if (req.sourceRevision) trailers.push(['Ferry-Source-Revision', req.sourceRevision]);
  if (req.requestedBy) trailers.push(['Ferry-Requested-By', req.requestedBy]);
  if (req.runUrl) trailers.push(['Ferry-Run', req.runUrl]);
  const message = commitMessage(`bump(${req.env}): ${app.name} ${version}`, trailers);
  return { write: true, files: [{ path, content: edit.text }], message, result };
}
