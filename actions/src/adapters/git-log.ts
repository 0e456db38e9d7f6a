/**
 * Git's log as Ferry reads it: records of a format with a random token, parsed in place, and
 * LogFile, a log written to a file and read as it grows.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { trailerList, type TrailerList } from '../core/trailers.js';
import { gitEnded, gitProcessEnv, runningGits } from './git-process.js';

/** A commit as log() reads it. */
export interface LogEntry {
  commit: string;
  /** Committer date, ISO 8601 with the committer's zone (commitDate()). */
  date: string;
  /** The Ferry trailers of its message, each key's values in order. */
  trailers: TrailerList;
  /** The files it changed (with `files`), else empty. */
  files: string[];
  /** Its parents, the first one first (log(); firstParentHistory(): a merge's only). */
  parents?: string[];
}

/**
 * The committer date as a log prints it for commitDate(): the seconds since the epoch as stored
 * (`%ct`), then the RFC 2822 date, whose last word is the stored offset. Not `%cI`: git prints
 * what it cannot read as an ISO date too (year 10000, `+25:00`, `-100:39`), which Date reads as
 * NaN; nor `%cd`, which the user's log.date changes.
 */
export const COMMIT_DATE = '%ct %cD';

/** `%ct %cD` of an ordinary date: seconds git read (a number past its own range is printed as 1970), day, month, a four-digit year, time, and an offset of under 24 hours. */
const RFC_2822 = /^\d{1,13} [A-Z][a-z]{2}, (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d:\d\d:\d\d) ([+-][01]\d|[+-]2[0-3])([0-5]\d)$/;
const MONTHS: Readonly<Record<string, string>> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/**
 * The latest commit date read as one, in milliseconds: two years before the last a Date holds
 * (8.64e15): audit reads a freeze window's wall clock a day past a date, and what a change of the
 * windows stopped freezing a year past it, where Intl throws RangeError.
 */
const DATE_LIMIT_MS = 8.64e15 - 2 * 366 * 86_400_000;

/**
 * A COMMIT_DATE field as ISO 8601: `2026-11-24T15:00:00+01:00`, as `%cI` prints it, in the
 * committer's offset where it is one (under 24 hours, minutes under 60), else in UTC (`Z`); a year
 * past 9999 with six digits and a sign (`+010000-01-01T00:00:00Z`), as Date reads it. So every date
 * up to two years before the last a Date holds reads as one. A later one (a commit dated within two
 * years of the year 275760, where no gate can judge it, or past it), or a commit whose date git
 * cannot read, is kept as git wrote it, `@<seconds>`, or '' for none: no date
 * (Date reads NaN), which each reader takes as unknown (soak: error; audit reports it).
 */
export function commitDate(field: string): string {
  // The common case (a four-digit year, an offset of under 24 hours) from the text alone, as %cI
  // prints it: no Date made, for each of the 20,000 commits an audit reads.
  const rfc = RFC_2822.exec(field);
  if (rfc) return `${rfc[3]}-${MONTHS[rfc[2]!]}-${rfc[1]!.padStart(2, '0')}T${rfc[4]}${rfc[5]}:${rfc[6]}`;
  const m = /^(\d+) (?:.* )?([+-])(\d+)$/.exec(field);
  if (!m) {
    const seconds = /^\d+/.exec(field);
    return seconds ? `@${seconds[0]}` : '';
  }
  const ms = Number(m[1]) * 1000;
  if (!(ms <= DATE_LIMIT_MS)) return `@${m[1]}`;
  const hhmm = Number(m[3]);
  const [hours, minutes] = [Math.floor(hhmm / 100), hhmm % 100];
  const offset = (m[2] === '-' ? -1 : 1) * (hours * 60 + minutes);
  const zoned = m[3]!.length === 4 && hours < 24 && minutes < 60 && Math.abs(ms + offset * 60_000) <= DATE_LIMIT_MS;
  const text = new Date(zoned ? ms + offset * 60_000 : ms).toISOString().replace(/\.\d{3}Z$/, '');
  return zoned ? `${text}${m[2]}${m[3]!.slice(0, 2)}:${m[3]!.slice(2)}` : `${text}Z`;
}

