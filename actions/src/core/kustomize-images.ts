// The kustomize `images:` entry of an app: `{name, newName, newTag, digest}`. Kustomize renders
// an entry with newTag and digest as `newName:newTag@digest` (checked with kustomize v5.5).
import type { Document, ParsedNode } from 'yaml';
import { quote } from './errors.js';
import type { PinParts } from './image-pin.js';
import type { ImageRef } from './image-ref.js';
import { asMap, asSeq, deref, fail, findPair, lineOf, mapValue, removePair, scalarText, setMapValue, type Splice, type YamlFile, type YamlMap } from './yaml-splice.js';

const FIELD = 'images';

/** What the entry named `name` pins: `newName` (else `name`), `newTag`, `digest`. */
export function readKustomizeImage(y: YamlFile, name: string): PinParts {
  const { doc, entry, field } = findEntry(y, name);
  const slot = (key: string) => ({ field: `${field}.${key}`, parent: entry, key });
  const parts: PinParts = { name: scalarText(mapValue(doc, entry, 'newName')) ?? name, slots: { name: slot('newName'), tag: slot('newTag'), digest: slot('digest') } };
  const tag = scalarText(mapValue(doc, entry, 'newTag'));
  const digest = scalarText(mapValue(doc, entry, 'digest'));
  if (tag !== undefined) parts.tag = tag;
  if (digest !== undefined) parts.digest = digest;
  return parts;
}

/**
 * Sets `newName`, `newTag` and `digest` of the entry named `name` to `ref`, inserting missing
 * keys (in that order, after the entry's last key) and removing `newTag` when `ref` has no tag.
 */
export function pinKustomizeImage(y: YamlFile, name: string, ref: ImageRef): Splice[] {
  const { entry, field } = findEntry(y, name);
  const edits = [
    setMapValue(y, entry, 'newName', `${ref.registry}/${ref.repository}`, `${field}.newName`),
    ref.tag !== undefined ? setMapValue(y, entry, 'newTag', ref.tag, `${field}.newTag`) : removePair(y, entry, 'newTag', `${field}.newTag`),
    setMapValue(y, entry, 'digest', ref.digest, `${field}.digest`),
  ];
  return edits.filter((s): s is Splice => s !== undefined);
}

interface Entry {
  doc: Document.Parsed;
  entry: YamlMap;
  /** `images[2]`, for errors. */
  field: string;
}

/** The one `images:` entry named `name`, in whichever document has it. */
function findEntry(y: YamlFile, name: string): Entry {
  const found: Entry[] = [];
  const names: string[] = [];
  let imagesKey: ParsedNode | undefined;
  for (const doc of y.docs) {
    const root = asMap(deref(doc, doc.contents));
    const pair = root && findPair(root, FIELD);
    if (!pair) continue;
    imagesKey = pair.key as ParsedNode;
    const list = asSeq(deref(doc, pair.value));
    if (!list) fail(y, imagesKey, FIELD, 'expected a list of entries (`- name: …`), found something else');
    list.items.forEach((item, i) => {
      const entry = asMap(deref(doc, item));
      const entryName = entry && scalarText(mapValue(doc, entry, 'name'));
      if (!entry || entryName === undefined) return;
      names.push(entryName);
      if (entryName === name && !found.some((f) => f.entry === entry)) found.push({ doc, entry, field: `${FIELD}[${i}]` });
    });
  }
  const [first, second] = found;
  if (first && !second) return first;
  if (second) {
    const lines = found.map((f) => lineOf(y, f.entry)).join(' and ');
    fail(y, second.entry, FIELD, `more than one entry with name ${quote(name)} (lines ${lines}); Ferry pins exactly one: remove the others`);
  }
  if (!imagesKey) fail(y, undefined, FIELD, `no images: list, so no entry with name ${quote(name)}`);
  fail(y, imagesKey, FIELD, `no entry with name ${quote(name)} (found: ${names.length ? names.map((n) => quote(n)).join(', ') : 'none'})`);
}

/** Where the entry named `name` is: its index in `images:`, and its `name:` value (field, 1-based line and column). */
export interface KustomizeEntryAt {
  index: number;
  field: string;
  line: number;
  column: number;
}

/** The place of the entry named `name` (validate reports there an entry that matches no image). Throws as readKustomizeImage does. */
export function locateKustomizeEntry(y: YamlFile, name: string): KustomizeEntryAt {
  const { entry, field } = findEntry(y, name);
  const value = findPair(entry, 'name')?.value as { range?: readonly number[] | null } | null | undefined;
  const { line, col } = y.lines.linePos(value?.range?.[0] ?? entry.range[0]);
  return { index: Number(/\[(\d+)\]$/.exec(field)![1]), field: `${field}.name`, line, column: col };
}
