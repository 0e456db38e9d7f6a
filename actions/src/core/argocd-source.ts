// Argo CD's parameter overrides kept in git: `.argocd-source.yaml`, and `.argocd-source-<name>.yaml`
// for the Application named <name>, in an Application's source directory. Argo CD merges them (a
// JSON merge patch, the named one last) into the Application's `source` before it renders, so their
// `kustomize.images` and `helm.parameters` apply on top of the manifests there. Argo CD Image
// Updater's git write-back writes them. In a directory where Ferry pins an image, such a file
// deploys an image Ferry never reports: validate says so, and audit reports each commit that
// adds, changes or removes one that sets a pinned image (audit.ts, settleOverrides()).
// A file is read as Argo CD reads it: sigs.k8s.io/yaml's YAMLToJSON (go-yaml: the first document,
// anchors, aliases and merge keys), a JSON merge patch, then encoding/json into ApplicationSource
// (field names in any case; a value of another type than the field's fails manifest generation).
// A field Ferry does not read that can change the image fails closed: a problem, as an override.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, Scalar, visit, type Alias, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AppConfig } from './config.js';
import { ARGOCD_SOURCE_FILE } from './env-repo-files.js';
import { ConfigurationError, FileTooLargeError, quote, type Problem } from './errors.js';
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
   * renders nothing where it applies: `unreadable`), or Ferry does not read it or a field of it
   * that can change the image (more aliases or merged entries than Ferry reads, too large, nested
   * too deep, kustomize.patches, helm.valueFiles, …).
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

/**
 * The largest override file Ferry reads, in bytes: Argo CD Image Updater writes a few lines (under
 * 1 KiB), and each file read is parsed whole (by validate on a pull request, by audit at each
 * version a commit leaves). A larger one is a problem: Argo CD applies it whatever its size, and
 * Ferry does not check what it overrides.
 */
export const MAX_OVERRIDE_BYTES = 256 * 1024;

/** The other overrides a warning names (the first ones), with how many more. */
const SHOWN = 20;

/** Thrown by a reader past MAX_ENTRIES. */
class ReadLimit extends Error {}

/**
 * The files named as `wanted` says in the directories of `pins` (not the repository's root, where
 * Argo CD reads no such file), in one listing of them all, sorted; and the pins of each directory.
 */
export async function filesBeside(pins: readonly PinnedManifest[], list: ListDirectories, wanted: (name: string) => boolean): Promise<{ byDir: Map<string, PinnedManifest[]>; found: string[] }> {
  const byDir = new Map<string, PinnedManifest[]>();
  for (const pin of pins) {
    const slash = pin.file.lastIndexOf('/');
    if (slash <= 0) continue;
    const dir = pin.file.slice(0, slash);
    byDir.set(dir, [...(byDir.get(dir) ?? []), pin]);
  }
  if (byDir.size === 0) return { byDir, found: [] };
  const listed = await list([...byDir.keys()]);
  const found = [...byDir.keys()].flatMap((dir) => (listed.get(dir) ?? []).filter(wanted).map((n) => `${dir}/${n}`)).sort();
  return { byDir, found };
}

/**
 * The override files in the directories of `pins` and what they override there. One listing of
 * every directory together, and one read of the files found (usually none): no other file is read.
 * A manifest at the repository's root is not looked beside. One found that cannot be read as text
 * is asked of `readLinks` (one more read, of those alone): a symbolic link, which Argo CD follows
 * (to a file in the repository) and Ferry does not, is a problem.
 */
