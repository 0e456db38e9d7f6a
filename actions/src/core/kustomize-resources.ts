// Whether a kustomize pin takes effect. Kustomize applies an `images:` entry to each container
// image whose name (without its tag or digest) is the entry's name, and leaves an entry that
// matches none unused without a word: the digest Ferry pins there then never deploys. This
// follows a pinned kustomization's local `resources:` (and `bases:`) and `components:` (files,
// and directories with a kustomization of their own) to the container images they hold, as
// kustomize v5 finds them: the `image` of each item of any `containers` or `initContainers` list,
// at any depth, of any resource but a CustomResourceDefinition (api/filters/imagetag/legacy.go),
// renamed by the `images:` of the kustomizations on the way (checked with kustomize v5.5).
//
// What cannot be followed leaves a pin unjudged, never reported: a remote resource (a URL, a git
// reference) or one not in the repository (kustomize then tries it as a remote one), a path that
// leaves the repository, a file that does not parse or is no text, and whatever may bring or
// change images besides `images:` (generators, transformers, Helm charts, replacements,
// configurations, CRDs, a patch that mentions an image). `ferry validate --render` judges those
// on kustomize's own output (kustomize-render.ts).
import { posix } from 'node:path';
import * as jsYaml from 'js-yaml';
import { FAILSAFE_SCHEMA, loadAll, type Type } from 'js-yaml';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { PLAIN_NAME, imageMatches, locateKustomizeEntry, splitImage, type KustomizeEntryAt } from './kustomize-images.js';
import { parseYaml } from './yaml-splice.js';

/** Reads many files of the env repo in one go: a text, undefined (no such file), or what keeps it from being read. */
export type ReadFiles = (paths: string[]) => Promise<ReadonlyMap<string, string | undefined | ConfigurationError>>;

/** A kustomize pin: the kustomization file that pins, its text, and the name of its `images:` entry. */
export interface KustomizePin {
  file: string;
  text: string;
  name: string;
}

/** The names kustomize gives a kustomization file, in the order it looks for them. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Fields that bring or change images in ways this does not follow: a kustomization with one is not judged. */
const OPAQUE_FIELDS = ['generators', 'transformers', 'helmCharts', 'helmChartInflationGenerator', 'replacements', 'configurations', 'crds'];

/** How deep resources are followed (kustomize has no limit; a deeper pin is not judged). */
const MAX_DEPTH = 16;

// kustomize's matching of an entry to an image, kept with the entries' editor (which judges entries by it too).
export { imageMatches, splitImage };

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface Kustomization {
  file: string;
  kind: 'Kustomization' | 'Component';
  /** Repository paths of `resources:` and `bases:`, in order. */
  resources: string[];
  components: string[];
  images: ImageEntry[];
  /** Patch files (`path:`), and whether a missing one means the patch is inline (patchesStrategicMerge). */
  patchFiles: { path: string; mayBeInline: boolean }[];
}

/** A container image as it reaches a kustomization, and the file of its container. */
interface Found {
  image: string;
  file: string;
}

/**
 * The kustomize pins of `pins` whose entry matches no container image of the resources their
 * kustomization builds, each a problem at the entry's `name:`. The files the kustomizations name
 * are read level by level, each level in one readFiles call for every pin at once.
 */
export async function unmatchedKustomizePins(pins: readonly KustomizePin[], readFiles: ReadFiles): Promise<Problem[]> {
  return (await judgeKustomizePins(pins, readFiles)).filter((p): p is Problem => p !== undefined);
}

/**
 * unmatchedKustomizePins() pin by pin: the problem of each of `pins`, in their order, or undefined
 * for one that matches, cannot be judged, or is no kustomization file's.
 */
export async function judgeKustomizePins(pins: readonly KustomizePin[], readFiles: ReadFiles): Promise<(Problem | undefined)[]> {
  const reach = new KustomizeReach(readFiles);
  const roots = pins.filter((p) => KUSTOMIZATION_FILES.includes(posix.basename(p.file)));
  for (const pin of roots) reach.texts.set(pin.file, pin.text);
  await reach.load(roots.map((p) => p.file));
  return pins.map((pin) => (KUSTOMIZATION_FILES.includes(posix.basename(pin.file)) ? reach.judge(pin) : undefined));
}

