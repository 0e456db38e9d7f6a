// Whether the image Ferry pins in a kustomization is the image kustomize renders (ferry validate
// --render). The static check (kustomize-resources.ts) leaves unjudged what it cannot follow: a
// patch that sets another image, replacements, remote bases. Kustomize applies patches before
// the `images:` transformer, so a patch that renames a container's image makes the entry match
// nothing, and the digest Ferry pins (which ferry status shows) never deploys. Here the output of
// kustomize itself is read: the pinned image, the entry's newName (or name) with its digest, must
// be the image of a container (in `containers`, not only `initContainers`) of the pods of a
// resource that runs them (a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod,
// Argo Rollout); and no container of those may run the app's image at another digest, or none
// (a stale or unpinned copy of the app).
//
// A kustomization is built only when its whole tree is in the repository: before a build, the
// kustomizations it reaches are walked (renderBlocker), and one that names anything remote (a
// URL, a git address), anything that leaves the repository, or a field that loads from elsewhere
// or runs code (generators, transformers, validators, Helm charts) is not built: its pins get a
// problem saying why. A pin in a Component is rendered through the kustomization that lists it in
// `components:` in a directory above it. Running kustomize is the adapter's (KustomizeBuilder).
import { posix } from 'node:path';
import { FAILSAFE_SCHEMA, loadAll } from 'js-yaml';
import { manifestPath, type FerryConfig } from './config.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { readPinnedImageAt } from './image-pin.js';
import { locateKustomizeEntry } from './kustomize-images.js';
import { KUSTOMIZATION_FILES, containerImages, entryPath, isRecord, load, present, splitImage, type ReadFiles } from './kustomize-resources.js';
import { parseYaml } from './yaml-splice.js';

/** What building one kustomization directory gave: its output, or why it failed (kustomize's message, redacted and trimmed). */
export type KustomizeBuild = { output: string } | { error: string };

/**
 * Builds kustomization directories of the env repo (`dir`: a repository path, '' for its root).
 * A build that kustomize refuses resolves to its message; one that cannot be done (the binary does
 * not run, the time limit, too much output) rejects: the world failed, not the repository.
 */
export interface KustomizeBuilder {
  build(dir: string): Promise<KustomizeBuild>;
}

/** A kustomize pin to render: where it is, for which environment and app, and what it pins. */
export interface RenderTarget {
  env: string;
  app: string;
  /** The kustomization file. */
  file: string;
  /** The `images:` entry's name. */
  entry: string;
  /** The image pinned: the entry's newName (else name), its newTag, its digest. */
  name: string;
  tag?: string;
  digest: string;
  /** Where the entry's name is in the file. */
  line?: number;
  column?: number;
  field?: string;
  /** The file is a `kind: Component`: rendered through a kustomization that lists it in `components:`. */
  component?: boolean;
}

/**
 * A container image of the rendered output, the resource that holds it (`Deployment user-service`),
 * and where: a container of the pods the resource runs, one of their init containers, or elsewhere
 * (a resource that runs no pods, such as a PodTemplate or a custom resource).
 */
export interface RenderedImage {
  image: string;
  resource: string;
  place?: 'container' | 'initContainer' | 'elsewhere';
}

/** The kinds whose pods run (apps/v1, batch/v1, v1, argoproj.io/v1alpha1), and the path of their pod spec. */
const WORKLOADS: Record<string, readonly string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
  Rollout: ['spec', 'template', 'spec'],
};

/**
 * The kustomize pins of `config` to render: those in a kustomization file that reads, pins a name
 * and a digest, and has no problem already (`reported`: files with one; the render would only
 * repeat it). Helm values pins and workload pins are not rendered.
 */
export function renderTargets(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>, reported: ReadonlySet<string>): RenderTarget[] {
  const targets: RenderTarget[] = [];
  for (const app of config.apps) {
    if (app.pin.kind !== 'kustomize') continue;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text !== 'string' || reported.has(file) || !KUSTOMIZATION_FILES.includes(posix.basename(file))) continue;
      try {
        const { pinned } = readPinnedImageAt(text, file, app.pin);
        if (pinned.name === undefined || pinned.digest === undefined) continue;
        const at = locateKustomizeEntry(parseYaml(text, file), app.pin.name);
        const root = kustomizationRoot(text);
        targets.push({
          env: env.name, app: app.name, file, entry: app.pin.name, name: pinned.name, digest: pinned.digest,
          ...(pinned.tag !== undefined ? { tag: pinned.tag } : {}), line: at.line, column: at.column, field: at.field,
          ...(root?.kind === 'Component' ? { component: true } : {}),
        });
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
      }
    }
  }
  return targets;
}