export async function argocdSourceFindings(pins: readonly PinnedManifest[], list: ListDirectories, readFiles: ReadFiles, readLinks?: ReadLinks): Promise<OverrideFindings> {
  const { byDir, found } = await filesBeside(pins, list, (name) => ARGOCD_SOURCE_FILE.test(name));
  const findings: OverrideFindings = { problems: [], warnings: [] };
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

/**
 * An override file read once (readOverrideFile()), to be checked against the manifests pinned
 * beside it by overrideFindings(), as many times as asked: ferry audit reads each version of a
 * file once, whichever commits it is the version after or before.
 */
export type OverrideReading =
  | { kind: 'document'; text: string; doc: Document; lines: LineCounter; aliases: Aliases }
  /** Argo CD cannot read it (`why`): manifest generation fails where it applies. */
  | { kind: 'unreadable'; why: string; at?: Place }
  /** Argo CD reads it, Ferry does not (`what` it is, how to `fix` it). */
  | { kind: 'unchecked'; what: string; fix: string; at?: Place };

type Place = { line: number; column: number };

/**
 * The first document of `text`, as go-yaml reads a file (through sigs.k8s.io/yaml's YAMLToJSON,
 * Argo CD's and Helm's reading): the documents after it are not read. None in a file of comments
 * alone (or nothing).
 */
function firstDocument(text: string, lineCounter: LineCounter): Document | undefined {
  // As Argo CD reads it (go-yaml, through sigs.k8s.io/yaml): a key given twice is no error there.
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  return Array.isArray(docs) ? docs[0] : undefined;
}

/** An override file's text (or why there is none), read as YAML once, for overrideFindings(). */
export function readOverrideFile(text: string | ConfigurationError): OverrideReading {
  if (text instanceof FileTooLargeError) return tooLarge(text.bytes);
  if (text instanceof ConfigurationError) return { kind: 'unreadable', why: text.problems.map((p) => p.message).join('; ') };
  // (Characters first: a text of more characters than the cap has more bytes.)
  if (text.length > MAX_OVERRIDE_BYTES || Buffer.byteLength(text) > MAX_OVERRIDE_BYTES) return tooLarge(Buffer.byteLength(text));
  const lines = new LineCounter();
  const deep = (at?: Place): OverrideReading => ({ kind: 'unchecked', what: "nests collections deeper than Ferry's YAML reader goes", fix: 'write it with less nesting (or remove the file)', ...(at ? { at } : {}) });
  try {
    const doc = firstDocument(text, lines);
    if (!doc) return { kind: 'document', text, doc: parseDocument(''), lines, aliases: { target: new WeakMap(), count: 0 } };
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      // (A stack overflow in yaml's reader: Ferry's limit, not one of go-yaml's, which reads 10,000 levels.)
      if (error.code === 'RESOURCE_EXHAUSTION') return deep({ line, column: col });
      return { kind: 'unreadable', why: `the YAML does not parse: ${error.message.split('\n')[0]}`, at: { line, column: col } };
    }
    return { kind: 'document', text, doc, lines, aliases: aliasesOf(doc) };
  } catch (error) {
    if (error instanceof RangeError) return deep();
    throw error;
  }
}

function tooLarge(bytes: number): OverrideReading {
  const size = bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
  return {
    kind: 'unchecked',
    what: `is ${size}, more than the ${MAX_OVERRIDE_BYTES / 1024} KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines)`,
    fix: 'keep in it only the overrides meant to stay (or remove the file)',
  };
}

/**
 * Where encoding/json takes a key of a mapping to (Argo CD decodes the merged overrides into its
 * ApplicationSource with it): the field whose name is the key, ASCII case aside, and the two
 * letters outside ASCII that fold to ASCII ones (U+212A KELVIN SIGN to k, U+017F LONG S to s).
 * `Kustomize: {Images: […]}` sets the kustomize images as `kustomize: {images: […]}` does.
 * Several keys that name one field are each decoded into it in turn, the last one winning (a
 * mapping's fields merge); but their order is not the file's (YAMLToJSON sorts a mapping's keys,
 * and the merge patch adds them to the Application's own fields), so each is read, and an
 * override in any is reported, as for a key given twice.
 */
function fieldName(key: string): string {
  return key.replace(/[A-Z\u212a\u017f]/g, (c) => (c === '\u212a' ? 'k' : c === '\u017f' ? 's' : c.toLowerCase()));
}

