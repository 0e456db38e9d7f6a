// An app's image in a Helm values file, at the dotted paths its pin names (`image.digest`,
// `image.tag`, `image.repository`; a numeric segment indexes a sequence: `sidecars.0.image.digest`).
import type { Document, ParsedNode } from 'yaml';
import type { PinConfig } from './config.js';
import { ConfigurationError, quote } from './errors.js';
import type { PinParts, PinSlot } from './image-pin.js';
import type { ImageRef } from './image-ref.js';
import { asMap, asSeq, assertGoYamlLineBreaks, assertNoMergeKey, assertTextKeys, deref, fail, findPair, pinText, replaceScalar, scalarText, setMapValue, type Splice, type YamlFile, type YamlMap, type YamlSeq } from './yaml-splice.js';

export type HelmPin = Extract<PinConfig, { kind: 'helm' }>;

/** The values at the pin's paths; a missing last key reads as absent. */
export function readHelmValues(y: YamlFile, pin: HelmPin): PinParts {
  const read = (path: string): { value: string | undefined; slot: PinSlot } => {
    const { doc, node, parent, key } = locate(y, path);
    return { value: pinText(y, deref(doc, node), path), slot: { field: path, parent, key } };
  };
  const digest = read(pin.digest);
  const parts: PinParts = { slots: { digest: digest.slot } };
  if (pin.repository !== undefined) {
    const name = read(pin.repository);
    parts.slots.name = name.slot;
    if (name.value !== undefined) parts.name = name.value;
  }
  if (pin.tag !== undefined) {
    const tag = read(pin.tag);
    parts.slots.tag = tag.slot;
    if (tag.value !== undefined) parts.tag = tag.value;
  }
  if (digest.value !== undefined) parts.digest = digest.value;
  return parts;
}

/**
 * Sets the digest path, and the tag and repository paths when configured (repository value:
 * `registry/repository`). A missing mapping on the way is an error, as is a configured tag path
 * when `ref` has no tag. A missing last key is inserted into its mapping while the file is not
 * pinned yet: the first pin of a values file that overrides a chart's defaults (`image: {}`, or
 * a repository and tag without a digest) adds the keys it lacks. Once it is pinned (the digest
 * path is there, or its mapping holds a digest under another key), a missing key is refused: the
 * path in ferry.yaml is mistyped (`image.tga`), and the value would go where the chart never
 * reads it, beside the one it reads.
 */
export function pinHelmValues(y: YamlFile, pin: HelmPin, ref: ImageRef): Splice[] {
  if (pin.tag !== undefined && ref.tag === undefined) {
    throw new ConfigurationError({ file: y.file, field: pin.tag, message: `the chart's tag value is configured but the image has no tag (image ${quote(`${ref.registry}/${ref.repository}@${ref.digest}`, 300)})` });
  }
  const parts = [
    pin.repository === undefined ? undefined : { role: 'repository', path: pin.repository, value: `${ref.registry}/${ref.repository}` },
    pin.tag === undefined || ref.tag === undefined ? undefined : { role: 'tag', path: pin.tag, value: ref.tag },
    { role: 'digest', path: pin.digest, value: ref.digest },
  ].filter((p): p is { role: string; path: string; value: string } => p !== undefined);
  const slots = parts.map((part) => ({ ...part, slot: locate(y, part.path) }));
  // The values that are there are checked first (an alias, an explicit tag): what is wrong in the file before what is missing.
  const edits = slots.map(({ path, value }) => setValue(y, path, value));
  const pinned = pinnedBy(pin.digest, slots.at(-1)!.slot);
  for (const { role, path, slot } of slots) {
    const map = asMap(slot.parent);
    if (pinned === undefined || !map || findPair(map, slot.key)) continue;
    fail(y, map, path, `${missingKey(path, map.items.map((p) => scalarText(p.key as ParsedNode) ?? '?'))}; the file is pinned already (${pinned}), so Ferry adds no key to it: a path it lacks is a mistake in ferry.yaml rather than a value the chart reads. Fix helm.${role} (${quote(path)}) in ferry.yaml, or add the key to the file by hand; nothing was changed`);
  }
  return edits.filter((s): s is Splice => s !== undefined);
}