/**
 * Renders the directory of each target once (the builder runs them as it can), and returns the
 * problem of each pin whose image no workload's container has (or that another container of the
 * app's image runs beside), of each build that failed, and of each directory not built (its tree
 * is not all in the repository: renderBlocker), with how many directories were rendered. Rejects
 * when a build cannot be done (the builder's rejection).
 */
export async function renderedPinProblems(targets: readonly RenderTarget[], builder: KustomizeBuilder, readFiles: ReadFiles): Promise<{ problems: Problem[]; rendered: number }> {
  const reader = new TreeReader(readFiles);
  const problems: Problem[] = [];
  const byDir = new Map<string, RenderTarget[]>();
  const overlays = await componentOverlays(targets.filter((t) => t.component), reader);
  for (const t of targets) {
    const own = posix.dirname(t.file) === '.' ? '' : posix.dirname(t.file);
    const dir = t.component ? overlays.get(own) : own;
    if (dir === undefined) {
      problems.push({ file: t.file, message: `${whose([t])}: not rendered: this file is a kustomize Component, and no kustomization in a directory above it lists ${quote(own === '' ? '.' : posix.basename(own))} in its components:, so whether the image pinned here deploys cannot be told (a Component is built only as part of a kustomization that lists it)` });
      continue;
    }
    byDir.set(dir, [...(byDir.get(dir) ?? []), t]);
  }
  const dirs = [...byDir.keys()];
  const blockers = await Promise.all(dirs.map((dir) => blockerOf(dir, reader)));
  const builds = await Promise.allSettled(dirs.map((dir, i) => (blockers[i] ? Promise.resolve(undefined) : builder.build(dir))));
  const failed = builds.find((b): b is PromiseRejectedResult => b.status === 'rejected');
  if (failed) throw failed.reason;
  let rendered = 0;
  dirs.forEach((dir, i) => {
    const pins = byDir.get(dir)!;
    const blocker = blockers[i];
    const build = (builds[i] as PromiseFulfilledResult<KustomizeBuild | undefined>).value;
    if (blocker || !build) {
      for (const [file, same] of byFile(pins)) problems.push({ file, message: notRenderedMessage(same, dir, blocker!) });
      return;
    }
    rendered++;
    if ('error' in build) {
      // One problem per file (apps that share a kustomization file share its failure).
      for (const [file, same] of byFile(pins)) problems.push({ file, message: buildFailedMessage(same, dir, build.error) });
      return;
    }
    let images: RenderedImage[];
    try {
      images = renderedImages(build.output);
    } catch (error) {
      for (const pin of pins) problems.push({ file: pin.file, message: buildFailedMessage([pin], dir, `its output is no YAML Ferry can read: ${(error as Error).message}`) });
      return;
    }
    for (const pin of pins) {
      const problem = renderedPinProblem(pin, images);
      if (problem) problems.push(problem);
    }
  });
  return { problems, rendered };
}

function byFile(pins: readonly RenderTarget[]): Map<string, RenderTarget[]> {
  const files = new Map<string, RenderTarget[]>();
  for (const pin of pins) files.set(pin.file, [...(files.get(pin.file) ?? []), pin]);
  return files;
}

/**
 * The problem of `pin` when no container of a workload's pods has the image it pins, or when one
 * has the app's image at another digest, or none (a stale or unpinned copy of the app).
 */
export function renderedPinProblem(pin: RenderTarget, images: readonly RenderedImage[]): Problem | undefined {
  const at = { file: pin.file, ...(pin.line !== undefined ? { line: pin.line, column: pin.column } : {}), ...(pin.field !== undefined ? { field: pin.field } : {}) };
  const runs = (i: RenderedImage) => (i.place ?? 'container') === 'container';
  if (!images.some((i) => runs(i) && deploysPin(i.image, pin))) return { ...at, message: unrenderedMessage(pin, images) };
  const stale = images.filter((i) => i.place !== 'elsewhere' && splitImage(i.image).name === pin.name && !deploysPin(i.image, pin));
  if (stale.length === 0) return undefined;
  return { ...at, message: staleMessage(pin, stale) };
}