/** Thrown where Argo CD cannot decode what the file sets (`why`, at `node`): manifest generation fails. */
class NotDecoded extends Error {
  constructor(readonly why: string, readonly node: Node | null | undefined) {
    super(why);
  }
}

/** A value as a report names its kind. */
function described(n: Node | null | undefined): string {
  if (isMap(n)) return 'a mapping';
  if (isSeq(n)) return 'a list';
  if (!isScalar(n)) return 'no value';
  return typeof n.value === 'string' ? 'a string' : `${typeof n.value === 'boolean' ? 'the boolean' : 'the number'} ${String(n.value)}`;
}

/** Whether `n` is null (a field Argo CD's merge patch removes, and decodes as nothing). */
function isNull(n: Node | null | undefined): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

/** A field that takes a mapping: it, or undefined for null; anything else is a value Argo CD cannot decode. */
function mappingAt(n: Node | null | undefined, field: string): YAMLMap | undefined {
  if (isMap(n)) return n;
  if (isNull(n)) return undefined;
  throw new NotDecoded(`${field} is ${described(n)}, where Argo CD takes a mapping`, n);
}

/** A field that takes a list: it, or undefined for null; anything else is a value Argo CD cannot decode. */
function listAt(n: Node | null | undefined, field: string): YAMLSeq | undefined {
  if (isSeq(n)) return n;
  if (isNull(n)) return undefined;
  throw new NotDecoded(`${field} is ${described(n)}, where Argo CD takes a list`, n);
}

/** A field that takes a string: it, or undefined for null (Argo CD reads an empty string); anything else is a value Argo CD cannot decode. */
function stringAt(n: Node | null | undefined, field: string): string | undefined {
  if (isScalar(n) && typeof n.value === 'string') return n.value;
  if (isNull(n)) return undefined;
  throw new NotDecoded(`${field} is ${described(n)}, where Argo CD takes a string`, n);
}

/**
 * The fields of an Application's source that Ferry does not read, and that can change the image
 * it deploys: reported as an override Ferry cannot check (fail closed), as how each does it says.
 * The other fields (kustomize: namePrefix, nameSuffix, namespace, commonLabels, commonAnnotations,
 * commonAnnotationsEnvsubst, forceCommonLabels, forceCommonAnnotations, labelWithoutSelector,
 * replicas, version, kubeVersion, apiVersions, ignoreMissingComponents; helm: releaseName,
 * namespace, version, passCredentials, ignoreMissingValueFiles, skipCrds, skipTests,
 * skipSchemaValidation, kubeVersion, apiVersions; directory, chart, path, repoURL, targetRevision,
 * ref, name) set no image: a warning.
 */
const UNCHECKED_FIELDS: Readonly<Record<string, string>> = {
  'kustomize.patches': "a patch can replace a container's image",
  'kustomize.components': 'a component can set images: or patch a container',
  'helm.valuefiles': "another values file can set the pinned values, and the list replaces the Application's own, the file Ferry pins among them where it is listed there",
  helm: "null removes the Application's own Helm settings, its valueFiles among them",
  plugin: 'a config management plugin renders the manifests itself',
};

