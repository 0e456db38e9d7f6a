import { ConfigurationError, quote } from './errors.js';

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

const registryRe = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;
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
  if (!digest.startsWith('sha256:')) return `the digest ${quote(digest)} is not a sha256 digest`;
  const hex = digest.slice('sha256:'.length);
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) return `the digest has ${quote(bad[0])}, which is not a hex digit`;
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
  if (slash >= 0 && looksLikeRegistry(value.slice(0, slash))) return registryRe.test(value.slice(0, slash)) && isRepository(value.slice(slash + 1));
  return isRepository(value);
}

/** Whether `host` names a registry (Docker's rule: a dot, a port, or `localhost`). */
function looksLikeRegistry(host: string): boolean {
  return host.includes('.') || host.includes(':') || host === 'localhost' || host.startsWith('[');
}

export function isRegistry(value: string): boolean {
  return registryRe.test(value) && looksLikeRegistry(value);
}

export function isRepository(value: string): boolean {
  return value.length > 0 && value.length <= 255 && value.split('/').every((c) => pathComponentRe.test(c));
}

/**
 * Parses a pinnable reference. Throws ConfigurationError naming `field` (default `image`) on
 * anything that is not `registry/repository[:tag]@sha256:<64 lowercase hex>`.
 */
export function parseImageRef(text: string, field = 'image'): ImageRef {
  const fail = (why: string): never => {
    throw new ConfigurationError({ field, message: `${why}; expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${quote(text)}` });
  };
  if (/\s/.test(text)) fail('an image reference has no white space');
  const at = text.indexOf('@');
  if (at < 0) fail('the reference has no digest (a pin must name an exact image)');
  const digest = text.slice(at + 1);
  const nameAndTag = text.slice(0, at);
  const badDigest = digestProblem(digest);
  if (badDigest !== undefined) fail(badDigest);
  const slash = nameAndTag.indexOf('/');
  if (slash < 0 || !looksLikeRegistry(nameAndTag.slice(0, slash))) fail('the reference does not start with a registry host');
  const registry = nameAndTag.slice(0, slash);
  if (!registryRe.test(registry)) fail(`the registry ${quote(registry)} is not a host name with an optional port`);
  let rest = nameAndTag.slice(slash + 1);
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) fail(`the tag ${quote(tag)} is not a valid tag`);
  }
  if (!isRepository(rest)) fail(`the repository ${quote(rest)} is not lowercase path components`);
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