/** Whether `image`, as rendered, is the pinned image: its name, and its digest (the tag does not decide what runs). */
export function deploysPin(image: string, pin: Pick<RenderTarget, 'name' | 'digest'>): boolean {
  const { name, digest } = splitImage(image);
  return name === pin.name && digest === pin.digest;
}

/**
 * The container images of kustomize's output (a stream of YAML documents), each with the kind and
 * name of its resource, and its place: the `containers` and `initContainers` of the pod spec of a
 * kind that runs pods (WORKLOADS; a Rollout of argoproj.io), else any container list at any depth
 * (elsewhere: shown, never counted as deployed). Throws when the output does not parse.
 */
export function renderedImages(output: string): RenderedImage[] {
  const images: RenderedImage[] = [];
  for (const doc of loadAll(output, undefined, { schema: FAILSAFE_SCHEMA })) {
    if (!isRecord(doc) || doc.kind === 'CustomResourceDefinition') continue;
    const kind = typeof doc.kind === 'string' ? doc.kind : 'a resource';
    const name = isRecord(doc.metadata) && typeof doc.metadata.name === 'string' ? ` ${doc.metadata.name}` : '';
    const resource = `${kind}${name}`;
    const path = Object.hasOwn(WORKLOADS, kind) && (kind !== 'Rollout' || (typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('argoproj.io/'))) ? WORKLOADS[kind] : undefined;
    const pod = path ? path.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), doc) : undefined;
    if (!isRecord(pod)) {
      for (const image of containerImages(doc)) images.push({ image, resource, place: 'elsewhere' });
      continue;
    }
    for (const [list, place] of [['initContainers', 'initContainer'], ['containers', 'container']] as const) {
      const items = pod[list];
      if (!Array.isArray(items)) continue;
      for (const item of items) if (isRecord(item) && typeof item.image === 'string' && item.image !== '') images.push({ image: item.image, resource, place });
    }
  }
  return images;
}

// ---- The tree of a kustomization, walked before it is built. ----

/** Fields that load from elsewhere or run code (plugins, Helm): a kustomization with one is not built. */
const REFUSED_FIELDS = ['generators', 'transformers', 'validators', 'helmCharts', 'helmChartInflationGenerator', 'helmGlobals'];

/** Why a directory is not built: what in which file. */
export interface RenderBlocker {
  file: string;
  why: string;
}

/** Reads the env repo's files once each, for every walk. */
class TreeReader {
  private readonly texts = new Map<string, Promise<string | undefined | ConfigurationError>>();
  constructor(private readonly readFiles: ReadFiles) {}

  read(paths: readonly string[]): Promise<(string | undefined | ConfigurationError)[]> {
    const missing = paths.filter((p) => !this.texts.has(p));
    if (missing.length) {
      const batch = this.readFiles(missing);
      for (const p of missing) this.texts.set(p, batch.then((m) => m.get(p)));
    }
    return Promise.all(paths.map((p) => this.texts.get(p)!));
  }

  /** The kustomization file of directory `dir` (kustomize's order of names) and its text; undefined when there is none that reads. */
  async kustomization(dir: string): Promise<{ file: string; text: string } | undefined> {
    const files = KUSTOMIZATION_FILES.map((k) => (dir === '' ? k : `${dir}/${k}`));
    const texts = await this.read(files);
    const i = texts.findIndex((t) => typeof t === 'string');
    return i < 0 ? undefined : { file: files[i]!, text: texts[i] as string };
  }
}

/**
 * Why the kustomization in `dir` must not be built (undefined: its whole tree is in the
 * repository): a resource, base or component that is remote, leaves the repository, or is not in
 * it (kustomize would then fetch it as a remote one); a file any field loads (patches,
 * replacements, generators' files, configurations, crds, openapi) that is remote or outside; a
 * field that loads from elsewhere or runs code (REFUSED_FIELDS); a kustomization that does not
 * read as one YAML mapping. Kustomizations reached are walked once each.
 */