/** What one override file `file` (its text, or why it is none, or it as read) overrides of `pins`, the manifests Ferry pins in its directory. */
export function overrideFindings(file: string, text: string | ConfigurationError | OverrideReading, pins: readonly PinnedManifest[]): FileOverrides {
  const reading = typeof text === 'string' || text instanceof ConfigurationError ? readOverrideFile(text) : text;
  const who = applications(file);
  const onTop = `${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(', ')}, which Ferry pins`;
  /** A file Argo CD cannot read (`why`): a warning, where it says so (`where`). */
  const unread = (why: string, where: { line?: number; column?: number } = {}): FileOverrides => ({
    problems: [], overrides: [], unchecked: { reason: why, unreadable: true },
    warnings: [{ file, ...where, message: `Argo CD cannot read this file of parameter overrides (${why}): manifest generation fails for ${who}` }],
  });
  /** A file Ferry does not read (`what` it is): a problem. */
  const unreadByFerry = (what: string, fix: string, where: { line?: number; column?: number } = {}): FileOverrides => ({
    problems: [{ file, ...where, message: `${what}: ${onTop}, and Ferry does not check what it overrides; ${fix}, and ${STOP}` }],
    warnings: [], overrides: [], unchecked: { reason: `it ${what}`, unreadable: false },
  });
  if (reading.kind === 'unreadable') return unread(reading.why, reading.at);
  if (reading.kind === 'unchecked') return unreadByFerry(reading.what, reading.fix, reading.at);
  const { doc, lines, aliases, text: source } = reading;
  const at = (node: Node | null | undefined): Place => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const { dangling, past } = aliases;
  if (dangling) return unread(`the alias *${dangling.source} names no anchor before it`, at(dangling));
  const manyAliases = (count: number, where: string) => `has ${count} aliases (*name)${where ? ` in the values text of ${where}` : ''}, more than the ${MAX_ALIASES} Ferry reads in a file of parameter overrides`;
  const ALIAS_FIX = 'write the values out instead of aliasing them (or remove the file)';
  if (past) return unreadByFerry(manyAliases(aliases.count, ''), ALIAS_FIX, at(past));
  try {
    return judge();
  } catch (error) {
    if (error instanceof NotDecoded) return unread(error.why, at(error.node));
    if (error instanceof ReadLimit) return unreadByFerry(`has aliases and merge keys (<<) that expand to more mapping entries, more than the ${MAX_ENTRIES} Ferry reads in a file of parameter overrides`, ALIAS_FIX);
    if (error instanceof RangeError) return unreadByFerry("nests collections deeper than Ferry's YAML reader goes", 'write it with less nesting (or remove the file)');
    throw error;
  }

  function judge(): FileOverrides {
    const problems: Problem[] = [];
    const overridden: FileOverrides['overrides'] = [];
    let unchecked: FileOverrides['unchecked'];
    const budget = { entries: 0 };
    const { node, entries } = reader(aliases, budget);
    /** Whether `n` is read here for the first time (a node aliased in several places is read once). */
    const once = new Set<Node>();
    const first = (n: Node) => once.size !== once.add(n).size;
    const root = node(doc.contents);
    if (isNull(root)) return { problems, warnings: [], overrides: overridden };
    if (!isMap(root)) throw new NotDecoded('expected a mapping of Application source fields, such as kustomize: or helm:', root);
    const helmPinned = pins.some((p) => p.app.pin.kind === 'helm');

    /** The other things the file overrides: where, and how they are named. */
    const others: { node: Node | null | undefined; field: string; shown: string }[] = [];
    const other = (n: Node | null | undefined, field: string, value?: string) => others.push({ node: n, field, shown: value === undefined ? field : `${field} (${quote(value)})` });
    /** A field that can change the image, which Ferry does not read (how it can: `how`): a problem, once per field. */
    const uncheckedFields = new Set<string>();
    const cannotCheck = (n: Node | null | undefined, field: string, how: string) => {
      if (uncheckedFields.size === uncheckedFields.add(field).size) return;
      const what = `can change the image Argo CD deploys (${how})`;
      unchecked ??= { reason: `its ${field} ${what}, which Ferry does not check`, unreadable: false };
      problems.push({ file, ...at(n), field, message: `${what}: ${onTop}, and Ferry does not check what it does; remove it (or the file)` });
    };
    /** Each field (of each manifest) is reported once, the first place that sets it, with how many more do. */
    const reported = new Map<string, { problem: Problem; kind: string; more: number; override: FileOverrides['overrides'][number] }>();
    const overrides = (where: Place, field: string, what: string, manifest: PinnedManifest, kind: 'entry' | 'parameter' | 'file parameter' | 'value') => {
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
    /** The Helm values at each path ferry.yaml pins (or a mapping above it), in `values` (a mapping, read by `read`); whether any is there. */
    const pinnedValues = (values: YAMLMap, read: Reader, field: string, where: (n: Node) => Place, how: string): boolean => {
      let any = false;
      for (const manifest of pins) {
        // (A mapping above several pinned paths, `image: null` above image.tag and image.digest: once.)
        const seen = new Set<Node>();
        for (const [part, path] of helmPaths(manifest.app)) {
          const pinned = path.split('.');
          for (const found of valuesOver(values, pinned, read)) {
            any = true;
            if (seen.size === seen.add(found.place).size) continue;
            const set = found.at.join('.');
            const shown = isNull(found.value) ? 'null' : isScalar(found.value) ? quote(String(found.value.value)) : isSeq(found.value) ? 'a list' : 'a mapping';
            overrides(where(found.place), `${field}.${set}`, `${helmPlace(set, path, manifest.app.name, part, found.at.length === pinned.length ? 'same' : 'above')}${how} to ${shown}`, manifest, 'value');
          }
        }
      }
      return any;
    };
    /** A Helm parameter (`name`, at `item`, field `field`): an override where it sets a pinned path (or a mapping above or inside one); `sets` says with what. */
    const helmParameter = (item: Node, field: string, name: string, sets: string, kind: 'parameter' | 'file parameter'): boolean => {
      if (!helmPinned) return false;
      const key = helmKey(name);
      if (!key) {
        cannotCheck(item, field, `Helm reads its name, ${quote(name)}, as more than one value to set`);
        return true;
      }
      let any = false;
      for (const manifest of pins) {
        for (const [part, path] of helmPaths(manifest.app)) {
          const how = helmOverlap(key, path.split('.'));
          if (!how) continue;
          overrides(at(item), field, `${helmPlace(name, path, manifest.app.name, part, how)} ${sets}`, manifest, kind);
          any = true;
          break;
        }
      }
      return any;
    };

    for (const { key, keyNode, value } of entries(root)) {
      const name = fieldName(key);
      if (name === 'kustomize') {
        const kustomize = mappingAt(value, key);
        if (!kustomize) {
          other(keyNode, key);
          continue;
        }
        for (const k of entries(kustomize)) {
          const field = `${key}.${k.key}`;
          const sub = fieldName(k.key);
          if (sub === 'images') {
            const images = listAt(k.value, field);
            if (!images) other(k.keyNode, field);
            if (!images || !first(images)) continue;
            images.items.forEach((entry, i) => {
              const f = `${field}[${i}]`;
              const item = node(entry);
              const image = stringAt(item, f);
              if (image === undefined) return other(item, f);
              const { name: named, to } = kustomizeImage(image);
              const hit = pins.find((p) => imageNames(p.app).includes(named));
              if (hit) overrides(at(item), f, `the image ${quote(named)} to ${quote(to)}`, hit, 'entry');
              else other(item, f, image);
            });
          } else if ((sub === 'patches' || sub === 'components') && !isNull(k.value) && !(isSeq(k.value) && k.value.items.length === 0)) {
            cannotCheck(k.keyNode, field, UNCHECKED_FIELDS[`kustomize.${sub}`]!);
          } else {
            other(k.keyNode, field);
          }
        }
      } else if (name === 'helm') {
        const helm = mappingAt(value, key);
        if (!helm) {
          if (helmPinned) cannotCheck(keyNode, key, UNCHECKED_FIELDS.helm!);
          else other(keyNode, key);
          continue;
        }
        for (const k of entries(helm)) {
          const v = k.value;
          const field = `${key}.${k.key}`;
          const sub = fieldName(k.key);
          if (sub === 'parameters' || sub === 'fileparameters') {
            const list = listAt(v, field);
            if (!list) other(k.keyNode, field);
            if (!list || !first(list)) continue;
            const files = sub === 'fileparameters';
            list.items.forEach((entry, i) => {
              const f = `${field}[${i}]`;
              const item = node(entry);
              const param = mappingAt(item, f);
              if (!param) return other(item, f);
              const fields = entries(param);
              // Every key that names the same field is decoded, the last over the others (its order
              // is not the file's: YAMLToJSON sorts the keys), so each name is looked at.
              const names = fields.filter((e) => fieldName(e.key) === 'name').map((e) => stringAt(e.value, `${f}.${e.key}`)).filter((n): n is string => n !== undefined);
              const values = fields.filter((e) => fieldName(e.key) === (files ? 'path' : 'value')).map((e) => stringAt(e.value, `${f}.${e.key}`) ?? '');
              const set = values.at(-1) ?? '';
              // (Argo CD escapes the commas of a value, except in one Helm reads as a list: `{a,b}`.)
              if (helmPinned && /^\{.*\}$/s.test(set) && set.includes('=')) {
                cannotCheck(item, f, `Helm reads its ${files ? 'path' : 'value'}, ${quote(set)}, as a list through which it can set other values`);
                return;
              }
              const sets = files ? `from the file ${quote(set)} (what it holds)` : `to ${quote(set)}`;
              let hit = false;
              for (const n of names) hit = helmParameter(item!, f, n, sets, files ? 'file parameter' : 'parameter') || hit;
              if (!hit) other(item, f, names.at(-1));
            });
          } else if (sub === 'valuesobject') {
            if (isMap(v)) {
              if (first(v) && !pinnedValues(v, { node, entries }, field, at, '')) other(k.keyNode, field);
            } else {
              other(k.keyNode, field);
            }
          } else if (sub === 'values') {
            // Helm values as YAML text: Argo CD gives them to helm as a values file (valuesObject
            // over them), so a pinned path set there deploys as one in valuesObject does.
            if (stringAt(v, field) === undefined) {
              other(k.keyNode, field);
              continue;
            }
            if (!first(v!)) continue;
            const values = innerValues(v as Scalar, at(v), source, budget);
            if (values && 'aliases' in values) {
              unchecked ??= { reason: `it ${manyAliases(values.aliases, field)}`, unreadable: false };
              problems.push({ file, field, ...at(v), message: `${manyAliases(values.aliases, field)}: ${onTop}, and Ferry does not check what it overrides; ${ALIAS_FIX}, and ${STOP}` });
            } else if (!values || !pinnedValues(values.map, values.read, field, values.where, ` in the values text of ${field}`)) {
              other(k.keyNode, field);
            }
          } else if (sub === 'valuefiles' && helmPinned) {
            cannotCheck(k.keyNode, field, UNCHECKED_FIELDS['helm.valuefiles']!);
          } else {
            other(k.keyNode, field);
          }
        }
      } else if (name === 'plugin' && !isNull(value)) {
        cannotCheck(keyNode, key, UNCHECKED_FIELDS.plugin!);
      } else {
        other(keyNode, key);
      }
    }
    for (const { problem, kind, more, override } of reported.values()) {
      if (more) problem.message += ` (${more} more ${kind}${more === 1 ? '' : 's'} in this file set${more === 1 ? 's' : ''} it too)`;
      override.more = more;
    }
    const warnings: Problem[] = [];
    const [one] = others;
    if (one) {
      warnings.push({
        file, ...at(one.node), field: one.field,
        message: `${onTop}: it ${problems.length ? 'also ' : ''}overrides ${others.slice(0, SHOWN).map((o) => o.shown).join(', ')}${others.length > SHOWN ? `, and ${others.length - SHOWN} more` : ''}, which Ferry does not check; remove what is not meant to stay`,
      });
    }
    return { problems, warnings, overrides: overridden, ...(unchecked ? { unchecked } : {}) };
  }
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

/**
 * A `--set` name as Helm reads it (its strvals parser): its path, `\` escaping the character after
 * it, `.` between keys, `[n]` a list index; undefined where Helm reads more than one name to set
 * from it (an unescaped `,` or `=`: Argo CD passes `name=value` to helm as it is), or none.
 */
export function helmKey(name: string): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  let key = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '\\') {
      key += name[++i] ?? '';
    } else if (c === ',' || c === '=') {
      return undefined;
    } else if (c === '.') {
      path.push(key);
      key = '';
    } else if (c === '[') {
      const end = name.indexOf(']', i);
      if (end < 0 || !/^\d+$/.test(name.slice(i + 1, end))) return undefined;
      if (key !== '') path.push(key);
      path.push(Number(name.slice(i + 1, end)));
      key = '';
      i = name[end + 1] === '.' ? end + 1 : end;
    } else {
      key += c;
    }
  }
  if (key !== '' || typeof path.at(-1) !== 'number') path.push(key);
  return path;
}

