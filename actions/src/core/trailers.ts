import { ConfigurationError, quote } from './errors.js';

/**
 * Commit messages are the audit log (DESIGN.md, "Commits are the audit log"): a subject a person
 * reads and `git interpret-trailers` trailers a program parses. A value can never contain a line
 * break or a control character, so no user text can add, change or split a trailer.
 */
export type Trailer = readonly [key: string, value: string];

const keyRe = /^Ferry-[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*$/;
// C0 controls (tab included), DEL, C1 controls, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const forbiddenRe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Throws a ConfigurationError naming `field` when `value` could break a commit message line. */
export function assertSingleLine(value: string, field: string, max = 1000): void {
  if (forbiddenRe.test(value)) {
    throw new ConfigurationError({ field, message: `must be one line of text without control characters, found ${quote(value)}` });
  }
  if (value.trim() !== value || value === '') {
    throw new ConfigurationError({ field, message: `must not be empty or start or end with white space, found ${quote(value)}` });
  }
  if (value.length > max) throw new ConfigurationError({ field, message: `must be at most ${max} characters, found ${value.length}` });
}

/** A full commit message: subject, a blank line, optional body paragraphs, a blank line, trailers. */
export function commitMessage(subject: string, trailers: readonly Trailer[], body?: string): string {
  assertSingleLine(subject, 'commit subject', 200);
  for (const [key, value] of trailers) {
    if (!keyRe.test(key)) throw new Error(`internal: ${quote(key)} is not a Ferry trailer key`);
    assertSingleLine(value, key);
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
  const paragraphs = message.replace(/\r\n/g, '\n').trimEnd().split(/\n{2,}/);
  if (paragraphs.length < 2) return [];
  const last = paragraphs[paragraphs.length - 1]!.split('\n');
  const out: Trailer[] = [];
  for (const line of last) {
    const m = /^([A-Za-z0-9-]+):[ \t]?(.*)$/.exec(line);
    if (!m) return [];
    if (keyRe.test(m[1]!)) out.push([m[1]!, m[2]!]);
  }
  return out;
}

/** The value of the last trailer named `key`, or undefined. */
export function trailer(trailers: readonly Trailer[], key: string): string | undefined {
  let found: string | undefined;
  for (const [k, v] of trailers) if (k === key) found = v;
  return found;
}