export function renderBlocker(dir: string, readFiles: ReadFiles): Promise<RenderBlocker | undefined> {
  return blockerOf(dir, new TreeReader(readFiles));
}

async function blockerOf(dir: string, r: TreeReader): Promise<RenderBlocker | undefined> {
  const seen = new Set<string>();
  let level = [dir];
  while (level.length) {
    const next: string[] = [];
    for (const d of level) {
      if (seen.has(d)) continue;
      seen.add(d);
      const found = await r.kustomization(d);
      if (!found) {
        // The directory built has none: kustomize says so itself. (A resource's is looked at by its caller.)
        continue;
      }
      const k = kustomizationRoot(found.text);
      if (!k) return { file: found.file, why: 'it does not read as one YAML mapping, so what it loads cannot be told' };
      const own = await blockerIn(d, found.file, k, r);
      if (typeof own !== 'object' || !('dirs' in own)) return own;
      next.push(...own.dirs);
    }
    level = next;
  }
  return undefined;
}

/** The blocker of one kustomization, or the kustomization directories it reaches. */
async function blockerIn(dir: string, file: string, k: Record<string, unknown>, r: TreeReader): Promise<RenderBlocker | { dirs: string[] }> {
  const at = (why: string): RenderBlocker => ({ file, why });
  for (const field of REFUSED_FIELDS) {
    if (present(k[field])) return at(`its ${field}: field loads plugins or Helm charts, which may fetch from elsewhere or run code`);
  }
  // Every file a field loads: local, inside the repository.
  const files: [string, unknown][] = [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : present(v) ? [v] : []);
  for (const field of ['configurations', 'crds']) for (const e of list(k[field])) files.push([field, e]);
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const e of list(k[field])) if (isRecord(e) && present(e.path)) files.push([`${field}[].path`, e.path]);
  }
  for (const e of list(k.patchesStrategicMerge)) if (typeof e === 'string' && !/[\r\n]/.test(e)) files.push(['patchesStrategicMerge', e]);
  if (isRecord(k.openapi) && present(k.openapi.path)) files.push(['openapi.path', k.openapi.path]);
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const g of list(k[field])) {
      if (!isRecord(g)) continue;
      for (const f of list(g.files)) files.push([`${field}[].files`, typeof f === 'string' ? f.replace(/^[^=]*=/, '') : f]);
      for (const f of [...list(g.envs), ...list(g.env)]) files.push([`${field}[].envs`, f]);
    }
  }
  for (const [field, entry] of files) {
    if (typeof entry !== 'string') return at(`its ${field} holds ${quote(String(entry), 200)}, which is not a path`);
    const where = entryPath(dir, entry);
    if ('remote' in where) return at(`its ${field} names ${quote(entry, 200)}, a remote file (Ferry does not fetch)`);
    if ('outside' in where) return at(`its ${field} names ${quote(entry, 200)}, which leaves the repository`);
  }
  const dirs: string[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    for (const entry of list(k[field])) {
      if (typeof entry !== 'string') return at(`its ${field} holds ${quote(String(entry), 200)}, which is not a path`);
      const where = entryPath(dir, entry);
      if ('remote' in where) return at(`its ${field} names ${quote(entry, 200)}, a remote ${field === 'components' ? 'component' : 'base'} (Ferry does not fetch)`);
      if ('outside' in where) return at(`its ${field} names ${quote(entry, 200)}, which leaves the repository`);
      const path = where.path;
      const [text] = path === '' ? [undefined] : await r.read([path]);
      if (typeof text === 'string') continue; // a resource file
      const kustomization = await r.kustomization(path);
      if (kustomization) {
        dirs.push(path);
        continue;
      }
      // A directory without a kustomization, or what cannot be read (a link): kustomize refuses it itself, locally.
      if (text instanceof ConfigurationError) continue;
      const any = await r.read(KUSTOMIZATION_FILES.map((f) => (path === '' ? f : `${path}/${f}`)));
      if (any.some((t) => t !== undefined)) continue;
      // Not there: kustomize reports a path that starts with ./ or ../ as a missing file (it has no host to fetch from); anything else it tries as a remote.
      if (/^\.\.?\//.test(entry)) continue;
      return at(`its ${field} names ${quote(entry, 200)}, which is not in the repository (kustomize would fetch it as a remote ${field === 'components' ? 'component' : 'base'}; Ferry does not fetch)`);
    }
  }
  return { dirs };
}

