import { fileDiff } from './file-diff.js';
import { assertNotBlocked, readBlocklist } from './blocklist.js';
import { assertImageForApp, findApp, findEnvironment, manifestPath } from './config.js';
import { configuredGateNames } from './measured-gates.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, Planned } from './env-repo-writer.js';
import { ConfigurationError, quote } from './errors.js';
import { pinImage } from './image-pin.js';
import { formatImageRef } from './image-ref.js';
import { commitMessage, elidable, fitSubject, subjectImage, type Trailer } from './trailers.js';
import { checkBumpRequest, type BumpRequest } from './bump-request.js';
import { assertPinsDeployed } from './undeployed-pins.js';

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
  /**
   * The environment has gates, which a bump does not evaluate (ferry audit reports such a pin);
   * the tag asked for is not written (a Helm pin without a tag path holds the digest alone).
   */
  warning?: string;
}

/** Computes the bump on one snapshot of the env repo: a commit to make, or nothing when already pinned. */
export async function planBump(snapshot: EnvRepoSnapshot, req: BumpRequest): Promise<Planned<BumpResult>> {
  const asked = checkBumpRequest(req);
  const config = await readConfig(snapshot);
  const target = findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  assertImageForApp(asked, app, 'image');
  assertNotBlocked(await readBlocklist(snapshot), app.name, formatImageRef(asked), asked.digest);
  // A pin with no place for a tag (a Helm pin without helm.tag) holds the digest alone: the image
  // is recorded and told as the file holds it, untagged, as status shows it and a promotion of it
  // reads and records it. That the tag is not written is said.
  const untagged = app.pin.kind === 'helm' && app.pin.tag === undefined && asked.tag !== undefined;
  const ref = untagged ? { registry: asked.registry, repository: asked.repository, digest: asked.digest } : asked;
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
    diff: edit.changed ? fileDiff(path, before, edit.text) : '',
  };
  const gated = target.promoteFrom !== undefined ? configuredGateNames(target.gates) : [];
  const warnings = [
    ...(gated.length && edit.changed ? [`${req.env} has gates (${gated.join(', ')}) that a bump does not evaluate: ferry audit reports this pin; promotions into ${req.env} go through ferry promote`] : []),
    ...(untagged ? [`the tag ${asked.tag} is not written: ${quote(app.name)} is pinned by its Helm values' digest alone (its helm: has no tag path), so ${path} holds the digest and Ferry records ${image}`] : []),
  ];
  if (warnings.length) result.warning = warnings.join('; ');
  if (!edit.changed) return { write: false, result };
  // A pin that is never deployed (its images: entry matches no image the kustomization builds) is refused.
  await assertPinsDeployed(snapshot, [{ app, file: path, text: edit.text }]);

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
  const message = commitMessage(fitSubject(['bump(', elidable(req.env), '): ', elidable(app.name), ' ', ...subjectImage(ref)]), trailers);
  return { write: true, files: [{ path, content: edit.text }], message, result };
}