class KustomizeReach {
  readonly texts = new Map<string, string | undefined | ConfigurationError>();
  private readonly parsed = new Map<string, Kustomization | undefined>();
  private readonly resourceImages = new Map<string, Found[] | undefined>();
  private readonly built = new Map<string, Found[]>();

  constructor(private readonly readFiles: ReadFiles) {}

  /**
   * Parses the kustomizations from `files` down, reading what each names, one level per read (for
   * every pin at once). An entry is read as what it most likely is: a file when its name ends in
   * .yaml, .yml or .json, else a directory with a kustomization.yaml; when it is not that, the
   * other readings (kustomization.yml, Kustomization, a file) come in the next read. A directory
   * with a kustomization.yaml is taken to be built from it: its other kustomization files are not
   * looked for (a read of a path costs about as much whether it is there or not, and there are
   * thousands; kustomize refuses a directory with two, which then deploys nothing at all).
   */
  async load(files: readonly string[]): Promise<void> {
    let level = [...new Set(files)];
    let pending: string[] = [];
    for (let round = 0; (level.length || pending.length) && round <= 2 * MAX_DEPTH; round++) {
      const entries = new Set(pending);
      const wanted = new Set<string>();
      for (const file of level) {
        const k = parseKustomization(file, this.texts.get(file));
        this.parsed.set(file, k);
        if (!k) continue;
        for (const entry of [...k.resources, ...k.components]) entries.add(entry);
        for (const patch of k.patchFiles) wanted.add(patch.path);
      }
      for (const entry of entries) for (const path of this.toRead(entry)) wanted.add(path);
      const missing = [...wanted].filter((p) => !this.texts.has(p));
      if (missing.length) {
        const read = await this.readFiles(missing);
        for (const path of missing) this.texts.set(path, read.get(path));
      }
      const next = new Set<string>();
      pending = [];
      for (const entry of entries) {
        const found = this.resolve(entry);
        if (found === 'unread') pending.push(entry);
        else if (found?.kind === 'kustomization' && !this.parsed.has(found.file)) next.add(found.file);
      }
      level = [...next];
    }
  }

  /** The paths to read next to tell what `entry` is. */
  private toRead(entry: string): string[] {
    const all = candidates(entry);
    if (all.some((p) => this.texts.has(p))) return all.filter((p) => !this.texts.has(p));
    return entry !== '' && /\.(ya?ml|json)$/i.test(entry) ? [entry] : [entry === '' ? KUSTOMIZATION_FILES[0]! : `${entry}/${KUSTOMIZATION_FILES[0]}`];
  }

  /** The problem of `pin` when its entry surely matches nothing; undefined when it matches, or cannot be judged. */
  judge(pin: KustomizePin): Problem | undefined {
    const k = this.parsed.get(pin.file);
    // An entry that is not there once is the pin's own problem, which validate reports.
    const index = k?.images.findIndex((e) => e.name === pin.name) ?? -1;
    if (!k || k.kind !== 'Kustomization' || index < 0 || k.images.findLastIndex((e) => e.name === pin.name) !== index || !PLAIN_NAME.test(pin.name)) return undefined;
    const found: Found[] = [];
    if (!this.accumulate(pin.file, found, new Set())) return undefined;
    // The entries before this one apply first (each is a transformer of its own, in order).
    applyImages(found, k.images.slice(0, index));
    if (found.some((f) => imageMatches(f.image, pin.name))) return undefined;
    let at: KustomizeEntryAt;
    try {
      at = locateKustomizeEntry(parseYaml(pin.text, pin.file), pin.name);
    } catch (error) {
      if (error instanceof ConfigurationError) return undefined;
      throw error;
    }
    return { file: pin.file, line: at.line, column: at.column, field: at.field, message: unmatchedMessage(pin.name, found, k) };
  }

