// Pinning an app's image in its manifest: one entry point for the three ways a pin is configured
// (kustomize `images:` entry, Helm values paths, a workload's container). Every edit is a splice
// of the original text (yaml-splice.ts), read back before it is returned: an edit that does not
// read back as the requested image is refused rather than written.
import type { PinConfig } from './config.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { pinHelmValues, readHelmValues } from './helm-values.js';
import { DIGEST, IMAGE_NAME, TAG, digestProblem, isImageName, isTag, type ImageRef } from './image-ref.js';
import { pinKustomizeImage, readKustomizeImage } from './kustomize-images.js';
import { pinWorkloadContainer, readWorkloadContainer } from './workload-container.js';
import { applySplices, asMap, asSeq, findPair, parseYaml, scalarText, type Splice, type YamlFile, type YamlMap, type YamlSeq } from './yaml-splice.js';

/**
 * What is pinned now. `image` is for display: `registry/repository:tag@sha256:…`, parts missing
 * when the file has none. Where the pin has no place for the name (a Helm pin without
 * `repository`: the chart names the image), the name is the app's image, when given.
 */
export interface PinnedImage {
  image: string;
  name?: string;
  tag?: string;
  digest?: string;
}

export interface PinEdit {
  /** The new file text; identical to the input when nothing changed. */
  text: string;
  changed: boolean;
  /** What was pinned before the edit. */
  previous: PinnedImage;
}

/**
 * Pins `ref` in `text` (the manifest at path `file`, used in errors) as `pin` says. Throws
 * ConfigurationError when the YAML does not parse, the pin's place is not found exactly once, or
 * the value cannot be edited without changing something else (alias, block scalar).
 */
export function pinImage(text: string, file: string, pin: PinConfig, ref: ImageRef): PinEdit {
  const y = parseYaml(text, file);
  // `ref` is the app's image (callers check it is): what was pinned before is that image too.
  const parts = readParts(y, pin);
  const previous = named(parts, pin, `${ref.registry}/${ref.repository}`);
  // A value Ferry cannot edit (block scalar, alias, explicit tag) is refused for that first.
  const edits = splices(y, pin, ref);
  // The commit records what it replaces (Ferry-Previous-Image); a value that is no part of an
  // image reference would be recorded as one, or break the trailer. Leaving it out would make
  // `ferry audit` flag the commit (it records nothing replaced), so the edit is refused instead.
  const problems = partProblems(y, parts);
  if (problems.length) {
    throw new ConfigurationError(problems.map((p) => ({ ...p, message: `${p.message}; Ferry records the image it replaces in the commit, so fix this value by hand first; nothing was changed` })));
  }
  const out = applySplices(text, edits);
  if (out === text) return { text, changed: false, previous };
  // Read the result back: a layout the splices misjudged is refused, never written.
  const expected = expectedPin(pin, ref);
  let problem: string | undefined;
  try {
    const after = read(parseYaml(out, file), pin).image;
    if (after !== expected) problem = `the pin would read "${after}" instead of "${expected}"`;
  } catch (err) {
    // (Where in the edited text, which is never written: the error is located in the file as it is.)
    const inner = err instanceof ConfigurationError ? err.problems.map((p) => `${p.line !== undefined ? `line ${p.line}, column ${p.column ?? 1} of the edited text: ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}`).join('; ') : (err as Error).message;
    problem = `the file would not read back (${inner})`;
  }
  if (problem) {
    const { line, col } = y.lines.linePos(Math.min(...edits.map((e) => e.insert?.at ?? e.start)));
    throw new ConfigurationError({ file, line, column: col, message: `Ferry cannot edit this file's layout safely: after the edit made here ${problem}; nothing was changed` });
  }
  return { text: out, changed: true, previous };
}

/**
 * What `pin` points at in `text` now; `image` is the app's `registry/repository`, the name where
 * the pin has none. Throws like pinImage when the place is not found exactly once, and when a
 * part that is there is not one of an image reference (a tag with a space, a digest that is not
 * sha256:<64 lowercase hex>): located at the value, with its field.
 */
export function readPinnedImage(text: string, file: string, pin: PinConfig, image?: string): PinnedImage {
  const y = parseYaml(text, file);
  const parts = readParts(y, pin);
  const problems = partProblems(y, parts);
  if (problems.length) throw new ConfigurationError(problems);
  return named(parts, pin, image);
}

/** Where one part of a pin is: its field, and the position of its value (of the mapping it belongs in when the file lacks it). */
export interface PinPlace {
  field: string;
  /** 1-based. */
  line: number;
  column: number;
  /** Whether the file has the key (an empty value counts). */
  present: boolean;
  /** The whole value of the field when it holds more than this part (a container's `image:`). */
  whole?: string;
  /** What the value is when it is no text at all: `a mapping`, `a sequence`. */
  kind?: string;
  /** The keys of the mapping the key belongs in, when the file lacks it. */
  keys?: string[];
}

/** A pin as the file holds it (no name put in), with the place of each part. */
export interface LocatedPin {
  pinned: PinnedImage;
  places: { name?: PinPlace; tag?: PinPlace; digest: PinPlace };
}

/** What the file itself holds (no name put in), and where each part is (for problems about it, like a missing digest). */
export function readPinnedImageAt(text: string, file: string, pin: PinConfig): LocatedPin {
  const y = parseYaml(text, file);
  return located(y, readParts(y, pin));
}

/**
 * The parts of `located` that cannot be part of an image reference: a name that is not
 * `[registry/]repository` (unless `options.name` is false: validate checks it against the app's image instead), a tag outside the tag grammar, a digest that
 * is not sha256:<64 lowercase hex>. Each located at its value, with its field.
 */
