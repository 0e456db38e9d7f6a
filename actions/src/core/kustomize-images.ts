// The kustomize `images:` entry of an app: `{name, newName, newTag, digest}`. Kustomize renders
// an entry with newTag and digest as `newName:newTag@digest` (checked with kustomize v5.5).
import { Scalar, type Document, type ParsedNode } from 'yaml';
import { quote } from './errors.js';
import type { PinParts } from './image-pin.js';
import type { ImageRef } from './image-ref.js';
import { asMap, asSeq, assertGoYamlLineBreaks, assertNoMergeKey, assertTextKeys, deref, fail, findPair, isEmptyDocument, isMergeKey, lineOf, mapValue, pinText, removePair, setMapValue, textValue, type Splice, type YamlFile, type YamlMap, type YamlPair, type YamlSeq } from './yaml-splice.js';

const FIELD = 'images';

/** What the entry named `name` pins: `newName` (else `name`), `newTag`, `digest`. */
export function readKustomizeImage(y: YamlFile, name: string): PinParts {
  const { doc, entry, field } = findEntry(y, name);
  const slot = (key: string) => ({ field: `${field}.${key}`, parent: entry, key });
  const value = (key: string) => pinText(y, mapValue(doc, entry, key), `${field}.${key}`);
  const parts: PinParts = { name: value('newName') ?? name, slots: { name: slot('newName'), tag: slot('newTag'), digest: slot('digest') } };
  const tag = value('newTag');
  const digest = value('digest');
  if (tag !== undefined) parts.tag = tag;
  if (digest !== undefined) parts.digest = digest;
  return parts;
}

/**
 * Sets `newName`, `newTag` and `digest` of the entry named `name` to `ref`, inserting missing
 * keys (in that order, after the entry's last key) and removing `newTag` when `ref` has no tag.
 */
