// Whether the image Ferry pins in a kustomization is the image kustomize renders (ferry validate
// --render). The static check (kustomize-resources.ts) leaves unjudged what it cannot follow: a
// patch that sets another image, replacements, transformers, generators, Helm charts, remote
// bases. Kustomize applies patches before the `images:` transformer, so a patch that renames a
// container's image makes the entry match nothing, and the digest Ferry pins (which ferry status
// shows) never deploys. Here the output of kustomize itself is read: the pinned image, the entry's
// newName (or name) with its digest, must be the image of at least one container, as kustomize's
// image filter finds containers (the `containers` and `initContainers` of any resource but a
// CustomResourceDefinition, at any depth). Running kustomize is the adapter's (KustomizeBuilder).
import { posix } from 'node:path';
import { FAILSAFE_SCHEMA, loadAll } from 'js-yaml';
import { manifestPath, type FerryConfig } from './config.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { readPinnedImageAt } from './image-pin.js';
import { locateKustomizeEntry } from './kustomize-images.js';
import { KUSTOMIZATION_FILES, containerImages, splitImage } from './kustomize-resources.js';
import { parseYaml } from './yaml-splice.js';

/** What building one kustomization directory gave: its output, or why it failed (kustomize's message, redacted and trimmed). */
export type KustomizeBuild = { output: string } | { error: string };

/** Builds kustomization directories of the env repo (`dir`: a repository path, '' for its root). */
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
}

/** A container image of the rendered output, and the resource that holds it (`Deployment user-service`). */
export interface RenderedImage {
  image: string;
  resource: string;
}

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
        targets.push({
          env: env.name, app: app.name, file, entry: app.pin.name, name: pinned.name, digest: pinned.digest,
          ...(pinned.tag !== undefined ? { tag: pinned.tag } : {}), line: at.line, column: at.column, field: at.field,
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
 * problem of each pin whose image no rendered container has, and of each build that failed, with
 * how many directories were rendered.
 */
export async function renderedPinProblems(targets: readonly RenderTarget[], builder: KustomizeBuilder): Promise<{ problems: Problem[]; rendered: number }> {
  const byDir = new Map<string, RenderTarget[]>();
  for (const t of targets) {
    const dir = posix.dirname(t.file) === '.' ? '' : posix.dirname(t.file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), t]);
  }
  const builds = await Promise.all([...byDir.keys()].map((dir) => builder.build(dir)));
  const problems: Problem[] = [];
  [...byDir.values()].forEach((pins, i) => {
    const build = builds[i]!;
    if ('error' in build) {
      // One problem per file (apps that share a kustomization file share its failure).
      const files = new Map<string, RenderTarget[]>();
      for (const pin of pins) files.set(pin.file, [...(files.get(pin.file) ?? []), pin]);
      for (const [file, same] of files) problems.push({ file, message: buildFailedMessage(same, build.error) });
      return;
    }
    let images: RenderedImage[];
    try {
      images = renderedImages(build.output);
    } catch (error) {
      for (const pin of pins) problems.push({ file: pin.file, message: buildFailedMessage([pin], `its output is no YAML Ferry can read: ${(error as Error).message}`) });
      return;
    }
    for (const pin of pins) {
      const problem = renderedPinProblem(pin, images);
      if (problem) problems.push(problem);
    }
  });
  return { problems, rendered: byDir.size };
}

/** The problem of `pin` when no container of the rendered output has the image it pins. */
export function renderedPinProblem(pin: RenderTarget, images: readonly RenderedImage[]): Problem | undefined {
  if (images.some((i) => deploysPin(i.image, pin))) return undefined;
  return {
    file: pin.file, ...(pin.line !== undefined ? { line: pin.line, column: pin.column } : {}), ...(pin.field !== undefined ? { field: pin.field } : {}),
    message: unrenderedMessage(pin, images),
  };
}

/** Whether `image`, as rendered, is the pinned image: its name, and its digest (the tag does not decide what runs). */
export function deploysPin(image: string, pin: Pick<RenderTarget, 'name' | 'digest'>): boolean {
  const { name, digest } = splitImage(image);
  return name === pin.name && digest === pin.digest;
}

/**
 * The container images of kustomize's output (a stream of YAML documents), each with the kind and
 * name of its resource. Throws when the output does not parse.
 */
export function renderedImages(output: string): RenderedImage[] {
  const images: RenderedImage[] = [];
  for (const doc of loadAll(output, undefined, { schema: FAILSAFE_SCHEMA })) {
    if (!isRecord(doc) || doc.kind === 'CustomResourceDefinition') continue;
    const kind = typeof doc.kind === 'string' ? doc.kind : 'a resource';
    const name = isRecord(doc.metadata) && typeof doc.metadata.name === 'string' ? ` ${doc.metadata.name}` : '';
    for (const image of containerImages(doc)) images.push({ image, resource: `${kind}${name}` });
  }
  return images;
}

const SHOWN = 5;

function pinned(pin: RenderTarget): string {
  return `${pin.name}${pin.tag !== undefined ? `:${pin.tag}` : ''}@${pin.digest}`;
}

function whose(pins: readonly RenderTarget[]): string {
  const apps = pins.map((p) => quote(p.app)).join(', ');
  return `${pins.length === 1 ? 'app' : 'apps'} ${apps} in ${quote(pins[0]!.env)}`;
}

function unrenderedMessage(pin: RenderTarget, images: readonly RenderedImage[]): string {
  const seen = new Set<string>();
  const unique = images.filter((i) => !seen.has(`${i.image}\n${i.resource}`) && seen.add(`${i.image}\n${i.resource}`));
  const list = unique.slice(0, SHOWN).map((i) => `${quote(i.image, 300)} (${i.resource})`).join(', ');
  const more = unique.length > SHOWN ? ` and ${unique.length - SHOWN} more` : '';
  const found = unique.length ? `the container images it renders are ${list}${more}` : 'it renders no container image';
  return `${whose([pin])}: kustomize renders no container with the image pinned here, ${quote(pinned(pin), 300)}, so that digest is never deployed (though ferry status shows it pinned): ${found}. The entry ${quote(pin.entry)} applies to images named ${quote(pin.entry)}; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`;
}

function buildFailedMessage(pins: readonly RenderTarget[], error: string): string {
  const dir = posix.dirname(pins[0]!.file);
  return `${whose(pins)}: kustomize cannot build ${dir === '.' ? 'the repository\'s root' : dir}, so whether the image pinned here deploys cannot be told: ${error}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