export function pinnedImageProblems(file: string, { pinned: p, places }: LocatedPin, options: { name?: boolean } = {}): Problem[] {
  const problems: Problem[] = [];
  // A field of its own: "expected <part>, found <value>"; a part of a whole reference: why, then the whole.
  const report = (at: PinPlace, value: string, why: string, expected: string, detail?: string): void => {
    const message = at.whole === undefined
      ? `expected ${expected}, found ${quote(value)}${detail ? ` (${detail})` : ''}`
      : `${why}; expected registry/repository[:tag][@${DIGEST}], found ${quote(at.whole, 300)}`;
    problems.push(pinProblem(file, at, message));
  };
  if (options.name !== false && places.name && p.name !== undefined && !isImageName(p.name)) report(places.name, p.name, `the name ${quote(p.name)} is not ${IMAGE_NAME}`, IMAGE_NAME);
  if (places.tag && p.tag !== undefined && !isTag(p.tag)) report(places.tag, p.tag, `the tag ${quote(p.tag)} is not ${TAG}`, TAG);
  const why = p.digest === undefined ? undefined : digestProblem(p.digest);
  if (p.digest !== undefined && why !== undefined) report(places.digest, p.digest, why, DIGEST, p.digest.startsWith('sha256:') ? why : undefined);
  return problems;
}

/** A problem about the part at `at`, located there. */
export function pinProblem(file: string, at: PinPlace, message: string): Problem {
  return { file, line: at.line, column: at.column, field: at.field, message };
}

/**
 * Where an editor read one part of a pin: the value of `key` in `parent` (a mapping, or a
 * sequence with a numeric key), as field `field`. `whole` is the field's whole value when it holds
 * more than the part.
 */
export interface PinSlot {
  field: string;
  parent: YamlMap | YamlSeq;
  key: string;
  whole?: string;
}

/** The parts of a pin an editor reads from the file, and where each is (or belongs). */
export type PinParts = Omit<PinnedImage, 'image'> & { slots: { name?: PinSlot; tag?: PinSlot; digest: PinSlot } };

/** The position of a slot's value; of its key when the value is empty; of the mapping when the key is missing. */
function place(y: YamlFile, slot: PinSlot): PinPlace {
  const map = asMap(slot.parent);
  const pair = map ? findPair(map, slot.key) : undefined;
  const value = (map ? pair?.value : slot.parent.items[Number(slot.key)]) as Ranged | null | undefined;
  const key = pair?.key as Ranged | undefined;
  const range = value?.range && value.range[0] < value.range[1] ? value.range : (key?.range ?? slot.parent.range);
  const { line, col } = y.lines.linePos(range[0]);
  const at: PinPlace = { field: slot.field, line, column: col, present: map ? pair !== undefined : value !== undefined };
  const node = value as Parameters<typeof asMap>[0] | null | undefined;
  const kind = !node ? undefined : asMap(node) ? 'a mapping' : asSeq(node) ? 'a sequence' : undefined;
  if (kind) at.kind = kind;
  if (map && !pair) at.keys = map.items.map((p) => scalarText(p.key as Parameters<typeof scalarText>[0]) ?? '?');
  return slot.whole === undefined ? at : { ...at, whole: slot.whole };
}

type Ranged = { range?: readonly [number, number, number] | null };

/** The parts an editor read, each with its place in `y`. */
function located(y: YamlFile, parts: PinParts): LocatedPin {
  const places: LocatedPin['places'] = { digest: place(y, parts.slots.digest) };
  if (parts.slots.name) places.name = place(y, parts.slots.name);
  if (parts.slots.tag) places.tag = place(y, parts.slots.tag);
  return { pinned: pinned(parts), places };
}

/** The problems of the parts an editor read, located in `y`. */
function partProblems(y: YamlFile, parts: PinParts): Problem[] {
  return pinnedImageProblems(y.file, located(y, parts));
}

/** `name:tag@digest` with the parts that are present. */
function pinned({ name, tag, digest }: Omit<PinnedImage, 'image'>): PinnedImage {
  const image = `${name ?? ''}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  const result: PinnedImage = { image };
  if (name !== undefined) result.name = name;
  if (tag !== undefined) result.tag = tag;
  if (digest !== undefined) result.digest = digest;
  return result;
}

/** `pinned`, with `image` as the name where the pin has no place for one. */
function named(parts: PinParts, pin: PinConfig, image: string | undefined): PinnedImage {
  return pinned(pin.kind === 'helm' && pin.repository === undefined && image !== undefined ? { ...parts, name: image } : parts);
}

function read(y: YamlFile, pin: PinConfig): PinnedImage {
  return pinned(readParts(y, pin));
}

function readParts(y: YamlFile, pin: PinConfig): PinParts {
  switch (pin.kind) {
    case 'kustomize':
      return readKustomizeImage(y, pin.name);
    case 'helm':
      return readHelmValues(y, pin);
    case 'container':
      return readWorkloadContainer(y, pin);
  }
}

function splices(y: YamlFile, pin: PinConfig, ref: ImageRef): Splice[] {
  switch (pin.kind) {
    case 'kustomize':
      return pinKustomizeImage(y, pin.name, ref);
    case 'helm':
      return pinHelmValues(y, pin, ref);
    case 'container':
      return pinWorkloadContainer(y, pin, ref);
  }
}

/** The display image the file must read as after pinning `ref`: Helm reads only the configured paths. */
function expectedPin(pin: PinConfig, ref: ImageRef): string {
  const name = `${ref.registry}/${ref.repository}`;
  if (pin.kind !== 'helm') return pinned({ name, tag: ref.tag, digest: ref.digest }).image;
  return pinned({ name: pin.repository ? name : undefined, tag: pin.tag ? ref.tag : undefined, digest: ref.digest }).image;
}