export function pinKustomizeImage(y: YamlFile, name: string, ref: ImageRef): Splice[] {
  const written = `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}@${ref.digest}`;
  const { entry, field } = findEntry(y, name, written);
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

/** The keys of an entry that kustomize decodes into its fields. */
const FIELDS = ['name', 'newName', 'newTag', 'digest'];

/**
 * The field of `fields` a key is to kustomize when it is not written as one: kustomize decodes a
 * kustomization (YAML turned into JSON, keys sorted) with Go's encoding/json, which matches field
 * names whatever their case: ASCII case, and the Kelvin sign folds to k, the long s to s (Go's
 * simple folding; `İ` and `ı` are no `i` to it, checked with kustomize v5.5). Undefined for the
 * fields as written and for every other key. Only a kustomization is read so: Helm reads values
 * into a map (keys as written), kubectl and Argo CD read Kubernetes objects with sigs.k8s.io/json,
 * which matches case-sensitively.
 */
function caselessField(pair: YamlPair, fields: readonly string[] = FIELDS): string | undefined {
  const key = pair.key instanceof Scalar && typeof pair.key.value === 'string' ? pair.key.value : undefined;
  if (key === undefined || fields.includes(key)) return undefined;
  const folded = key.replace(/\u212a/g, 'k').replace(/\u017f/g, 's').replace(/[A-Z]/g, (c) => c.toLowerCase());
  return fields.find((f) => f.toLowerCase() === folded);
}

/** `at`: the field's path (`images[0].digest`, `images`). */
function caselessProblem(y: YamlFile, pair: YamlPair, field: string, at: string): never {
  const key = (pair.key as Scalar).value as string;
  fail(y, pair.key as ParsedNode, at, `kustomize reads the key ${quote(key)} as ${field} (Go matches field names whatever their case) but Ferry does not; rename it to ${field}, or remove it`);
}

/**
 * The one `images:` entry named `name`. kustomize reads the first YAML document of the file, and
 * reads it as Go does (merge keys applied, field names in any case, keys by what go-yaml makes of
 * them): where that would be another entry, or other values, than Ferry reads, the file is
 * refused. So is a later entry that applies to the image this one makes (`newName`, else `name`;
 * also `newName`, the name it is about to get): kustomize applies entries in order, and that one's
 * values would be what deploys.
 */
function findEntry(y: YamlFile, name: string, written?: string): Entry {
  assertGoYamlLineBreaks(y);
  const [doc, ...others] = y.docs;
  // kustomize reads the first document, even an empty one (a `---` with a comment); documents
  // after it that are empty are nothing to it either.
  const other = others.find((d) => !isEmptyDocument(d));
  if (doc && other) {
    const count = 1 + others.filter((d) => !isEmptyDocument(d)).length;
    const first = isEmptyDocument(doc) ? ', which is empty' : '';
    fail(y, other.contents, FIELD, `a kustomization file has one YAML document, found ${count}; kustomize reads only the first${first}, so it would never see what Ferry pins here: make the file one document (remove the "---" or "..." line before this one)`);
  }
  const found: Entry[] = [];
  const names: string[] = [];
  const root = doc && asMap(deref(doc, doc.contents));
  if (root) {
    assertTextKeys(y, doc, root, undefined);
    // encoding/json takes `Images:` (or `imageſ:`) for images; sorted after `images`, it wins.
    const caseless = root.items.find((p) => caselessField(p, [FIELD]) !== undefined);
    if (caseless) caselessProblem(y, caseless, FIELD, FIELD);
  }
  const pair = root && findPair(root, FIELD);
  if (!doc || !pair) fail(y, undefined, FIELD, `no images: list, so no entry with name ${quote(name)}`);
  const imagesKey = pair.key as ParsedNode;
  const list = asSeq(deref(doc, pair.value));
  if (!list) fail(y, imagesKey, FIELD, 'expected a list of entries (`- name: …`), found something else');
  list.items.forEach((item, i) => {
    const entry = asMap(deref(doc, item));
    if (!entry) return;
    const field = `${FIELD}[${i}]`;
    assertTextKeys(y, doc, entry, field);
    // An entry whose name to kustomize could be `name` where Ferry reads another, or none.
    // (Names are read as text: one go-yaml reads otherwise, `!!binary dXNlci1zZXJ2aWNl`, is refused.)
    const caseless = entry.items.find((p) => caselessField(p) === 'name' && textValue(y, deref(doc, p.value as ParsedNode), `${field}.name`) === name);
    if (caseless) caselessProblem(y, caseless, 'name', `${field}.name`);
    const entryName = textValue(y, mapValue(doc, entry, 'name'), `${field}.name`);
    const special = entryName === undefined ? null : REGEX_SPECIAL.exec(entryName);
    if (special) {
      fail(y, findPair(entry, 'name')!.value as ParsedNode, `${field}.name`, `the name ${quote(entryName!)} has ${quote(special[0])}, which no image name has: kustomize puts an entry's name unescaped into a regular expression (^<name>(:tag)?(@digest)?$), so this entry may apply to images of other names than Ferry compares it with (the pin Ferry writes or reads would not be what deploys); write the image's name as it is (a "." in it matches any character)`);
    }
    const merge = entry.items.find(isMergeKey);
    if (merge && !findPair(entry, 'name')) {
      fail(y, merge.key as ParsedNode, field, `the entry has no name: of its own but a merge key (<<): kustomize takes its name from the mapping merged in, which Ferry does not read, so it may be the entry of ${quote(name)}; write its name: out in the entry`);
    }
    if (entryName === undefined) return;
    names.push(entryName);
    if (entryName === name && !found.some((f) => f.entry === entry)) found.push({ doc, entry, field });
  });
  const [first, second] = found;
  if (first && !second) {
    // Its values as kustomize reads them: no merge, no field name in another case.
    assertNoMergeKey(y, first.entry, first.field);
    const caseless = first.entry.items.find((p) => caselessField(p) !== undefined);
    const field = caseless && caselessField(caseless);
    if (caseless && field) caselessProblem(y, caseless, field, `${first.field}.${field}`);
    assertNoEarlierEntry(y, first, list, name);
    assertNoLaterEntry(y, first, list, name, written);
    return first;
  }
  if (second) {
    const lines = found.map((f) => lineOf(y, f.entry)).join(' and ');
    fail(y, second.entry, FIELD, `more than one entry with name ${quote(name)} (lines ${lines}); Ferry pins exactly one: remove the others`);
  }
  fail(y, imagesKey, FIELD, `no entry with name ${quote(name)} (found: ${names.length ? names.map((n) => quote(n)).join(', ') : 'none'})`);
}

/**
 * Refuses an entry before `entry` that makes of an image `entry` would apply to, or of one it
 * renames to `name`, an image `entry` does not match (imageSurelyMatches): kustomize applies the
 * entries in order, so `entry` would not apply to it and what Ferry pins would not deploy there
 * (`name: user-servic., newName: evil/thing` before `name: user-service` deploys evil/thing). One
 * that keeps the name and sets a tag or a sha256 digest is no matter: `entry` sets every part after it.
 */
function assertNoEarlierEntry(y: YamlFile, { doc, entry, field }: Entry, list: YamlSeq, name: string): void {
  const index = list.items.findIndex((item) => deref(doc, item) === entry);
  list.items.slice(0, index).forEach((item, i) => {
    const earlier = asMap(deref(doc, item));
    if (!earlier || earlier === entry) return;
    const value = (key: string) => textValue(y, mapValue(doc, earlier, key), `${FIELD}[${i}].${key}`) || undefined;
    const [earlierName, newName] = [value('name'), value('newName')];
    if (earlierName === undefined) return;
    // Whether it may apply to the image, or make one named as it: only then do its tag and digest matter (read).
    const mayOwn = imageNameMayMatch(name, earlierName);
    const mayInto = newName !== undefined && imageNameMayMatch(newName, name);
    if (!mayOwn && !mayInto) return;
    const [newTag, digest] = [value('newTag'), value('digest')];
    if (newName === undefined && newTag === undefined && digest === undefined) return;
    // What it makes of an image it applies to: a tag or a digest it sets replaces both (else they stay, and matched before).
    const made = (image: string) => `${newName ?? image}${newTag === undefined ? '' : `:${newTag}`}${digest === undefined ? '' : `@${digest}`}`;
    const own = mayOwn && !imageSurelyMatches(made(name), name);
    const into = !own && mayInto && !imageSurelyMatches(made(newName!), name);
    if (!own && !into) return;
    const what = own ? `applies to the image ${quote(name)} that one applies to and makes it ${quote(made(name))}` : `makes images it applies to ${quote(made(newName!))}, named as the images that one applies to`;
    const key = findPair(earlier, 'name')!.value as ParsedNode;
    fail(y, key, `${FIELD}[${i}].name`, `this entry (line ${lineOf(y, earlier)}) comes before ${field} (line ${lineOf(y, entry)}), the entry of ${quote(name)} that Ferry pins, and ${what}, which that entry does not match (kustomize's pattern ^<name>(:tag)?(@sha256:digest)?$): kustomize applies entries in order, so that entry would not apply to it and what Ferry pins would not deploy there; remove this entry, or give it another name`);
  });
}

/**
 * Refuses an entry after `entry` that kustomize applies to the image `entry` makes: kustomize
 * applies the entries in order, so the later one would set what deploys (`name: app, newName:
 * reg/team/app, digest: B`, then `name: reg/team/app, digest: E`, or `reg/team/ap.`, deploys E).
 * The image made is the one Ferry writes (`written`: `newName[:newTag]@digest`, whatever the
 * base's tag), else the one the entry makes now: where it has a digest, exactly, matched as
 * kustomize matches (imageMatches: `reg/team/app.canary` does not apply to `reg/team/app:1.4.2@…`);
 * without one its tag is the base's, unknown, and the name decides (imageNameMayMatch).
 */
function assertNoLaterEntry(y: YamlFile, { doc, entry, field }: Entry, list: YamlSeq, name: string, written: string | undefined): void {
  const value = (key: string) => pinText(y, mapValue(doc, entry, key), `${field}.${key}`) || undefined;
  const current = value('newName') ?? name;
  const [tag, digest] = [value('newTag'), value('digest')];
  const made = written ?? (digest !== undefined ? `${current}${tag !== undefined ? `:${tag}` : ''}@${digest}` : undefined);
  const applies = (laterName: string) => (made !== undefined ? imageMatches(made, laterName) : imageNameMayMatch(current, laterName));
  const index = list.items.findIndex((item) => deref(doc, item) === entry);
  list.items.slice(index + 1).forEach((item, i) => {
    const later = asMap(deref(doc, item));
    if (!later || later === entry) return; // (an alias of the entry: the same values again)
    const laterName = textValue(y, mapValue(doc, later, 'name'), `${FIELD}[${index + 1 + i}].name`);
    if (laterName === undefined || !applies(laterName)) return;
    const key = findPair(later, 'name')!.value as ParsedNode;
    fail(y, key, `${FIELD}[${index + 1 + i}].name`, `this entry (line ${lineOf(y, later)}) comes after ${field} (line ${lineOf(y, entry)}), the entry of ${quote(name)} that Ferry pins, and applies to the image that one makes (${quote(made ?? current, 200)}): kustomize applies entries in order, so this one's values would deploy instead of what Ferry pins; remove it, or give it another name`);
  });
}

// ---------------------------------------------------------------------------------------------
// kustomize's matching of an entry to an image (api/internal/image/image.go): the entry's name
// goes unescaped into a regular expression, `^<name>(:<tag>)?(@sha256:<tag>)?$` in v5.5 (checked:
// `app:1@sha256:…` matches, `app@sha512:…` and `app@sha256` do not). Ferry refuses a name with any
// other special character than `.` (REGEX_SPECIAL); `.` matches any character.

/** The characters of a regular expression that no image name has, besides `.` (a wildcard to kustomize). */
const REGEX_SPECIAL = /[[\](){}*+?|^$\\]/;

/** A name kustomize's pattern reads with `.` as its only special character. */
export const PLAIN_NAME = /^[A-Za-z0-9._/:@-]+$/;

/** What kustomize's pattern takes for a tag (and a digest's hex). */
const TAG = '[a-zA-Z0-9_.{}-]*';

/**
 * Whether kustomize applies an entry named `name` to `image`: the image's name without its tag
 * or digest is `name`, or kustomize's pattern matches (api/internal/image/image.go: the name goes
 * into the pattern unescaped, so a `.` in it matches any character; its pattern in v5.5 (checked), a
 * later one that takes a digest of any algorithm, and an earlier one are tried: a match by any is one).
 */
export function imageMatches(image: string, name: string): boolean {
  if (splitImage(image).name === name) return true;
  // Any other name (`[`, `*`, `(`, …: see REGEX_SPECIAL) may match what this cannot tell: a possible match.
  if (!PLAIN_NAME.test(name)) return true;
  return new RegExp(`^${name}(:${TAG})?(@[a-zA-Z][a-zA-Z0-9]*:${TAG})?$`).test(image) || new RegExp(`^${name}(@sha256)?(:${TAG})?$`).test(image);
}

/** kustomize's split of an image into name, tag and digest (a `:` before the first `/` is a registry's port). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const from = slash > 0 ? slash : 0;
  const rest = image.slice(from);
  const at = rest.indexOf('@');
  const colon = rest.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, from + at), tag: '', digest: image.slice(from + at + 1) };
  if (at >= 0) return { name: image.slice(0, from + colon), tag: image.slice(from + colon + 1, from + at), digest: image.slice(from + at + 1) };
  return { name: image.slice(0, from + colon), tag: image.slice(from + colon + 1), digest: '' };
}

/**
 * Whether kustomize v5.5 surely applies an entry named `name` to `image` (its pattern matches):
 * an entry that makes of an image one its next entry does not match takes that image from it.
 */
export function imageSurelyMatches(image: string, name: string): boolean {
  return !REGEX_SPECIAL.test(name) && new RegExp(`^${name}(:${TAG})?(@sha256:${TAG})?$`).test(image);
}

/**
 * Whether an entry named `entryName` (no special character but `.`) may apply to an image whose
 * name, its tag or digest taken off, is `name`, whatever its tag or digest: its pattern matches
 * `name` character by character (`.` any one), and what is left on either side could be a tag or
 * digest (`app:1.0` may apply to `app`'s images, so may `app.1.0`; `app-db` may not).
 */
export function imageNameMayMatch(name: string, entryName: string): boolean {
  const n = Math.min(name.length, entryName.length);
  for (let i = 0; i < n; i++) if (entryName[i] !== '.' && entryName[i] !== name[i]) return false;
  if (entryName.length > name.length) return '.:@'.includes(entryName[name.length]!);
  return /^([:@][a-zA-Z0-9_.{}:@-]*)?$/.test(name.slice(n));
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