  /**
   * What `entry` (a repository path) is: a kustomization directory, a resource file, neither
   * (undefined: not followed), or not known before more is read (`unread`).
   */
  private resolve(entry: string): { kind: 'kustomization' | 'file'; file: string } | 'unread' | undefined {
    const kustomizations = KUSTOMIZATION_FILES.map((k) => (entry === '' ? k : `${entry}/${k}`));
    const text = entry === '' ? undefined : this.texts.get(entry);
    // A file, as read: it is no directory. (A kustomization file named as a resource is no resource file: not followed.)
    if (typeof text === 'string') return KUSTOMIZATION_FILES.includes(posix.basename(entry)) ? undefined : { kind: 'file', file: entry };
    if (entry !== '' && this.texts.has(entry) && text === undefined) return undefined; // (not in the repository: maybe remote)
    const first = this.texts.get(kustomizations[0]!);
    if (typeof first === 'string') return { kind: 'kustomization', file: kustomizations[0]! };
    if (!kustomizations.every((k) => this.texts.has(k))) return 'unread';
    const own = kustomizations.filter((f) => this.texts.get(f) !== undefined);
    if (own.length !== 1) {
      // None: a file without an extension, or no kustomization; two: kustomize refuses the directory.
      return own.length === 0 && entry !== '' && !this.texts.has(entry) ? 'unread' : undefined;
    }
    return typeof this.texts.get(own[0]!) === 'string' ? { kind: 'kustomization', file: own[0]! } : undefined;
  }

  /** What `entry` is, when it can be followed. */
  private followed(entry: string): { kind: 'kustomization' | 'file'; file: string } | undefined {
    const found = this.resolve(entry);
    return found === 'unread' ? undefined : found;
  }

  /**
   * Adds to `acc` the images of `file`'s resources and components as its own `images:` finds them
   * (before they apply); false when any part cannot be followed.
   */
  private accumulate(file: string, acc: Found[], stack: Set<string>): boolean {
    const k = this.parsed.get(file);
    if (!k || stack.has(file) || !this.patchesLeaveImages(k)) return false;
    stack.add(file);
    try {
      for (const entry of k.resources) {
        const found = this.followed(entry);
        if (!found) return false;
        const images = found.kind === 'file' ? this.imagesOf(found.file) : this.build(found.file, stack);
        if (!images) return false;
        acc.push(...images.map((f) => ({ ...f })));
      }
      // A component adds its resources to this kustomization's, then transforms them all.
      for (const entry of k.components) {
        const found = this.followed(entry);
        const component = found?.kind === 'kustomization' ? this.parsed.get(found.file) : undefined;
        if (!found || component?.kind !== 'Component' || !this.accumulate(found.file, acc, stack)) return false;
        applyImages(acc, component.images);
      }
      return true;
    } finally {
      stack.delete(file);
    }
  }

  /** The images a kustomization used as a resource hands on: its own `images:` applied. */
  private build(file: string, stack: Set<string>): Found[] | undefined {
    const done = this.built.get(file);
    if (done) return done;
    const k = this.parsed.get(file);
    const acc: Found[] = [];
    const ok = k?.kind === 'Kustomization' && this.accumulate(file, acc, stack);
    if (!ok) return undefined;
    applyImages(acc, k.images);
    // Kept when followed (a failure may be a cycle through the kustomization that asks, which another one's need not be).
    this.built.set(file, acc);
    return acc;
  }

  /** Whether no patch of `k` can bring or change an image (it does not mention one). */
  private patchesLeaveImages(k: Kustomization): boolean {
    return k.patchFiles.every(({ path, mayBeInline }) => {
      const text = this.texts.get(path);
      if (typeof text === 'string') return !/image/i.test(text);
      return mayBeInline && text === undefined;
    });
  }

