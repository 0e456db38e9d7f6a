// Argo CD's parameter overrides kept in git: `.argocd-source.yaml`, and `.argocd-source-<name>.yaml`
// for the Application named <name>, in an Application's source directory. Argo CD merges them (a
// JSON merge patch, the named one last) into the Application's `source` before it renders, so their
// `kustomize.images` and `helm.parameters` apply on top of the manifests there. Argo CD Image
// Updater's git write-back writes them. In a directory where Ferry pins an image, such a file
// deploys an image Ferry never reports: validate says so, and audit reports each commit that
// adds, changes or removes one that sets a pinned image (audit.ts, settleOverrides()).
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import type { AppConfig } from './config.js';
import { ARGOCD_SOURCE_FILE } from './env-repo-files.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import type { ReadFiles } from './kustomize-resources.js';

export { ARGOCD_SOURCE_FILE };

/** A manifest Ferry pins (it is there): the app, its environment, and the file. */
export interface PinnedManifest {
  app: AppConfig;
  env: string;
  file: string;
}

/** What is directly in each directory (file names), for directories that are not the root. */
export type ListDirectories = (dirs: readonly string[]) => Promise<ReadonlyMap<string, readonly string[]>>;

/** Of `paths`, those that are symbolic links, each with its target as written. */
export type ReadLinks = (paths: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface OverrideFindings {
  /** An override of a pinned image (a kustomize image of its name, a Helm value on a path ferry.yaml pins). */
  problems: Problem[];
  /** A file that overrides anything else, or that Argo CD cannot read. */
  warnings: Problem[];
}

/**
 * What one file overrides (overrideFindings()), as ferry audit words it: each pinned image it
 * sets, and why what it sets cannot be told, where it cannot.
 */
export interface FileOverrides extends OverrideFindings {
  /** Each place that sets a pinned image (the first of each field), what it sets, and how many more places set it too. */
  overrides: { manifest: PinnedManifest; field: string; sets: string; more: number }[];
  /**
   * Why what the file overrides is not known, where it is not: Argo CD cannot read it (and so
   * renders nothing where it applies: `unreadable`), or it has more aliases or merged entries than Ferry reads.
   */
  unchecked?: { reason: string; unreadable: boolean };
}

const WRITE_BACK = "Argo CD applies this file's parameter overrides (Argo CD Image Updater's git write-back)";
const STOP = "stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)";

/**
 * The most aliases (`*name`) Ferry reads in an override file (and in its helm.values text): Image
 * Updater writes none, a file written by hand needs few, and each one read is work for validate,
 * which a pull request adding the file runs. A file with more is a problem: Argo CD may still
 * apply it (go-yaml refuses only "excessive aliasing", by the share of the nodes they expand to),
 * and Ferry does not check what it overrides.
 */
export const MAX_ALIASES = 1000;

/**
 * The most mapping entries Ferry reads in an override file, merge keys (`<<: *name`) expanded each
 * time they are read: a few aliases can bring the same large mapping into many places. Past it, a
 * problem as for too many aliases.
 */
export const MAX_ENTRIES = 100_000;

/** The other overrides a warning names (the first ones), with how many more. */
const SHOWN = 20;

/** Thrown by a reader past MAX_ENTRIES. */
class ReadLimit extends Error {}

/**
 * The override files in the directories of `pins` and what they override there. One listing of
 * every directory together, and one read of the files found (usually none): no other file is read.
 * A manifest at the repository's root is not looked beside. One found that cannot be read as text
 * is asked of `readLinks` (one more read, of those alone): a symbolic link, which Argo CD follows
 * (to a file in the repository) and Ferry does not, is a problem.
 */
export async function argocdSourceFindings(pins: readonly PinnedManifest[], list: ListDirectories, readFiles: ReadFiles, readLinks?: ReadLinks): Promise<OverrideFindings> {
  const byDir = new Map<string, PinnedManifest[]>();
  for (const pin of pins) {
    const slash = pin.file.lastIndexOf('/');
    if (slash <= 0) continue;
    const dir = pin.file.slice(0, slash);
    byDir.set(dir, [...(byDir.get(dir) ?? []), pin]);
  }
  const findings: OverrideFindings = { problems: [], warnings: [] };
  if (byDir.size === 0) return findings;
  const listed = await list([...byDir.keys()]);
  const found = [...byDir.keys()].flatMap((dir) => (listed.get(dir) ?? []).filter((n) => ARGOCD_SOURCE_FILE.test(n)).map((n) => `${dir}/${n}`)).sort();
  if (found.length === 0) return findings;
  const texts = await readFiles(found);
  const unread = found.filter((file) => texts.get(file) instanceof ConfigurationError);
  const links = unread.length && readLinks ? await readLinks(unread) : new Map<string, string>();
  for (const file of found) {
    const text = texts.get(file);
    if (text === undefined) continue; // (listed, but not what validate reads: a file git ignores)
    const dir = file.slice(0, file.lastIndexOf('/'));
    const target = links.get(file);
    if (target !== undefined) {
      findings.problems.push(linkProblem(file, target, byDir.get(dir)!));
      continue;
    }
    const one = overrideFindings(file, text, byDir.get(dir)!);
    findings.problems.push(...one.problems);
    findings.warnings.push(...one.warnings);
  }
  return findings;
}

/** The Applications an override file `file` applies to. */
function applications(file: string): string {
  const dir = file.slice(0, file.lastIndexOf('/'));
  const name = ARGOCD_SOURCE_FILE.exec(file.slice(dir.length + 1))?.[1];
  return `${name === undefined ? 'every Argo CD Application' : `the Argo CD Application ${quote(name)}`} whose source path is ${dir}`;
}

/**
 * An override file that is a symbolic link (to `target`): Argo CD reads the file it leads to (in
 * the repository; one leading out of it fails manifest generation), Ferry reads no link (as a
 * manifest that is one: the same words), so what it overrides cannot be told.
 */
export function linkProblem(file: string, target: string, pins: readonly PinnedManifest[]): Problem {
  return {
    file,
    message: `is a symbolic link in the env repo (to ${quote(target)}): Argo CD follows it, and applies the parameter overrides of the file it leads to to ${applications(file)}, on top of ${pins.map((p) => p.file).join(', ')}, which Ferry pins; Ferry reads and pins only regular files, so it cannot check what this one overrides (commit the file itself at this path, or remove the link)`,
  };
}

/** What one override file `file` (its text, or why it is none) overrides of `pins`, the manifests Ferry pins in its directory. */
export function overrideFindings(file: string, text: string | ConfigurationError, pins: readonly PinnedManifest[]): FileOverrides {
  const who = applications(file);
  const problems: Problem[] = [];
  const overridden: FileOverrides['overrides'] = [];
  /** A file Argo CD cannot read (`why`): a warning, where it says so (`where`). */
  const unread = (why: string, where: { line?: number; column?: number } = {}): FileOverrides => ({
    problems, overrides: overridden, unchecked: { reason: why, unreadable: true },
    warnings: [{ file, ...where, message: `Argo CD cannot read this file of parameter overrides (${why}): manifest generation fails for ${who}` }],
  });
  if (text instanceof ConfigurationError) return unread(text.problems.map((p) => p.message).join('; '));
  const lines = new LineCounter();
  // As Argo CD reads it (go-yaml, through sigs.k8s.io/yaml): a key given twice is no error there.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  type Place = { line: number; column: number };
  const at = (node: Node | null | undefined): Place => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const [error] = doc.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    return unread(`the YAML does not parse: ${error.message.split('\n')[0]}`, { line, column: col });
  }
  const aliases = aliasesOf(doc);
  const { dangling, past } = aliases;
  if (dangling) return unread(`the alias *${dangling.source} names no anchor before it`, at(dangling));
  let unchecked: FileOverrides['unchecked'];
  /** A problem: the file (or its helm.values text, `where`) has more aliases than Ferry reads. */
  const tooMany = (what: string, limit: number, where: string): Problem => {
    unchecked ??= { reason: `it ${what}${where ? ` in the values text of ${where}` : ''}, more than the ${limit} Ferry reads in a file of parameter overrides`, unreadable: false };
    return {
      file, ...(where ? { field: where } : {}),
      message: `${what}${where ? ` in the values text of ${where}` : ''}, more than the ${limit} Ferry reads in a file of parameter overrides: ${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(', ')}, which Ferry pins, and Ferry does not check what it overrides; write the values out instead of aliasing them (or remove the file), and ${STOP}`,
    };
  };
  if (past) return { problems: [{ ...tooMany(`has ${aliases.count} aliases (*name)`, MAX_ALIASES, ''), ...at(past) }], warnings: [], overrides: overridden, unchecked };
  const budget = { entries: 0 };
  const { node, entries } = reader(aliases, budget);
  /** Whether `n` is read here for the first time (a node aliased in several places is read once). */
  const once = new Set<Node>();
  const first = (n: Node) => once.size !== once.add(n).size;
  const root = node(doc.contents);
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return { problems, warnings: [], overrides: overridden };
  if (!isMap(root)) return unread('expected a mapping of Application source fields, such as kustomize: or helm:', at(root));

  /** The other things the file overrides: where, and how they are named. */
  const others: { node: Node | null | undefined; field: string; shown: string }[] = [];
  const other = (node: Node | null | undefined, field: string, value?: string) => others.push({ node, field, shown: value === undefined ? field : `${field} (${quote(value)})` });
  /** Each field (of each manifest) is reported once, the first place that sets it, with how many more do. */
  const reported = new Map<string, { problem: Problem; kind: string; more: number; override: FileOverrides['overrides'][number] }>();
  const overrides = (where: Place, field: string, what: string, manifest: PinnedManifest, kind: 'entry' | 'parameter' | 'value') => {
    const earlier = reported.get(`${field}\n${manifest.file}`);
    if (earlier) {
      earlier.more++;
      return;
    }
    const pinned = manifest.app.pin.kind === 'helm' ? 'what Ferry pins' : 'the digest Ferry pins';
    const problem = {
      file, ...where, field,
      message: `${WRITE_BACK} to ${who}: this ${kind} sets ${what}, so Argo CD deploys that, not ${pinned} in ${manifest.file} (app ${quote(manifest.app.name)}, environment ${quote(manifest.env)}), and ferry status does not see it; remove the ${kind} (or the file), and ${STOP}`,
    };
    problems.push(problem);
    const override = { manifest, field, sets: what, more: 0 };
    overridden.push(override);
    reported.set(`${field}\n${manifest.file}`, { problem, kind, more: 0, override });
  };
  /** The Helm values at each path ferry.yaml pins, in `values` (a mapping, read by `read`); whether any is there. */
  const pinnedValues = (values: YAMLMap, read: Reader, field: string, where: (node: Node) => Place, how: string): boolean => {
    let any = false;
    for (const manifest of pins) {
      for (const [part, path] of helmPaths(manifest.app)) {
        for (const found of valuesAt(values, path.split('.'), read)) {
          any = true;
          overrides(where(found), `${field}.${path}`, `${quote(path)} (app ${quote(manifest.app.name)}'s helm.${part} in ferry.yaml)${how} to ${quote(isScalar(found) ? String(found.value) : 'a value')}`, manifest, 'value');
        }
      }
    }
    return any;
  };

  try {
    for (const { key, keyNode, value } of entries(root)) {
      if (key === 'kustomize' && isMap(value)) {
        for (const k of entries(value)) {
          const images = k.value;
          if (k.key !== 'images' || !isSeq(images)) {
            other(k.keyNode, `kustomize.${k.key}`);
            continue;
          }
          if (!first(images)) continue;
          images.items.forEach((entry, i) => {
            const field = `kustomize.images[${i}]`;
            const item = node(entry);
            const image = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
            if (image === undefined) return other(item, field);
            const { name: overridden, to } = kustomizeImage(image);
            const hit = pins.find((p) => imageNames(p.app).includes(overridden));
            if (hit) overrides(at(item), field, `the image ${quote(overridden)} to ${quote(to)}`, hit, 'entry');
            else other(item, field, image);
          });
        }
      } else if (key === 'helm' && isMap(value)) {
        for (const k of entries(value)) {
          const v = k.value;
          if (k.key === 'parameters' && isSeq(v)) {
            if (!first(v)) continue;
            v.items.forEach((entry, i) => {
              const field = `helm.parameters[${i}]`;
              const item = node(entry);
              const param = isMap(item) ? entries(item) : [];
              const nameNode = param.findLast((e) => e.key === 'name')?.value;
              const path = isScalar(nameNode) ? String(nameNode.value) : undefined;
              if (path === undefined) return other(item, field);
              const hit = helmHit(pins, path);
              const set = param.findLast((e) => e.key === 'value')?.value;
              if (hit) overrides(at(item), field, `${quote(path)} (app ${quote(hit.manifest.app.name)}'s helm.${hit.part} in ferry.yaml) to ${quote(isScalar(set) ? String(set.value) : '')}`, hit.manifest, 'parameter');
              else other(item, field, path);
            });
          } else if (k.key === 'valuesObject' && isMap(v)) {
            if (first(v) && !pinnedValues(v, { node, entries }, 'helm.valuesObject', at, '')) other(k.keyNode, 'helm.valuesObject');
          } else if (k.key === 'values' && isScalar(v) && typeof v.value === 'string') {
            // Helm values as YAML text: Argo CD gives them to helm as a values file (valuesObject
            // over them), so a pinned path set there deploys as one in valuesObject does.
            if (!first(v)) continue;
            const values = innerValues(v, at(v), text, budget);
            if (values && 'aliases' in values) problems.push({ ...tooMany(`has ${values.aliases} aliases (*name)`, MAX_ALIASES, 'helm.values'), ...at(v) });
            else if (!values || !pinnedValues(values.map, values.read, 'helm.values', values.where, ' in the values text of helm.values')) other(k.keyNode, 'helm.values');
          } else {
            other(k.keyNode, `helm.${k.key}`);
          }
        }
      } else {
        other(keyNode, key);
      }
    }
    for (const { problem, kind, more, override } of reported.values()) {
      if (more) problem.message += ` (${more} more ${kind}${more === 1 ? '' : 's'} in this file set${more === 1 ? 's' : ''} it too)`;
      override.more = more;
    }
  } catch (error) {
    if (!(error instanceof ReadLimit)) throw error;
    unchecked = undefined;
    return { problems: [tooMany('has aliases and merge keys (<<) that expand to more mapping entries', MAX_ENTRIES, '')], warnings: [], overrides: [], unchecked };
  }
  const warnings: Problem[] = [];
  const [one] = others;
  if (one) {
    warnings.push({
      file, ...at(one.node), field: one.field,
      message: `${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(', ')}, which Ferry pins: it ${problems.length ? 'also ' : ''}overrides ${others.slice(0, SHOWN).map((o) => o.shown).join(', ')}${others.length > SHOWN ? `, and ${others.length - SHOWN} more` : ''}, which Ferry does not check; remove what is not meant to stay`,
    });
  }
  return { problems, warnings, overrides: overridden, ...(unchecked ? { unchecked } : {}) };
}