/**
 * How a Helm value set at `set` (helmKey()) meets the pinned path `pinned`: it is the pinned path,
 * a mapping above it (set to anything but a mapping, or a list, it replaces the pinned value), or
 * a value inside it (which makes the pinned value a mapping); undefined where they part.
 */
function helmOverlap(set: readonly (string | number)[], pinned: readonly string[]): 'same' | 'above' | 'below' | undefined {
  for (let i = 0; i < set.length && i < pinned.length; i++) {
    if (typeof set[i] === 'number') return 'above';
    if (set[i] !== pinned[i]) return undefined;
  }
  return set.length === pinned.length ? 'same' : set.length < pinned.length ? 'above' : 'below';
}

/** A Helm value set at `set` (named as written), as it meets app `app`'s pinned `part` at `path`. */
function helmPlace(set: string, path: string, app: string, part: string, how: 'same' | 'above' | 'below'): string {
  const pinned = `${quote(path)} (app ${quote(app)}'s helm.${part} in ferry.yaml)`;
  return how === 'same' ? pinned : how === 'above' ? `${quote(set)}, which holds ${pinned},` : `${quote(set)}, inside ${pinned},`;
}

/**
 * What in the Helm values `values` sets `path` or a mapping above it (each mapping's entries,
 * merges and keys given twice included): the value at `path`, whatever it is (a mapping there
 * replaces the pinned value), and a value above it that is no mapping (null removes the pinned
 * value, and anything else replaces it: Helm merges mappings alone). Each with the path it sets.
 */
