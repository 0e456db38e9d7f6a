// Pinning an app's image in its manifest: one entry point for the three ways a pin is configured
// (kustomize `images:` entry, Helm values paths, a workload's container). Every edit is a splice
// of the original text (yaml-splice.ts), read back before it is returned: an edit that does not
// read back as the requested image is refused rather than written.
import type { PinConfig } from './config.js';
import { ConfigurationError } from './errors.js';
import { pinHelmValues, readHelmValues } from './helm-values.js';
import type { ImageRef } from './image-ref.js';
import { pinKustomizeImage, readKustomizeImage } from './kustomize-images.js';
import { pinWorkloadContainer, readWorkloadContainer } from './workload-container.js';
import { applySplices, parseYaml, type Splice, type YamlFile } from './yaml-splice.js';

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
  const previous = named(readParts(y, pin), pin, `${ref.registry}/${ref.repository}`);
  const out = applySplices(text, splices(y, pin, ref));
  if (out === text) return { text, changed: false, previous };
  // Read the result back: a layout the splices misjudged is refused, never written.
  const expected = expectedPin(pin, ref);
  let problem: string | undefined;
  try {
    const after = read(parseYaml(out, file), pin).image;
    if (after !== expected) problem = `the pin would read "${after}" instead of "${expected}"`;
  } catch (err) {
    problem = `the file would not read back (${(err as Error).message})`;
  }
  if (problem) throw new ConfigurationError({ file, message: `Ferry cannot edit this file's layout safely: after the edit ${problem}; nothing was changed` });
  return { text: out, changed: true, previous };
}

/**
 * What `pin` points at in `text` now; `image` is the app's `registry/repository`, the name where
 * the pin has none. Throws like pinImage when the place is not found exactly once.
 */
export function readPinnedImage(text: string, file: string, pin: PinConfig, image?: string): PinnedImage {
  return named(readParts(parseYaml(text, file), pin), pin, image);
}

/** What the file itself holds (no name put in), and the 1-based line of the pin (for problems about it, like a missing digest). */
export function readPinnedImageAt(text: string, file: string, pin: PinConfig): { pinned: PinnedImage; line?: number } {
  const parts = readParts(parseYaml(text, file), pin);
  return parts.line === undefined ? { pinned: pinned(parts) } : { pinned: pinned(parts), line: parts.line };
}

/** The parts of a pin an editor reads from the file, and the line where they are (or belong). */
export type PinParts = Omit<PinnedImage, 'image'> & { line?: number };

/** `name:tag@digest` with the parts that are present. */
function pinned({ name, tag, digest }: PinParts): PinnedImage {
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