/**
 * The image a `kustomize.images` entry names, and what it sets it to, as `kustomize edit set image`
 * reads it (Argo CD runs it with each): `name=newName[:tag][@digest]`, else `name[:tag][@digest]`.
 */
export function kustomizeImage(entry: string): { name: string; to: string } {
  const eq = entry.indexOf('=');
  if (eq >= 0) return { name: entry.slice(0, eq), to: entry.slice(eq + 1) };
  let name = entry;
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  return { name, to: entry };
}

/** The names a kustomize image override takes an app's image by: its entry's name, and the image as pinned (registry/repository). */
function imageNames(app: AppConfig): string[] {
  const full = `${app.registry}/${app.image}`;
  return app.pin.kind === 'kustomize' ? [app.pin.name, full] : [full];
}

/** The Helm values paths ferry.yaml pins an app's image at. */
function helmPaths(app: AppConfig): [string, string][] {
  const pin = app.pin;
  if (pin.kind !== 'helm') return [];
  return (['repository', 'tag', 'digest'] as const).flatMap((part) => (pin[part] === undefined ? [] : [[part, pin[part]!] as [string, string]]));
}

function helmHit(pins: readonly PinnedManifest[], path: string): { manifest: PinnedManifest; part: string } | undefined {
  for (const manifest of pins) {
    const hit = helmPaths(manifest.app).find(([, p]) => p === path);
    if (hit) return { manifest, part: hit[0] };
  }
  return undefined;
}

