import { ConfigurationError, quote } from './errors.js';
import { shortDigest } from './image-ref.js';

/**
 * Commit messages are the audit log (DESIGN.md, "Commits are the audit log"): a subject a person
 * reads and `git interpret-trailers` trailers a program parses. A value can never contain a line
 * break or a control character, so no user text can add, change or split a trailer.
 */
export type Trailer = readonly [key: string, value: string];

const keyRe = /^Ferry-[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*$/;
// C0 controls (tab included), DEL, C1 controls, the Unicode line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates (shown in `git log`, a reason with U+202E reads
// backwards from there on). The marks LRM, RLM and ALM stay: text written right to left uses them.
// eslint-disable-next-line no-control-regex
const forbiddenRe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Text of white space, format characters (U+200B, U+2060, U+FEFF…) and the blank fillers (Hangul, braille) alone. */
const BLANK = /^[\s\p{Cf}\p{Zs}\u115f\u1160\u3164\uffa0\u2800]*$/u;

/** Whether `text` shows nothing to a reader (BLANK): a reason recorded so gives none. */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

/** Throws a ConfigurationError naming `field` when `value` could break a commit message line, or shows nothing. */
export function assertSingleLine(value: string, field: string, max = 1000): void {
  if (forbiddenRe.test(value)) {
    throw new ConfigurationError({ field, message: `must be one line of text without control characters, found ${quote(value)}` });
  }
  if (value.trim() !== value || value === '') {
    throw new ConfigurationError({ field, message: `must not be empty or start or end with white space, found ${quote(value)}` });
  }
  // Nothing a reader would see (zero-width and format characters, blank fillers): a reason that
  // is empty to whoever reads the commit, which audit would take as given.
  if (isBlank(value)) throw new ConfigurationError({ field, message: `must hold visible text, found ${quote(value)}` });
  if (value.length > max) throw new ConfigurationError({ field, message: `must be at most ${max} characters, found ${value.length}` });
}

/** The Ferry-Action values of commits that pin an image (their Ferry-Image is what they pinned). */
export const PIN_ACTIONS: ReadonlySet<string> = new Set(['bump', 'promote', 'rollback']);

/** The gates Ferry records (promote.ts's GATE_NAMES), and the verdicts it records of them. */
export const RECORDED_GATES = ['soak', 'approvals', 'freeze', 'analysis', 'compare', 'blocked'] as const;
const RECORDED_VERDICTS = ['pass', 'fail', 'inconclusive', 'error'] as const;
const GATE_ITEM = `(?:${RECORDED_GATES.join('|')})=(?:${RECORDED_VERDICTS.join('|')})\\([^()]*\\)`;
/**
 * Ferry-Gate as Ferry writes it: `name=verdict(reason)`, space-separated, the reasons without
 * parentheses, each name a gate Ferry has and each verdict one it gives (`no-soak=pass(…)` is no
 * soak verdict, and no record of Ferry's).
 */
export const GATE_RECORD = new RegExp(`^${GATE_ITEM}(?: ${GATE_ITEM})*$`);

/**
 * The gates a commit message records as not passed, and not overridden there (with a reason): what
 * `ferry audit` reports of it. A proposal made while its approvals were pending records them so.
 * (Here rather than in promote.ts: delivery.ts needs it, and a bump loads delivery.ts before its
 * clone starts, while promote.ts would bring the YAML and config code along.)
 */
export function unpassedGates(message: string): string[] {
  const trailers = trailerList(message);
  const record = trailers.first('Ferry-Gate');
  if (record === undefined) return [];
  const override = trailers.first('Ferry-Override');
  const reason = trailers.first('Ferry-Reason');
  // A record not as Ferry writes it passed nothing (as audit reads it).
  if (!GATE_RECORD.test(record)) return [`Ferry-Gate ${JSON.stringify(record.slice(0, 80))}, not as Ferry writes it`];
  return [...record.matchAll(/(?:^| )([a-z][a-z0-9-]*)=([a-z]+)\(/g)]
    .filter((m) => m[2] !== 'pass' && !(m[1] === override && reason && !isBlank(reason)))
    .map((m) => `${m[1]}=${m[2]}`);
}

/**
 * Trailers Ferry composes from what it measured, not from a value a user gave (which each command
 * checks against its own limit first): their length is bounded where they are made (Ferry-Gate:
 * promote.ts's gateTrailer(), whatever the number of apps), and is no error of the user's input.
 */
const COMPOSED: ReadonlySet<string> = new Set(['Ferry-Gate']);

/** The longest subject commitMessage() takes. */
export const SUBJECT_MAX = 200;

/** A part of a commit subject that may be shortened to fit (a tag, a name): the trailers hold it whole. */
export interface Elidable {
  readonly elide: string;
}

export type SubjectPart = string | Elidable;

/** `text` as a part of a subject fitSubject() may shorten. */
export function elidable(text: string): Elidable {
  return { elide: text };
}

/** An image as a subject names it (describeImage(): `1.4.2 (sha256:1a2b3c4d5e6f)`), its tag elidable. */
export function subjectImage(image: { tag?: string | undefined; digest: string }): SubjectPart[] {
  return image.tag !== undefined ? [elidable(image.tag), ` (${shortDigest(image.digest)})`] : [shortDigest(image.digest)];
}

/**
 * A commit subject of at most `max` characters from `parts`: joined as they are when that fits (a
 * subject that fits reads as ever, byte for byte). Else the longest elidable parts are cut first,
 * each to the same length at most, in their middle, where `…` stands for what is left out (a tag's
 * start and its build number both stay): as little as makes the subject fit. Programs read the
 * trailers, which hold every value whole. The fixed parts of Ferry's subjects, with every elidable
 * part cut to `…`, are far below the limit.
 */
export function fitSubject(parts: readonly SubjectPart[], max = SUBJECT_MAX): string {
  const text = (p: SubjectPart) => (typeof p === 'string' ? p : p.elide);
  const whole = parts.map(text).join('');
  if (whole.length <= max) return whole;
  const fixed = parts.reduce((n, p) => n + (typeof p === 'string' ? p.length : 0), 0);
  const lengths = parts.flatMap((p) => (typeof p === 'string' ? [] : [p.elide.length]));
  // The longest length every elidable part may keep: from the longest part's down, one at a time.
  let cap = Math.max(...lengths);
  while (cap > 1 && fixed + lengths.reduce((n, l) => n + Math.min(l, cap), 0) > max) cap--;
  const cut = (s: string) => (s.length <= cap ? s : `${s.slice(0, Math.ceil((cap - 1) / 2))}…${s.slice(s.length - Math.floor((cap - 1) / 2))}`);
  return parts.map((p) => (typeof p === 'string' ? p : cut(p.elide))).join('');
}

/** A full commit message: subject, a blank line, optional body paragraphs, a blank line, trailers. */
export function commitMessage(subject: string, trailers: readonly Trailer[], body?: string): string {
  assertSingleLine(subject, 'commit subject', SUBJECT_MAX);
  for (const [key, value] of trailers) {
    if (!keyRe.test(key)) throw new Error(`internal: ${quote(key)} is not a Ferry trailer key`);
    assertSingleLine(value, key, COMPOSED.has(key) ? Infinity : undefined);
  }
  const parts = [subject];
  if (body) {
    // A body paragraph is free text; make sure none of its lines can pass for a trailer.
    parts.push(body.split(/\r?\n/).map((l) => (/^[A-Za-z0-9-]+\s*:/.test(l) ? `  ${l}` : l)).join('\n'));
  }
  parts.push(trailers.map(([k, v]) => `${k}: ${v}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/**
 * Parses the trailer block of a message: its last paragraph, when every line of it is a
 * `Key: value` trailer. Only Ferry's own keys are returned; audit reads nothing else.
 */
export function parseTrailers(message: string): Trailer[] {
  const flat = ferryTrailers(message);
  const out: Trailer[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/** What audit and history read of a commit's trailers: each key's values, in order. A ReadonlyMap of lists is one. */
export interface TrailerValues {
  get(key: string): readonly string[] | undefined;
}

/**
 * A message's Ferry trailers kept as one flat list (key, value, key, value, …): audit reads tens
 * of thousands, and a map of lists per message is ten objects where this is one.
 */
export class TrailerList implements TrailerValues {
  constructor(private readonly flat: readonly string[]) {}

  /** How many trailers there are. */
  get count(): number {
    return this.flat.length >> 1;
  }

  /** The first value of `key`. */
  first(key: string): string | undefined {
    const { flat } = this;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) return flat[i + 1];
    return undefined;
  }

  /** Every value of `key` in order, or undefined when it has none. */
  get(key: string): string[] | undefined {
    const { flat } = this;
    let values: string[] | undefined;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) (values ??= []).push(flat[i + 1]!);
    return values;
  }

  /** The keys among `keys` that appear more than once, each with how many times; undefined when none does. */
  repeated(keys: ReadonlySet<string>): [string, number][] | undefined {
    const { flat } = this;
    let out: [string, number][] | undefined;
    for (let i = 2; i < flat.length; i += 2) {
      const key = flat[i]!;
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
  *[Symbol.iterator](): IterableIterator<[string, string[]]> {
    const keys: string[] = [];
    for (let i = 0; i < this.flat.length; i += 2) if (!keys.includes(this.flat[i]!)) keys.push(this.flat[i]!);
    for (const key of keys) yield [key, this.get(key)!];
  }
}

/** The Ferry trailers of a message (as parseTrailers reads them) in a TrailerList. */
export function trailerList(message: string): TrailerList {
  return new TrailerList(ferryTrailers(message));
}

const NO_TRAILERS: readonly string[] = [];

/** parseTrailers() as one flat list, key, value, key, value, …; none when the block is not all trailers. */
function ferryTrailers(message: string): readonly string[] {
  const text = (message.includes('\r') ? message.replace(/\r\n/g, '\n') : message).trimEnd();
  const start = text.lastIndexOf('\n\n');
  if (start < 0) return NO_TRAILERS;
  const block = text.slice(start + 2);
  // A lone CR or a Unicode line break inside a line: the strict reading below decides.
  if (block.includes('\r') || block.includes('\u2028') || block.includes('\u2029')) return strictTrailers(block);
  // The same reading, by hand and in one pass (audit parses tens of thousands of messages): each
  // line's first colon must end a key. A key Ferry writes is recognized by comparing it whole,
  // which also shows that every character of it is a key character; any other is checked.
  const flat: string[] = [];
  for (let pos = 0; pos < block.length;) {
    let end = block.indexOf('\n', pos);
    if (end < 0) end = block.length;
    const colon = block.indexOf(':', pos);
    if (colon <= pos || colon > end) return NO_TRAILERS;
    let key = knownKeyAt(block, pos, colon);
    if (key === undefined) {
      for (let i = pos; i < colon; i++) if (!isKeyChar(block.charCodeAt(i))) return NO_TRAILERS;
      key = ferryKeyOf(block.slice(pos, colon));
    }
    if (key !== undefined) {
      const after = block.charCodeAt(colon + 1);
      flat.push(key, block.slice(after === 0x20 || after === 0x09 ? colon + 2 : colon + 1, end));
    }
    pos = end + 1;
  }
  return flat;
}

/** The reading of ferryTrailers() by regular expression, for a block with unusual line breaks. */
function strictTrailers(block: string): readonly string[] {
  const flat: string[] = [];
  for (const line of block.split('\n')) {
    const m = /^([A-Za-z0-9-]+):[ \t]?(.*)$/.exec(line);
    if (!m) return NO_TRAILERS;
    const key = ferryKeyOf(m[1]!);
    if (key !== undefined) flat.push(key, m[2]!);
  }
  return flat;
}

/** [A-Za-z0-9-] */
function isKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/**
 * The keys Ferry writes, by length. A key found here is handed out as this very string, not a
 * copy of it: the literal the readers look it up with, so that comparing the two is immediate.
 * Any other Ferry-* key is read too, through isFerryKey().
 */
const KNOWN_KEYS: string[][] = [];
/** The same keys by their lowercase spelling. */
const KNOWN_LOWER = new Map<string, string>();
for (const key of ['Ferry-Action', 'Ferry-Env', 'Ferry-App', 'Ferry-Image', 'Ferry-Previous-Image', 'Ferry-Requested-By', 'Ferry-Approved-By', 'Ferry-Gate', 'Ferry-Override', 'Ferry-Reason', 'Ferry-From', 'Ferry-Blocked', 'Ferry-Run', 'Ferry-Source-Revision', 'Ferry-Rollback-To']) {
  (KNOWN_KEYS[key.length] ??= []).push(key);
  KNOWN_LOWER.set(key.toLowerCase(), key);
}

/**
 * The Ferry key a trailer key other than the exact spelling of one Ferry writes is read as: a key
 * Ferry writes in another case (`ferry-gate`, `FERRY-APPROVED-BY`) is that key, as git reads it
 * (`%(trailers:key=Ferry-Gate)` and `git interpret-trailers` match keys whatever their case), so
 * that a second record in another case is a second record; any other Ferry-* key as it is;
 * undefined for a key that is not Ferry's.
 */
function ferryKeyOf(key: string): string | undefined {
  const c = key.charCodeAt(0);
  if (c !== 0x46 && c !== 0x66) return undefined; // (F, f: most keys that are not Ferry's end here)
  return KNOWN_LOWER.get(key.toLowerCase()) ?? (isFerryKey(key) ? key : undefined);
}

/** The key Ferry writes that is text[from, to), or undefined when it is none of them. */
function knownKeyAt(text: string, from: number, to: number): string | undefined {
  const known = KNOWN_KEYS[to - from];
  if (known) {
    for (const key of known) {
      let i = key.length - 1; // from the end: the keys share their start
      while (i >= 0 && text.charCodeAt(from + i) === key.charCodeAt(i)) i--;
      if (i < 0) return key;
    }
  }
  return undefined;
}

const ferryKeys = new Map<string, boolean>();
function isFerryKey(key: string): boolean {
  let known = ferryKeys.get(key);
  if (known === undefined) {
    known = keyRe.test(key);
    if (ferryKeys.size < 1000) ferryKeys.set(key, known);
  }
  return known;
}

/** The value of the last trailer named `key`, or undefined. */
export function trailer(trailers: readonly Trailer[], key: string): string | undefined {
  let found: string | undefined;
  for (const [k, v] of trailers) if (k === key) found = v;
  return found;
}