  /** The container images of a resource file; undefined when it does not parse. */
  private imagesOf(file: string): Found[] | undefined {
    if (this.resourceImages.has(file)) return this.resourceImages.get(file);
    const text = this.texts.get(file);
    const docs = typeof text === 'string' ? load(text) : undefined;
    const images = docs?.flatMap((doc) => (isRecord(doc) && doc.kind === 'CustomResourceDefinition' ? [] : containerImages(doc).map((image) => ({ image, file }))));
    this.resourceImages.set(file, images);
    return images;
  }
}

/** The paths to read for a resource entry: itself (a file), and the kustomization files it would hold (a directory). */
function candidates(entry: string): string[] {
  return entry === '' ? [...KUSTOMIZATION_FILES] : [entry, ...KUSTOMIZATION_FILES.map((k) => `${entry}/${k}`)];
}

/** `kustomization.yaml`'s fields this follows; undefined when it cannot be followed (see the header). */
function parseKustomization(file: string, text: string | undefined | ConfigurationError): Kustomization | undefined {
  const docs = typeof text === 'string' ? load(text)?.filter(present) : undefined;
  const root = docs?.length === 1 ? docs[0] : undefined;
  if (!isRecord(root) || OPAQUE_FIELDS.some((f) => present(root[f]))) return undefined;
  const kind = present(root.kind) ? root.kind : 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') return undefined;
  const dir = posix.dirname(file);
  const paths = (field: string): string[] | undefined => {
    const list = present(root[field]) ? root[field] : [];
    if (!Array.isArray(list) || !list.every((e): e is string => typeof e === 'string')) return undefined;
    const resolved = list.map((e) => localPath(dir, e));
    return resolved.every((p): p is string => p !== undefined) ? resolved : undefined;
  };
  const resources = paths('resources');
  const bases = paths('bases');
  const components = paths('components');
  const images = imageEntries(root.images);
  const patchFiles = patchesOf(root, dir);
  if (!resources || !bases || !components || !images || !patchFiles) return undefined;
  return { file, kind, resources: [...resources, ...bases], components, images, patchFiles };
}

/**
 * Where an entry of a kustomization in `dir` (a resource, base, component or file) points: a
 * repository path, or why it is not one. Remote: a URL (`git::https://…`, `file://…`), an
 * scp-like git address (`git@host:org/repo`), `gh:org/repo`, a query (`?ref=v1`). Outside: an
 * absolute path, a backslash, or a path that normalises out of the repository.
 */
export function entryPath(dir: string, entry: string): { path: string } | { remote: true } | { outside: true } {
  if (entry.includes('://') || /^(git::|gh:)/.test(entry) || /^[^/]*@[^/]*:/.test(entry) || entry.includes('?')) return { remote: true };
  if (posix.isAbsolute(entry) || entry.includes('\\')) return { outside: true };
  const path = posix.normalize(posix.join(dir === '' ? '.' : dir, entry)).replace(/\/+$/, '');
  if (path === '..' || path.startsWith('../')) return { outside: true };
  return { path: path === '.' ? '' : path };
}

/** The repository path of a resource entry relative to `dir`; undefined for a remote one, one outside the repository, or none. */
function localPath(dir: string, entry: string): string | undefined {
  const where = entry.trim() === '' ? undefined : entryPath(dir, entry);
  return where && 'path' in where ? where.path : undefined;
}