/** A log record: token, hash, committer date, message, then (with --name-only) the files, each NUL-terminated. */
export function logFormat(token: string): string {
  return `${token}%x00%H%x00${COMMIT_DATE}%x00%B%x00`;
}

/**
 * The records of a log printed with logFormat(token), in its order; `parents`: followed by `%P`
 * (the parents, space-separated) instead of file names.
 */
export function logEntries(text: string, token: string, parents = false): LogEntry[] {
  const entries: LogEntry[] = [];
  const marker = `${token}\0`;
  for (let at = text.indexOf(marker); at >= 0;) {
    const next = text.indexOf(marker, at + marker.length);
    const to = next < 0 ? text.length : next;
    if (parents) {
      const bodyEnd = nthIndexOf(text, '\0', at + marker.length, 3);
      const entry = logEntry(text, at + marker.length, bodyEnd + 1);
      entry.parents = text.slice(bodyEnd + 1, to).split(/[\s\0]+/).filter(Boolean); // (-z ends the record with a NUL)
      entries.push(entry);
    } else entries.push(logEntry(text, at + marker.length, to));
    at = next;
  }
  return entries;
}

/** The position of the n-th `char` at or after `from` (n >= 1), or -1. */
export function nthIndexOf(text: string, char: string, from: number, n: number): number {
  let at = from - 1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(char, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** The record of logFormat() in text[from, to), after its token. */
function logEntry(text: string, from: number, to: number): LogEntry {
  const hashEnd = text.indexOf('\0', from);
  const dateEnd = text.indexOf('\0', hashEnd + 1);
  const bodyEnd = text.indexOf('\0', dateEnd + 1);
  return { commit: text.slice(from, hashEnd), date: commitDate(text.slice(hashEnd + 1, dateEnd)), trailers: trailerList(text.slice(dateEnd + 1, bodyEnd)), files: fileNames(text, bodyEnd + 1, to) };
}

/**
 * A record of firstParentHistory() in text[from, to), after its token: hash, committer date,
 * parents, message, then the files. A merge's parents are kept (`parents`); a commit of one
 * parent, nearly every one, makes no list.
 */
export function walkedEntry(text: string, from: number, to: number): LogEntry {
  const hashEnd = text.indexOf('\0', from);
  const dateEnd = text.indexOf('\0', hashEnd + 1);
  const parentsEnd = text.indexOf('\0', dateEnd + 1);
  const bodyEnd = text.indexOf('\0', parentsEnd + 1);
  const entry: LogEntry = { commit: text.slice(from, hashEnd), date: commitDate(text.slice(hashEnd + 1, dateEnd)), trailers: trailerList(text.slice(parentsEnd + 1, bodyEnd)), files: fileNames(text, bodyEnd + 1, to) };
  const space = text.indexOf(' ', dateEnd + 1);
  if (space >= 0 && space < parentsEnd) entry.parents = text.slice(dateEnd + 1, parentsEnd).split(' ');
  return entry;
}

/** The names git prints with --name-only -z in text[from, to), each NUL-terminated. */
function fileNames(text: string, from: number, to: number): string[] {
  const files: string[] = [];
  for (let pos = from; pos < to;) {
    let end = text.indexOf('\0', pos);
    if (end < 0 || end > to) end = to;
    while (pos < end && text.charCodeAt(pos) === 0x0a) pos++; // the line break git puts before the names
    if (end > pos) files.push(text.slice(pos, end));
    pos = end + 1;
  }
  return files;
}

/**
 * A `git log` running with a file as its standard output, read as the file grows. git flushes
 * after every commit when it writes to a pipe or to --output=<file>, but not to a regular file on
 * its standard output: far fewer writes, and no wake-up per commit. The reads are synchronous:
 * the file is in the page cache, and a read through the thread pool costs more than it does.
 * git exits before its file is read to the end: `read(exited)` with the exit seen before the
 * read takes the last record too.
 */
export class LogFile {
  exited = false;
  code: number | null = null;
  /** The signal that stopped git, when one did (then `code` is null). */
  signal: NodeJS.Signals | null = null;
  /** A reader's callback refused a record: the readers met. */
  stopped = false;
  /** Everything git wrote has been read (after it exited). */
  drained = false;
  readonly closed: Promise<void>;
  private fd: number | undefined;
  private position = 0;
  private text = '';
  private readonly decoder = new StringDecoder('utf8');
  private ascii = true;
  private readonly marker: string;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private stderr = '';
  private killed = false;
  private readonly child: ChildProcessByStdio<null, null, Readable>;

  constructor(path: string, token: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.marker = `${token}\0`;
    const out = openSync(path, 'w');
    try {
      this.fd = openSync(path, 'r');
      // (node's typings have no overload for a descriptor: standard output is the file, so null)
      this.child = spawn('git', args, { ...options, env: gitProcessEnv(options.env), stdio: ['ignore', out, 'pipe'] }) as ChildProcessByStdio<null, null, Readable>;
    } catch (error) {
      if (this.fd !== undefined) closeSync(this.fd);
      throw error;
    } finally {
      closeSync(out);
    }
    const { child } = this;
    runningGits.add(child);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    this.closed = new Promise((resolveClosed) => {
      child.once('error', (e) => {
        this.stderr += `cannot run git: ${e.message}`;
        this.exited = true;
        resolveClosed();
      });
      child.once('close', (code, signal) => {
        runningGits.delete(child);
        this.code = code;
        this.signal = signal;
        this.exited = true;
        resolveClosed();
      });
    });
  }

  /** git failed on its own (not stopped by Ferry). */
  get failed(): boolean {
    return this.exited && !this.killed && this.code !== 0;
  }

  failure(): string {
    const reason = this.stderr.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
    return reason || gitEnded(this.code, this.signal);
  }

  /**
   * Reads what git wrote since the last call and hands each complete record (text, from, to)
   * to `take`, until it returns false. `exited`: git had exited before this call, so the file
   * is complete and its last record too.
   */
  read(exited: boolean, take: (text: string, from: number, to: number) => boolean): void {
    if (this.stopped || this.drained || this.fd === undefined) return;
    for (;;) {
      const bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
      if (bytesRead === 0) break;
      this.position += bytesRead;
      const chunk = this.buffer.subarray(0, bytesRead);
      // Pure ASCII (the usual case) needs no UTF-8 decoding; once anything else came, the decoder
      // takes every chunk, as it may hold the start of a character cut at the chunk's end.
      if (this.ascii && isAscii(chunk)) this.text += chunk.toString('latin1');
      else {
        this.ascii = false;
        this.text += this.decoder.write(chunk);
      }
    }
    if (exited) this.text += this.decoder.end();
    const { text, marker } = this;
    let at = text.indexOf(marker);
    if (at < 0) { // not one whole token yet
      if (exited) {
        this.text = '';
        this.drained = true;
      }
      return;
    }
    while (at >= 0) {
      const next = text.indexOf(marker, at + marker.length);
      if (next < 0 && !exited) break;
      if (!take(text, at + marker.length, next < 0 ? text.length : next)) {
        this.stopped = true;
        return;
      }
      at = next;
    }
    this.text = at < 0 ? '' : text.slice(at);
    if (exited) this.drained = true;
  }

  /** Stops git (when it still runs) and closes the file. */
  stop(): void {
    if (!this.exited && !this.killed) {
      this.killed = true;
      this.child.kill('SIGTERM');
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
