import { eastAsianWidth } from 'get-east-asian-width';

/**
 * A plain-text table: columns padded to their widest cell, two spaces apart, the last unpadded.
 * Every cell is shown with visible() first: cells hold text from commits and files (an author's
 * name, a trailer, a value quoted in a problem), which must not move the cursor or reorder text.
 * Cells are padded by the columns they take on a terminal (displayWidth()), not their length.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((l) => l.map(visible));
  const cellWidths = lines.map((l) => l.map(displayWidth));
  // (A loop, not Math.max(...): a spread of 200,000 rows, a long history, overflows the stack.)
  const widths = header.map(() => 0);
  for (const l of cellWidths) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, l[i] ?? 0);
  return lines.map((l, r) => l.map((c, i) => (i === l.length - 1 ? c : c + ' '.repeat(widths[i]! - cellWidths[r]![i]!))).join('  ').trimEnd()).join('\n');
}

// Characters that take no column: combining marks (an accent written after its letter), format
// characters (zero-width joiner and spaces), and Hangul vowels and finals that join the syllable before.
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf}|[\u1160-\u11ff\ud7b0-\ud7ff])$/u;

/**
 * The columns `text` takes on a terminal, as a monospace terminal draws it: a character East Asian
 * Wide or Fullwidth in Unicode's data (get-east-asian-width: `漢`, `Ａ`, most emoji) two, a
 * combining mark or a zero-width character none, any other one. (Text shown with visible() first:
 * no control character is left in it.)
 */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length; // (printable ASCII, the common case)
  let width = 0;
  for (const c of text) width += ZERO_WIDTH.test(c) ? 0 : eastAsianWidth(c.codePointAt(0)!);
  return width;
}

/** The widest a tag is shown in a table (a tag may have 128 characters): longer ones are cut with `…`; --json has them whole. */
export const TAG_WIDTH = 24;

/**
 * `text` cut to `width` characters, the last of them `…`, when it is longer (as `docker ps` cuts a
 * long command): a cell that would otherwise set the width of its column for every line.
 */
export function clip(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

// C0 controls (tab and line breaks included), DEL, C1 controls, the Unicode line and paragraph
// separators, and the bidirectional marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * `text` for a terminal: each control character (escape sequences, line breaks, bidi overrides)
 * written out as `\u001b`, so that it shows instead of acting. Other text is unchanged.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, writtenOut);
}

/** A character as its escape, `\\u001b`. */
function writtenOut(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text of several lines for a terminal or a log: as visible(), but its line breaks (LF, and CRLF
 * as a file may have them) and tabs stay. A carriage return of its own is written out: it would
 * let a line overwrite what came before it.
 */
export function visibleLines(text: string): string {
  return text.replace(INVISIBLE, (c, at: number) => (c === '\n' || c === '\t' || (c === '\r' && text[at + 1] === '\n') ? c : writtenOut(c)));
}

/** A date as `YYYY-MM-DD HH:MM:SSZ` in UTC (commits from different zones compare at a glance). */
export function utc(date: string): string {
  return isoUtc(date).replace('T', ' ');
}

/**
 * A date as the git adapter reads it (ISO 8601 with the committer's zone) as an ISO instant in UTC,
 * `2026-11-24T14:00:00Z` (a year past 9999 with its sign, `+010000-01-01T00:00:00Z`); text that is
 * no date (a commit date past what Date holds, `@<seconds>`) as it is. Not for comparing dates:
 * compare their instants (Date.parse).
 */
export function isoUtc(date: string): string {
  const time = new Date(date);
  return Number.isNaN(time.getTime()) ? date : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
