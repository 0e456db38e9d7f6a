import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ConfigurationError,
  quote
} from "./chunk-B3WWLTUJ.mjs";

// actions/src/core/trailers.ts
var keyRe = /^Ferry-[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*$/;
var forbiddenRe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function assertSingleLine(value, field, max = 1e3) {
  if (forbiddenRe.test(value)) {
    throw new ConfigurationError({ field, message: `must be one line of text without control characters, found ${quote(value)}` });
  }
  if (value.trim() !== value || value === "") {
    throw new ConfigurationError({ field, message: `must not be empty or start or end with white space, found ${quote(value)}` });
  }
  if (value.length > max) throw new ConfigurationError({ field, message: `must be at most ${max} characters, found ${value.length}` });
}
function commitMessage(subject, trailers, body) {
  assertSingleLine(subject, "commit subject", 200);
  for (const [key, value] of trailers) {
    if (!keyRe.test(key)) throw new Error(`internal: ${quote(key)} is not a Ferry trailer key`);
    assertSingleLine(value, key);
  }
  const parts = [subject];
  if (body) {
    parts.push(body.split(/\r?\n/).map((l) => /^[A-Za-z0-9-]+\s*:/.test(l) ? `  ${l}` : l).join("\n"));
  }
  parts.push(trailers.map(([k, v]) => `${k}: ${v}`).join("\n"));
  return `${parts.join("\n\n")}
`;
}
function parseTrailers(message) {
  const paragraphs = message.replace(/\r\n/g, "\n").trimEnd().split(/\n{2,}/);
  if (paragraphs.length < 2) return [];
  const last = paragraphs[paragraphs.length - 1].split("\n");
  const out = [];
  for (const line of last) {
    const m = /^([A-Za-z0-9-]+):[ \t]?(.*)$/.exec(line);
    if (!m) return [];
    if (keyRe.test(m[1])) out.push([m[1], m[2]]);
  }
  return out;
}

export {
  assertSingleLine,
  commitMessage,
  parseTrailers
};
