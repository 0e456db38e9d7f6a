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
  if (!digestRe.test(digest)) {
    if (/^sha256:[0-9A-F]{64}$/i.test(digest)) fail('the digest must be lowercase hex');
    if (digest.startsWith('sha256:')) fail(`the digest has ${digest.length - 7} hex digits, not 64`);
    fail(`the digest ${quote(digest)} is not a sha256 digest`);
  }
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
  const at = image.lastIndexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/** `sha256:` and the first 12 hex digits, as commit subjects and status tables show a digest. */
export function shortDigest(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice(0, 7 + 12) : digest.slice(0, 12);
}

/** An image as commit subjects name it: `1.4.2 (sha256:1a2b3c4d5e6f)`, or the short digest alone without a tag. */
export function describeImage(image: { tag?: string | undefined; digest: string }): string {
  return image.tag !== undefined ? `${image.tag} (${shortDigest(image.digest)})` : shortDigest(image.digest);
}
