import { ConfigurationError } from './errors.js';

/**
 * An image reference as Ferry pins it: `registry/repository[:tag]@sha256:<64 hex>`.
 * Grammar follows the distribution spec (github.com/distribution/reference), narrowed to what
 * a pin needs: the registry is explicit and the digest is always present and sha256.
 */
export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest: string;
}

const registryRe = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::([0-9]{1,5}))?$/;

/** Whether `host` is a host name or a bracketed address, with a port from 1 to 65535 if any. */
function isHost(host: string): boolean {
  const m = registryRe.exec(host);
  return m !== null && (m[1] === undefined || (Number(m[1]) >= 1 && Number(m[1]) <= 65_535));
}
const pathComponentRe = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^sha256:[0-9a-f]{64}$/;

export function isDigest(value: string): boolean {
  return digestRe.test(value);
}

/** What a digest must be, in words (expected …, found …). */
export const DIGEST = 'sha256:<64 lowercase hex digits>';

/** What a tag must be, in words (the distribution spec's tag grammar). */
export const TAG = "a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";

/** What an image name must be, in words. */
export const IMAGE_NAME = '[registry/]repository, the repository in lowercase path components';

/**
 * Why `digest` is not `sha256:<64 lowercase hex>`, in a phrase (`the digest has 3 hex digits,
 * not 64`); undefined when it is one. A character that is not a hex digit is named before the
 * digits are counted.
 */
export function digestProblem(digest: string): string | undefined {
  if (digestRe.test(digest)) return undefined;
  if (!digest.startsWith('sha256:')) return `the digest ${quoteReference(digest)} is not a sha256 digest`;
  const hex = digest.slice('sha256:'.length);
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) return `the digest has ${quoteReference(bad[0])}, which is not a hex digit`;
  if (hex.length !== 64) return `the digest has ${hex.length} hex digits, not 64`;
  return 'the digest must be lowercase hex';
}

export function isTag(value: string): boolean {
  return tagRe.test(value);
}

/**
 * Whether `value` is an image name as the distribution reference grammar has it:
 * `[registry/]repository` (`user-service`, `team/app`, `reg.example.com:5000/team/app`).
 */
export function isImageName(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash >= 0 && looksLikeRegistry(value.slice(0, slash))) return isHost(value.slice(0, slash)) && isRepository(value.slice(slash + 1));
  return isRepository(value);
}

/** Whether `host` names a registry (Docker's rule: a dot, a port, or `localhost`). */
function looksLikeRegistry(host: string): boolean {
  return host.includes('.') || host.includes(':') || host === 'localhost' || host.startsWith('[');
}

export function isRegistry(value: string): boolean {
  return isHost(value) && looksLikeRegistry(value);
}

export function isRepository(value: string): boolean {
  return value.length > 0 && value.length <= 255 && value.split('/').every((c) => pathComponentRe.test(c));
}

/** The longest reference an error quotes whole (a sound one has at most about 720 characters). */
const QUOTED_MAX = 1024;

/**
 * A reference, or a part of one, quoted for an error: JSON-quoted, whole (cut with `…` only past
 * QUOTED_MAX characters), and every character that is not printable ASCII written out as its
 * escape (`\u00a0`, `\ufeff`, `\u200b`). A sound reference is printable ASCII throughout, so
 * what is written out is what is wrong: white space other than a space, a byte-order mark, a
 * zero-width character, a letter that only looks like one, a control character. A space shows
 * inside the quotes.
 */
export function quoteReference(text: string): string {
  const cut = text.length > QUOTED_MAX;
  const quoted = JSON.stringify(cut ? text.slice(0, QUOTED_MAX) : text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return cut ? `${quoted.slice(0, -1)}…"` : quoted;
}

/**
 * An image reference as a user gives it (a command-line argument, an action input), without the
 * white space around it, as @actions/core's getInput reads every input of an action: a reference
 * copied with a trailing space, or read from a file with CRLF line ends, names the same image in
 * the CLI as in the action. White space inside it stays, for parseImageRef to refuse.
 */
export function givenImage(text: string): string {
  return text.trim();
}

/**
 * Parses a pinnable reference. Throws ConfigurationError naming `field` (default `image`) on
 * anything that is not `registry/repository[:tag]@sha256:<64 lowercase hex>`, with the reference
 * quoted whole and anything invisible in it written out (quoteReference).
 */
export function parseImageRef(text: string, field = 'image'): ImageRef {
  const fail = (why: string): never => {
    throw new ConfigurationError({ field, message: `${why}; expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${quoteReference(text)}` });
  };
  const space = /\s/.exec(text);
  if (space) fail(`the reference has white space (${quoteReference(space[0])} at character ${space.index + 1} of ${text.length})`);
  const at = text.indexOf('@');
  // A digest alone names no image: which registry and repository it is in is part of the pin.
  if (at < 0 && /^sha256:/i.test(text)) fail('a digest alone is not enough here: give the image it belongs to, registry/repository[:tag]@sha256:…');
  if (at < 0) fail('the reference has no digest (a pin must name an exact image)');
  const digest = text.slice(at + 1);
  const nameAndTag = text.slice(0, at);
  const badDigest = digestProblem(digest);
  if (badDigest !== undefined) fail(badDigest);
  const slash = nameAndTag.indexOf('/');
  if (slash < 0 || !looksLikeRegistry(nameAndTag.slice(0, slash))) fail('the reference does not start with a registry host');
  const registry = nameAndTag.slice(0, slash);
  if (!isHost(registry)) {
    const port = registryRe.exec(registry)?.[1];
    fail(port !== undefined ? `the registry ${quoteReference(registry)} has port ${port}, not 1 to 65535` : `the registry ${quoteReference(registry)} is not a host name with an optional port`);
  }
  let rest = nameAndTag.slice(slash + 1);
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) fail(`the tag ${quoteReference(tag)} is not a valid tag`);
  }
  if (!isRepository(rest)) fail(`the repository ${quoteReference(rest)} is not lowercase path components`);
  return tag === undefined ? { registry, repository: rest, digest } : { registry, repository: rest, tag, digest };
}

export function formatImageRef(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}@${ref.digest}`;
}

/** The name part (`registry/repository`) of an image reference as written, without tag and digest; never throws. */
export function imageName(image: string): string {
  return imageParts(image).name;
}

/**
 * `registry/repository`, the tag (when there is a non-empty one) and the digest (what follows the
 * last `@`, when there is one) of an image as a trailer or a manifest holds it; never throws, checks
 * nothing (parseImageRef does).
 */
export function imageParts(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.lastIndexOf('@');
  const named = at < 0 ? image : image.slice(0, at);
  const colon = named.lastIndexOf(':');
  const name = colon > named.lastIndexOf('/') ? named.slice(0, colon) : named;
  const tag = named.slice(name.length + 1);
  return { name, ...(tag ? { tag } : {}), ...(at < 0 ? {} : { digest: image.slice(at + 1) }) };
}

/** `sha256:` and the first 12 hex digits, as commit subjects and status tables show a digest. */
export function shortDigest(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice(0, 7 + 12) : digest.slice(0, 12);
}

/** An image as commit subjects name it: `1.4.2 (sha256:1a2b3c4d5e6f)`, or the short digest alone without a tag. */
export function describeImage(image: { tag?: string | undefined; digest: string }): string {
  return image.tag !== undefined ? `${image.tag} (${shortDigest(image.digest)})` : shortDigest(image.digest);
}