/** Nodes as go-yaml reads them (reader()): an alias as the node it names; a mapping's entries with its merge keys brought in. */
interface Reader {
  node: (n: unknown) => Node | null | undefined;
  entries: (map: YAMLMap) => { key: string; keyNode: Node; value: Node | null | undefined }[];
}

/**
 * A document's nodes as go-yaml reads them (Argo CD and Helm read YAML with it, through
 * sigs.k8s.io/yaml): an alias is the node its anchor marks (where that is written, for a report),
 * and a merge key (`<<: *base`, `<<: [*a, *b]`, a plain `<<`) brings in the entries of the
 * mappings it names. Every entry is kept, a key given twice (or also by a merge) each time: go-yaml
 * keeps one of them, and an override in any is reported.
 */
function reader(aliases: Aliases, budget: { entries: number }): Reader {
  const node = (n: unknown): Node | null | undefined => (isAlias(n) ? aliases.target.get(n) : (n as Node | null | undefined));
  const entries = (map: YAMLMap, seen = new Set<YAMLMap>()): ReturnType<Reader['entries']> => {
    seen.add(map);
    const out: ReturnType<Reader['entries']> = [];
    for (const pair of map.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      if (isScalar(keyNode) && key === '<<' && keyNode.type === Scalar.PLAIN) {
        const from = node(pair.value);
        const sources = isSeq(from) ? from.items.map(node) : [from];
        if (sources.every((source) => isMap(source))) {
          for (const source of sources) if (!seen.has(source)) out.push(...entries(source, seen));
          continue;
        }
      }
      if (++budget.entries > MAX_ENTRIES) throw new ReadLimit();
      out.push({ key, keyNode, value: node(pair.value) });
    }
    return out;
  };
  // An entry given again with the same node (by an alias, or a merge key) is read once: a key
  // given N times by aliases, at each of several levels, would otherwise be read N times N times.
  const distinct = (map: YAMLMap): ReturnType<Reader['entries']> => {
    const seen = new Map<string, Set<Node>>();
    return entries(map).filter(({ key, value }) => {
      if (value === null || value === undefined) return true;
      const values = seen.get(key) ?? new Set<Node>();
      seen.set(key, values);
      return values.size !== values.add(value).size;
    });
  };
  return { node, entries: distinct };
}

