import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/image-ref.ts
var registryRe = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::([0-9]{1,5}))?$/;
function isHost(host) {
  const m = registryRe.exec(host);
  return m !== null && (m[1] === void 0 || Number(m[1]) >= 1 && Number(m[1]) <= 65535);
}
var pathComponentRe = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var tagRe = /^[\w][\w.-]{0,127}$/;
var digestRe = /^sha256:[0-9a-f]{64}$/;
function isDigest(value) {
  return digestRe.test(value);
}
var DIGEST = "sha256:<64 lowercase hex digits>";
var TAG = "a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
var IMAGE_NAME = "[registry/]repository, the repository in lowercase path components";
function digestProblem(digest) {
  if (digestRe.test(digest)) return void 0;
  if (!digest.startsWith("sha256:")) return `the digest ${quoteReference(digest)} is not a sha256 digest`;
  const hex = digest.slice("sha256:".length);
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) return `the digest has ${quoteReference(bad[0])}, which is not a hex digit`;
  if (hex.length !== 64) return `the digest has ${hex.length} hex digits, not 64`;
  return "the digest must be lowercase hex";
}
function isTag(value) {
  return tagRe.test(value);
}
function isImageName(value) {
  const slash = value.indexOf("/");
  if (slash >= 0 && looksLikeRegistry(value.slice(0, slash))) return isHost(value.slice(0, slash)) && isRepository(value.slice(slash + 1));
  return isRepository(value);
}
function looksLikeRegistry(host) {
  return host.includes(".") || host.includes(":") || host === "localhost" || host.startsWith("[");
}
function isRegistry(value) {
  return isHost(value) && looksLikeRegistry(value);
}
function isRepository(value) {
  return value.length > 0 && value.length <= 255 && value.split("/").every((c) => pathComponentRe.test(c));
}
var QUOTED_MAX = 1024;
function quoteReference(text) {
  const cut = text.length > QUOTED_MAX;
  const quoted = JSON.stringify(cut ? text.slice(0, QUOTED_MAX) : text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return cut ? `${quoted.slice(0, -1)}…"` : quoted;
}
function givenImage(text) {
  return text.trim();
}
function parseImageRef(text, field = "image") {
  const fail = (why) => {
    throw new ConfigurationError({ field, message: `${why}; expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${quoteReference(text)}` });
  };
  const space = /\s/.exec(text);
  if (space) fail(`the reference has white space (${quoteReference(space[0])} at character ${space.index + 1} of ${text.length})`);
  const at = text.indexOf("@");
  if (at < 0 && /^sha256:/i.test(text)) fail("a digest alone is not enough here: give the image it belongs to, registry/repository[:tag]@sha256:…");
  if (at < 0) fail("the reference has no digest (a pin must name an exact image)");
  const digest = text.slice(at + 1);
  const nameAndTag = text.slice(0, at);
  const badDigest = digestProblem(digest);
  if (badDigest !== void 0) fail(badDigest);
  const slash = nameAndTag.indexOf("/");
  if (slash < 0 || !looksLikeRegistry(nameAndTag.slice(0, slash))) fail("the reference does not start with a registry host");
  const registry = nameAndTag.slice(0, slash);
  if (!isHost(registry)) {
    const port = registryRe.exec(registry)?.[1];
    fail(port !== void 0 ? `the registry ${quoteReference(registry)} has port ${port}, not 1 to 65535` : `the registry ${quoteReference(registry)} is not a host name with an optional port`);
  }
  let rest = nameAndTag.slice(slash + 1);
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) fail(`the tag ${quoteReference(tag)} is not a valid tag`);
  }
  if (!isRepository(rest)) fail(`the repository ${quoteReference(rest)} is not lowercase path components`);
  return tag === void 0 ? { registry, repository: rest, digest } : { registry, repository: rest, tag, digest };
}
function formatImageRef(ref) {
  return `${ref.registry}/${ref.repository}${ref.tag !== void 0 ? `:${ref.tag}` : ""}@${ref.digest}`;
}
function imageName(image) {
  return imageParts(image).name;
}
function imageParts(image) {
  const at = image.lastIndexOf("@");
  const named = at < 0 ? image : image.slice(0, at);
  const colon = named.lastIndexOf(":");
  const name = colon > named.lastIndexOf("/") ? named.slice(0, colon) : named;
  const tag = named.slice(name.length + 1);
  return { name, ...tag ? { tag } : {}, ...at < 0 ? {} : { digest: image.slice(at + 1) } };
}
function shortDigest(digest) {
  return digest.startsWith("sha256:") ? digest.slice(0, 7 + 12) : digest.slice(0, 12);
}
function describeImage(image) {
  return image.tag !== void 0 ? `${image.tag} (${shortDigest(image.digest)})` : shortDigest(image.digest);
}

export {
  isDigest,
  DIGEST,
  TAG,
  IMAGE_NAME,
  digestProblem,
  isTag,
  isImageName,
  isRegistry,
  isRepository,
  quoteReference,
  givenImage,
  parseImageRef,
  formatImageRef,
  imageName,
  imageParts,
  shortDigest,
  describeImage
};
