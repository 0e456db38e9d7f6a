/**
 * The two kinds of failure a user must tell apart (STYLE.md, "Errors"):
 * - ConfigurationError: their input is wrong. Exit code 2, nothing written.
 * - everything else: the world failed. Exit code 1.
 */
import { visible } from './table.js';

/** One thing wrong with the user's input, located as precisely as we can. */
export interface Problem {
  /** Path of the file, relative to the env repo when it is in one. */
  file?: string;
  /** 1-based line and column. */
  line?: number;
  column?: number;
  /** The field, as a path: `apps[1].image`, `environments[2].promoteFrom`. */
  field?: string;
  /** What was expected and what was found, with the bad value quoted. */
  message: string;
}

export function formatProblem(p: Problem): string {
  let where = '';
  if (p.file !== undefined) {
    where = p.file;
    if (p.line !== undefined) where += `:${p.line}`;
    if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  }
  const parts = [where, p.field].filter((s): s is string => !!s);
  return parts.length ? `${parts.join(': ')}: ${p.message}` : p.message;
}

export class ConfigurationError extends Error {
  readonly problems: Problem[];
  /** The env repo's commit whose files the problems are in, when they were found in one. */
  commit?: string;

  constructor(problems: Problem[] | Problem | string) {
    const list = typeof problems === 'string' ? [{ message: problems }] : Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'ConfigurationError';
    this.problems = list;
  }
}

/**
 * A file larger than Ferry reads as text (`bytes` long): the reader's limit, not a fault of the
 * file's, which a caller that only looks at what a file says (an Argo CD override file, which
 * Argo CD reads whatever its size) tells apart from a file that cannot be read.
 */
export class FileTooLargeError extends ConfigurationError {
  constructor(problem: Problem, readonly bytes: number) {
    super(problem);
  }
}

/**
 * Quote a user-supplied value for an error message, short enough to read. Every control or bidi
 * character is written out (JSON.stringify leaves DEL, the C1 controls and the bidi marks as they
 * are): the value shows as it is instead of acting on the terminal or the log that shows it.
 */
/**
 * quote() for a value that is to be plain ASCII (a name, a host): every character that is not
 * printable ASCII is written out too, so that a letter that only looks like one (a Cyrillic `е`
 * in `user-servicе`) shows as what it is.
 */
export function quoteAscii(value: string, max = 80): string {
  return quote(value, max).replace(/[^\x20-\x7e]/gu, (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}

export function quote(value: unknown, max = 80): string {
  let s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  // (Format characters too, zero-width ones among them, and the blank fillers: a value quoted is
  // shown as it is, and `"bob\u200b"` is no `"bob"`.)
  return visible(JSON.stringify(s)).replace(/[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu, (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}