/**
 * For each Component directory of `targets`, the nearest directory above it whose kustomization
 * lists it in `components:` (the overlay that uses it); a component with none is left out.
 */
async function componentOverlays(targets: readonly RenderTarget[], r: TreeReader): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all([...new Set(targets.map((t) => posix.dirname(t.file)))].map(async (own) => {
    if (own === '.') return;
    for (let d = posix.dirname(own); ; d = posix.dirname(d)) {
      const dir = d === '.' ? '' : d;
      const found = await r.kustomization(dir);
      const k = found ? kustomizationRoot(found.text) : undefined;
      const components = k && Array.isArray(k.components) ? k.components : [];
      if (components.some((c) => typeof c === 'string' && (() => {
        const where = entryPath(dir, c);
        return 'path' in where && where.path === own;
      })())) {
        out.set(own, dir);
        return;
      }
      if (dir === '') return;
    }
  }));
  return out;
}

/** The mapping of a kustomization file (empty documents aside); undefined when it is not one. */
function kustomizationRoot(text: string): Record<string, unknown> | undefined {
  const docs = load(text)?.filter(present);
  return docs?.length === 1 && isRecord(docs[0]) ? docs[0] : undefined;
}

const SHOWN = 5;

function pinned(pin: RenderTarget): string {
  return `${pin.name}${pin.tag !== undefined ? `:${pin.tag}` : ''}@${pin.digest}`;
}

function whose(pins: readonly RenderTarget[]): string {
  const apps = pins.map((p) => quote(p.app)).join(', ');
  return `${pins.length === 1 ? 'app' : 'apps'} ${apps} in ${quote(pins[0]!.env)}`;
}

function listed(images: readonly RenderedImage[]): string {
  const seen = new Set<string>();
  const unique = images.filter((i) => !seen.has(`${i.image}\n${i.resource}\n${i.place}`) && seen.add(`${i.image}\n${i.resource}\n${i.place}`));
  const where = (i: RenderedImage) => (i.place === 'initContainer' ? ', an init container' : i.place === 'elsewhere' ? ', which runs no pods' : '');
  const list = unique.slice(0, SHOWN).map((i) => `${quote(i.image, 300)} (${i.resource}${where(i)})`).join(', ');
  return `${list}${unique.length > SHOWN ? ` and ${unique.length - SHOWN} more` : ''}`;
}

function unrenderedMessage(pin: RenderTarget, images: readonly RenderedImage[]): string {
  const found = images.length ? `the container images it renders are ${listed(images)}` : 'it renders no container image';
  return `${whose([pin])}: kustomize renders no container with the image pinned here, ${quote(pinned(pin), 300)}, so that digest is never deployed (though ferry status shows it pinned): ${found}. Only the containers (not the init containers) of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod or Argo Rollout count. The entry ${quote(pin.entry)} applies to images named ${quote(pin.entry)}; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`;
}

function staleMessage(pin: RenderTarget, stale: readonly RenderedImage[]): string {
  return `${whose([pin])}: kustomize renders the image pinned here, ${quote(pinned(pin), 300)}, and also the app's image at another digest or none, which Ferry does not pin (a stale or unpinned copy of the app, deployed beside it): ${listed(stale)}. The entry ${quote(pin.entry)} applies to images named ${quote(pin.entry)}; something in the build gives these containers the app's image after it applies, or under its new name (a patch, a replacement, another kustomization's images:): give them the entry's name, or remove them`;
}

function dirName(dir: string): string {
  return dir === '' ? 'the repository\'s root' : dir;
}

function buildFailedMessage(pins: readonly RenderTarget[], dir: string, error: string): string {
  return `${whose(pins)}: kustomize cannot build ${dirName(dir)}, so whether the image pinned here deploys cannot be told: ${error}`;
}

function notRenderedMessage(pins: readonly RenderTarget[], dir: string, blocker: RenderBlocker): string {
  return `${whose(pins)}: not rendered: ${dirName(dir)} is not built, since ${blocker.file} loads what is not in the repository or may run code: ${blocker.why}. --render builds only kustomizations whose whole tree is in the repository, so whether the image pinned here deploys cannot be told`;
}

