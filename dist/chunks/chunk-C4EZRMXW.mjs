import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/trailers.ts
var keyRe = /^Ferry-[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*$/;
var forbiddenRe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
var BLANK = /^[\s\p{Cf}\p{Zs}\u115f\u1160\u3164\uffa0\u2800]*$/u;
function isBlank(text) {
  return BLANK.test(text);
}
function assertSingleLine(value, field, max = 1e3) {
  if (forbiddenRe.test(value)) {
    throw new ConfigurationError({ field, message: `must be one line of text without control characters, found ${quote(value)}` });
  }
  if (value.trim() !== value || value === "") {
    throw new ConfigurationError({ field, message: `must not be empty or start or end with white space, found ${quote(value)}` });
  }
  if (isBlank(value)) throw new ConfigurationError({ field, message: `must hold visible text, found ${quote(value)}` });
  if (value.length > max) throw new ConfigurationError({ field, message: `must be at most ${max} characters, found ${value.length}` });
}
var PIN_ACTIONS = /* @__PURE__ */ new Set(["bump", "promote", "rollback"]);
var RECORDED_GATES = ["soak", "approvals", "freeze", "analysis", "compare", "blocked"];
var RECORDED_VERDICTS = ["pass", "fail", "inconclusive", "error"];
var GATE_ITEM = `(?:${RECORDED_GATES.join("|")})=(?:${RECORDED_VERDICTS.join("|")})\\([^()]*\\)`;
var GATE_RECORD = new RegExp(`^${GATE_ITEM}(?: ${GATE_ITEM})*$`);
function unpassedGates(message) {
  const trailers = trailerList(message);
  const record = trailers.first("Ferry-Gate");
  if (record === void 0) return [];
  const override = trailers.first("Ferry-Override");
  const reason = trailers.first("Ferry-Reason");
  if (!GATE_RECORD.test(record)) return [`Ferry-Gate ${JSON.stringify(record.slice(0, 80))}, not as Ferry writes it`];
  return [...record.matchAll(/(?:^| )([a-z][a-z0-9-]*)=([a-z]+)\(/g)].filter((m) => m[2] !== "pass" && !(m[1] === override && reason && !isBlank(reason))).map((m) => `${m[1]}=${m[2]}`);
}
var COMPOSED = /* @__PURE__ */ new Set(["Ferry-Gate"]);
var SUBJECT_MAX = 200;
function elidable(text) {
  return { elide: text };
}
function subjectImage(image) {
  return image.tag !== void 0 ? [elidable(image.tag), ` (${shortDigest(image.digest)})`] : [shortDigest(image.digest)];
}
function fitSubject(parts, max = SUBJECT_MAX) {
  const text = (p) => typeof p === "string" ? p : p.elide;
  const whole = parts.map(text).join("");
  if (whole.length <= max) return whole;
  const fixed = parts.reduce((n, p) => n + (typeof p === "string" ? p.length : 0), 0);
  const lengths = parts.flatMap((p) => typeof p === "string" ? [] : [p.elide.length]);
  let cap = Math.max(...lengths);
  while (cap > 1 && fixed + lengths.reduce((n, l) => n + Math.min(l, cap), 0) > max) cap--;
  const cut = (s) => s.length <= cap ? s : `${s.slice(0, Math.ceil((cap - 1) / 2))}…${s.slice(s.length - Math.floor((cap - 1) / 2))}`;
  return parts.map((p) => typeof p === "string" ? p : cut(p.elide)).join("");
}
function commitMessage(subject, trailers, body) {
  assertSingleLine(subject, "commit subject", SUBJECT_MAX);
  for (const [key, value] of trailers) {
    if (!keyRe.test(key)) throw new Error(`internal: ${quote(key)} is not a Ferry trailer key`);
    assertSingleLine(value, key, COMPOSED.has(key) ? Infinity : void 0);
  }
  const parts = [subject];
  if (body) {
    parts.push(body.split(/\r?\n/).map((l) => /^[A-Za-z0-9-]+\s*:/.test(l) ? `  ${l}` : l).join("\n"));
  }
  parts.push(trailers.map(([k, v]) => `${k}: ${v}`).join("\n"));
  return `${parts.join("\n\n")}
`;
}
var TrailerList = class {
  constructor(flat) {
    this.flat = flat;
  }
  /** How many trailers there are. */
  get count() {
    return this.flat.length >> 1;
  }
  /** The first value of `key`. */
  first(key) {
    const { flat } = this;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) return flat[i + 1];
    return void 0;
  }
  /** Every value of `key` in order, or undefined when it has none. */
  get(key) {
    const { flat } = this;
    let values;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) (values ??= []).push(flat[i + 1]);
    return values;
  }
  /** The keys among `keys` that appear more than once, each with how many times; undefined when none does. */
  repeated(keys) {
    const { flat } = this;
    let out;
    for (let i = 2; i < flat.length; i += 2) {
      const key = flat[i];
      if (!keys.has(key)) continue;
      let earlier = 0;
      for (let j = 0; j < i; j += 2) if (flat[j] === key) earlier++;
      if (earlier === 0) continue;
      const found = out?.find((r) => r[0] === key);
      if (found) found[1]++;
      else (out ??= []).push([key, 2]);
    }
    return out;
  }
  /** [key, values] for each key, in the order keys first appear (as a Map of lists iterates). */
  *[Symbol.iterator]() {
    const keys = [];
    for (let i = 0; i < this.flat.length; i += 2) if (!keys.includes(this.flat[i])) keys.push(this.flat[i]);
    for (const key of keys) yield [key, this.get(key)];
  }
};
function trailerList(message) {
  return new TrailerList(ferryTrailers(message));
}
var NO_TRAILERS = [];
function ferryTrailers(message) {
  const text = (message.includes("\r") ? message.replace(/\r\n/g, "\n") : message).trimEnd();
  const start = text.lastIndexOf("\n\n");
  if (start < 0) return NO_TRAILERS;
  const block = text.slice(start + 2);
  if (block.includes("\r") || block.includes("\u2028") || block.includes("\u2029")) return strictTrailers(block);
  const flat = [];
  for (let pos = 0; pos < block.length; ) {
    let end = block.indexOf("\n", pos);
    if (end < 0) end = block.length;
    const colon = block.indexOf(":", pos);
    if (colon <= pos || colon > end) return NO_TRAILERS;
    let key = knownKeyAt(block, pos, colon);
    if (key === void 0) {
      for (let i = pos; i < colon; i++) if (!isKeyChar(block.charCodeAt(i))) return NO_TRAILERS;
      key = ferryKeyOf(block.slice(pos, colon));
    }
    if (key !== void 0) {
      const after = block.charCodeAt(colon + 1);
      flat.push(key, block.slice(after === 32 || after === 9 ? colon + 2 : colon + 1, end));
    }
    pos = end + 1;
  }
  return flat;
}
function strictTrailers(block) {
  const flat = [];
  for (const line of block.split("\n")) {
    const m = /^([A-Za-z0-9-]+):[ \t]?(.*)$/.exec(line);
    if (!m) return NO_TRAILERS;
    const key = ferryKeyOf(m[1]);
    if (key !== void 0) flat.push(key, m[2]);
  }
  return flat;
}
function isKeyChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 45;
}
var KNOWN_KEYS = [];
var KNOWN_LOWER = /* @__PURE__ */ new Map();
for (const key of ["Ferry-Action", "Ferry-Env", "Ferry-App", "Ferry-Image", "Ferry-Previous-Image", "Ferry-Requested-By", "Ferry-Approved-By", "Ferry-Gate", "Ferry-Override", "Ferry-Reason", "Ferry-From", "Ferry-Blocked", "Ferry-Run", "Ferry-Source-Revision", "Ferry-Rollback-To"]) {
  (KNOWN_KEYS[key.length] ??= []).push(key);
  KNOWN_LOWER.set(key.toLowerCase(), key);
}
function ferryKeyOf(key) {
  const c = key.charCodeAt(0);
  if (c !== 70 && c !== 102) return void 0;
  return KNOWN_LOWER.get(key.toLowerCase()) ?? (isFerryKey(key) ? key : void 0);
}
function knownKeyAt(text, from, to) {
  const known = KNOWN_KEYS[to - from];
  if (known) {
    for (const key of known) {
      let i = key.length - 1;
      while (i >= 0 && text.charCodeAt(from + i) === key.charCodeAt(i)) i--;
      if (i < 0) return key;
    }
  }
  return void 0;
}
var ferryKeys = /* @__PURE__ */ new Map();
function isFerryKey(key) {
  let known = ferryKeys.get(key);
  if (known === void 0) {
    known = keyRe.test(key);
    if (ferryKeys.size < 1e3) ferryKeys.set(key, known);
  }
  return known;
}

export {
  isBlank,
  assertSingleLine,
  PIN_ACTIONS,
  GATE_RECORD,
  unpassedGates,
  SUBJECT_MAX,
  elidable,
  subjectImage,
  fitSubject,
  commitMessage,
  trailerList
};