function imageEntries(value: unknown): ImageEntry[] | undefined {
  if (!present(value)) return [];
  if (!Array.isArray(value)) return undefined;
  const entries: ImageEntry[] = [];
  for (const item of value) {
    // A name with a special character of a regular expression besides `.` may apply to images
    // this cannot tell: the kustomization is not followed (its pins are not judged).
    if (!isRecord(item) || typeof item.name !== 'string' || item.name === '' || !PLAIN_NAME.test(item.name)) return undefined;
    const entry: ImageEntry = { name: item.name };
    for (const key of ['newName', 'newTag', 'digest'] as const) {
      const v = item[key];
      if (typeof v === 'string' && v !== '') entry[key] = v;
      else if (present(v)) return undefined;
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * The patch files of a kustomization; undefined when an inline patch mentions an image (it may
 * bring or change one).
 */
function patchesOf(root: Record<string, unknown>, dir: string): { path: string; mayBeInline: boolean }[] | undefined {
  const files: { path: string; mayBeInline: boolean }[] = [];
  for (const field of ['patches', 'patchesJson6902', 'patchesStrategicMerge']) {
    const list = root[field];
    if (!present(list)) continue;
    if (!Array.isArray(list)) return undefined;
    for (const item of list) {
      // patchesStrategicMerge: a file, or the patch itself (one of several lines is no file).
      const inline = typeof item === 'string' ? item : isRecord(item) ? item.patch : undefined;
      const path = typeof item === 'string' ? (/[\r\n]/.test(item) ? undefined : item) : isRecord(item) ? item.path : undefined;
      if (typeof inline === 'string' && /image/i.test(inline)) return undefined;
      if (typeof path === 'string' && path !== '') {
        const local = localPath(dir, path);
        if (local === undefined) {
          if (typeof item !== 'string') return undefined;
        } else {
          files.push({ path: local, mayBeInline: typeof item === 'string' });
        }
      } else if (typeof inline !== 'string') {
        return undefined;
      }
    }
  }
  return files;
}

/**
 * Every value as the text it is written as (a tag of 1.0 stays "1.0"), and merge keys (`<<:
 * *defaults`) merged, as kustomize reads them: a container that takes its image from one is a
 * container of that image.
 */
// (js-yaml exports its types, `types.merge` among them; @types/js-yaml does not declare them.)
const TEXT_WITH_MERGES = FAILSAFE_SCHEMA.extend({ implicit: [(jsYaml as unknown as { types: { merge: Type } }).types.merge] });

/**
 * The documents of a YAML file (TEXT_WITH_MERGES); undefined when it does not parse. js-yaml, not
 * yaml: validate reads thousands of these (ten times faster); an alias is the node it names, not a
 * copy.
 */
export function load(text: string): unknown[] | undefined {
  try {
    return loadAll(text, undefined, { schema: TEXT_WITH_MERGES });
  } catch {
    return undefined;
  }
}

/**
 * The `image` of every item of every `containers` and `initContainers` list in `value`, at any
 * depth. A node that aliases make appear many times is read once.
 */
export function containerImages(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) containerImages(item, out, seen);
  } else if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      containerImages(v, out, seen);
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(v)) {
        for (const item of v) if (isRecord(item) && typeof item.image === 'string' && item.image !== '') out.push(item.image);
      }
    }
  }
  return out;
}

/** Applies `entries` in order, as kustomize's image transformers do (api/filters/imagetag/updater.go). */
function applyImages(found: Found[], entries: readonly ImageEntry[]): void {
  for (const entry of entries) {
    for (const f of found) {
      if (!imageMatches(f.image, entry.name)) continue;
      let { name, tag, digest } = splitImage(f.image);
      if (entry.newName) name = entry.newName;
      if (entry.newTag !== undefined || entry.digest !== undefined) {
        tag = entry.newTag ?? '';
        digest = entry.digest ?? '';
      }
      f.image = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    }
  }
}

const SHOWN = 5;

function unmatchedMessage(name: string, found: readonly Found[], k: Kustomization): string {
  const seen = new Set<string>();
  const unique = found.filter((f) => !seen.has(`${f.image}\n${f.file}`) && seen.add(`${f.image}\n${f.file}`));
  const list = unique.slice(0, SHOWN).map((f) => `${quote(f.image, 300)} (${f.file})`).join(', ');
  const more = unique.length > SHOWN ? ` and ${unique.length - SHOWN} more` : '';
  const what = unique.length ? `the container images it builds are ${list}${more}` : `it builds no container image (resources: ${k.resources.length ? k.resources.join(', ') : 'none'})`;
  return `the entry ${quote(name)} matches no container image, so kustomize applies none of it and the digest pinned here is never deployed (an entry applies to an image whose name, without its tag or digest, is ${quote(name)}): ${what}; name the entry after the image, or the image after the entry`;
}

export function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