/** `no key "tga" in "image" (it has repository, tag)`: the last key of `path` is missing from a mapping with `keys`. */
export function missingKey(path: string, keys: readonly string[]): string {
  const segments = path.split('.');
  const where = segments.length > 1 ? `in ${quote(segments.slice(0, -1).join('.'))}` : 'at the top level';
  return `no key ${quote(segments.at(-1))} ${where} (it has ${keys.length ? keys.map((k) => quote(k)).join(', ') : 'none'})`;
}

/** Why the file counts as pinned already: the digest path is there, or its mapping holds a digest under another key; undefined when not. */
function pinnedBy(digestPath: string, slot: Slot): string | undefined {
  const map = asMap(slot.parent);
  if (!map) return slot.node ? `${quote(digestPath)} holds its digest` : undefined;
  if (findPair(map, slot.key)) return `${quote(digestPath)} holds its digest`;
  const other = map.items.find((p) => /^sha256:[0-9a-f]{64}$/.test(scalarText(deref(slot.doc, p.value as ParsedNode)) ?? ''));
  if (!other) return undefined;
  const prefix = digestPath.split('.').slice(0, -1);
  return `${quote([...prefix, scalarText(other.key as ParsedNode) ?? '?'].join('.'))} holds a digest`;
}

interface Slot {
  doc: Document.Parsed;
  /** The mapping or sequence that holds (or would hold) the value. */
  parent: YamlMap | YamlSeq;
  key: string;
  /** The value as written (an alias stays an alias); undefined when the key is missing. */
  node: ParsedNode | undefined;
}

function setValue(y: YamlFile, path: string, value: string): Splice | undefined {
  const { parent, key, node } = locate(y, path);
  const map = asMap(parent);
  if (map) return setMapValue(y, map, key, value, path);
  if (!node) fail(y, parent, path, `the sequence has no item ${key} (it has ${parent.items.length}); Ferry does not add items to a sequence`);
  return replaceScalar(y, node, value, path);
}

/** Walks `path` from the document's root: every segment but the last must exist. */
function locate(y: YamlFile, path: string): Slot {
  assertGoYamlLineBreaks(y);
  const docs = y.docs.filter((d) => d.contents !== null);
  const [doc, other] = docs;
  if (!doc) fail(y, undefined, path, `the values file is empty; expected a mapping with ${quote(path)}`);
  if (other) fail(y, other.contents, path, `a values file has one YAML document, found ${docs.length}`);
  const segments = path.split('.');
  if (segments.some((s) => s === '')) fail(y, undefined, path, `expected a dotted path like "image.digest", found ${quote(path)}`);
  let node = deref(doc, doc.contents);
  let slot: Slot | undefined;
  for (const [i, key] of segments.entries()) {
    const at = i === 0 ? 'the top level' : quote(segments.slice(0, i).join('.'));
    if (slot && !node) fail(y, slot.parent, path, `no ${at} to hold ${quote(path)}; Ferry inserts only the last key of a path: add the mapping ${at} first`);
    const map = asMap(node);
    const seq = asSeq(node);
    // Helm merges the keys a `<<` brings in (go-yaml); Ferry would not see them on the path. Nor
    // would it see a key go-yaml reads as another (`!!binary ZGlnZXN0`, an alias). Unlike a
    // kustomization, values are read into a map, keys as written: `Digest` is no `digest` to Helm.
    if (map) assertNoMergeKey(y, map, segments.slice(0, i).join('.') || undefined);
    if (map) assertTextKeys(y, doc, map, segments.slice(0, i).join('.') || undefined);
    if (map) slot = { doc, parent: map, key, node: findPair(map, key)?.value ?? undefined };
    else if (seq && /^\d+$/.test(key)) slot = { doc, parent: seq, key, node: seq.items[Number(key)] };
    else fail(y, node, path, `expected ${at} to be a mapping${seq ? ` (or a sequence, with a number as the next segment: found ${quote(key)})` : ''}, found ${describe(node)}`);
    node = deref(doc, slot.node);
  }
  if (!slot) fail(y, undefined, path, `expected a dotted path, found ${quote(path)}`);
  return slot;
}

function describe(node: ParsedNode | undefined): string {
  if (!node) return 'nothing';
  if (asSeq(node)) return 'a sequence';
  const text = scalarText(node);
  return text === undefined ? 'an empty value' : `the value ${quote(text)}`;
}