function valuesOver(values: YAMLMap, path: readonly string[], read: Reader): { place: Node; value: Node | null | undefined; at: readonly string[] }[] {
  const found = new Map<Node, { place: Node; value: Node | null | undefined; at: readonly string[] }>();
  let level: YAMLMap[] = [values];
  path.forEach((segment, i) => {
    // (Each node once: by aliases, several mappings can hold the same one.)
    const next = new Set<YAMLMap>();
    for (const map of level) {
      for (const { key, keyNode, value } of read.entries(map)) {
        if (key !== segment) continue;
        if (i < path.length - 1 && isMap(value)) next.add(value);
        else found.set(value ?? keyNode, { place: value ?? keyNode, value, at: path.slice(0, i + 1) });
      }
    }
    level = [...next];
  });
  return [...found.values()];
}

/**
 * The Helm values a `helm.values` string holds (`value`, written at `place` in `text`), read as
 * Helm reads a values file, with where each of its nodes is in the override file: on its own line
 * for a literal block (`values: |`), else at the string. None when they are no mapping (or no YAML).
 */
function innerValues(value: Scalar, place: { line: number; column: number }, text: string, budget: { entries: number }): { map: YAMLMap; read: Reader; where: (node: Node) => { line: number; column: number } } | { aliases: number } | undefined {
  const inner = String(value.value);
  const lines = new LineCounter();
  const doc = firstDocument(inner, lines);
  if (!doc) return undefined;
  // (A stack overflow in yaml's reader: the file is not checked, as overrideFindings() says.)
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) throw new RangeError('nested too deep');
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