/** A document's aliases (aliasesOf). */
interface Aliases {
  /** The node each alias names. */
  target: WeakMap<Alias, Node>;
  /** The first alias that names no anchor before it (go-yaml refuses the file), if any. */
  dangling?: Alias;
  /** How many there are, and the first past MAX_ALIASES, if any. */
  count: number;
  past?: Alias;
}

/**
 * Each alias in `doc` and the node it names: the last before it with its anchor, the node itself
 * when the alias is inside it (as go-yaml, and yaml's Alias.resolve, read it). One walk of the
 * document, in order, for all of them (Alias.resolve walks the whole document at each call).
 */
function aliasesOf(doc: Document): Aliases {
  const anchors = new Map<string, Node>();
  const found: Aliases = { target: new WeakMap(), count: 0 };
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        if (++found.count === MAX_ALIASES + 1) found.past = node;
        const named = anchors.get(node.source);
        if (named) found.target.set(node, named);
        else found.dangling ??= node;
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return found;
}

/** The nodes at `path` in the Helm values `values` (each mapping's entries, merges and keys given twice included). */
function valuesAt(values: YAMLMap, path: readonly string[], read: Reader): Node[] {
  let at: Node[] = [values];
  for (const segment of path) {
    // Each node once: by aliases, several mappings can hold the same one.
    at = [...new Set(at.flatMap((n) => (isMap(n) ? read.entries(n).filter((e) => e.key === segment).map((e) => e.value) : []))
      .filter((n): n is Node => n !== null && n !== undefined))];
  }
  return at;
}

/**
 * The Helm values a `helm.values` string holds (`value`, written at `place` in `text`), read as
 * Helm reads a values file, with where each of its nodes is in the override file: on its own line
 * for a literal block (`values: |`), else at the string. None when they are no mapping (or no YAML).
 */
function innerValues(value: Scalar, place: { line: number; column: number }, text: string, budget: { entries: number }): { map: YAMLMap; read: Reader; where: (node: Node) => { line: number; column: number } } | { aliases: number } | undefined {
  const inner = String(value.value);
  const lines = new LineCounter();
  const doc = parseDocument(inner, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) return undefined;
  const aliases = aliasesOf(doc);
  if (aliases.dangling) return undefined;
  if (aliases.past) return { aliases: aliases.count };
  const read = reader(aliases, budget);
  const map = read.node(doc.contents);
  if (!isMap(map)) return undefined;
  const source = text.split('\n');
  const innerLines = inner.split('\n');
  const where = (node: Node) => {
    if (value.type !== Scalar.BLOCK_LITERAL) return place;
    // A literal block's lines are the text's, less their indentation, from the line after its header.
    const { line, col } = lines.linePos(node.range?.[0] ?? 0);
    const outer = source[place.line - 1 + line]?.replace(/\r$/, '');
    const own = innerLines[line - 1];
    if (outer === undefined || own === undefined || !outer.endsWith(own)) return place;
    return { line: place.line + line, column: outer.length - own.length + col };
  };
  return { map, read, where };
}
