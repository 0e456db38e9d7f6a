/**
 * The env repo through git itself: a temporary, bare, shallow, blob-less clone, so that the cost
 * of a change follows the files it touches, not the repository's size or history. Files are read
 * on demand (git fetches the blobs it is missing from the promisor remote), a commit is made by
 * one `git fast-import` that touches only the trees along the changed paths, and is pushed without
 * force. Every git call is spawned with an argument array and GIT_TERMINAL_PROMPT=0; credentials
 * come from git's own configuration (credential helpers, GIT_ASKPASS), or from the action's
 * github-token, which the action runtime hands over with setGitEnvironment() (git-process.ts, with the
 * processes themselves), never from process.env.
 * The rest of a user's git configuration and environment does not reach the clone (gitProcessEnv()),
 * and a git talking to a server is told of while silent and stopped after FERRY_GIT_TIMEOUT seconds
 * without data.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ConfigurationError, FileTooLargeError, quote } from '../core/errors.js';
import { redactUrl, rememberCredentials, rememberSecret } from '../core/redact.js';
import { trailerList, type TrailerList } from '../core/trailers.js';
import { visibleLines } from '../core/table.js';
import { withLocalLock, type LockWait } from './local-lock.js';
import { DEFAULT_GIT_TIMEOUT_S, GitError, gitConfigEnv, gitEnded, gitEnvironment, gitProcessEnv, gitTimeoutSeconds, makeTempDir, openClones, removeTempDir, runGit, runningGits, writeUnderWay, type RunResult } from './git-process.js';
import { COMMIT_DATE, LogFile, commitDate, logEntries, logFormat, nthIndexOf, walkedEntry, type LogEntry } from './git-log.js';
import { NonFastForwardError, type EnvRepo, type EnvRepoSnapshot, type FileChange } from '../core/env-repo-writer.js';

export { redactUrl };

/**
 * The URL git should use for `--repo`: URLs (`file://`, `git://`, `http(s)://`, `ssh://`) and
 * scp-like `user@host:path` as they are; a local path as a `file://` URL, so that git uses its
 * packing transport (a plain path clone ignores --depth and --filter).
 */
export function remoteUrl(repo: string, cwd = process.cwd()): string {
  // Whatever a message may hold of it from now on, its credentials are masked (redactUrl).
  rememberCredentials(repo);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return repo;
  if (/^[^/]*:/.test(repo) && !/^[a-z]:[\\/]/i.test(repo)) return repo; // scp-like ssh
  return `file://${isAbsolute(repo) ? repo : resolve(cwd, repo)}`;
}

/**
 * What git is given for the remote `url`, and the variables its environment gets besides. An
 * http(s) URL with a password in it (`https://user:token@host/…`) loses its user info: on git's
 * command line, and in the clone's config, it could be read by every user of the machine (ps,
 * /proc/<pid>/cmdline); a process's environment, by its user alone. The credentials go instead as
 * the basic Authorization header git would send after the server's 401 (user name and password
 * percent-decoded, as git decodes them), for that origin, through GIT_CONFIG_COUNT / _KEY_n /
 * _VALUE_n after those `env` has. The user info is found by git's own rule: all before the first
 * `@`, when no `/`, `?` or `#` comes before it. Any other URL (a user name alone, whose password git
 * asks the credential helpers for; a second `@` before the path, which git refuses; ssh, git://,
 * file://) is given as it is.
 */
export function gitRemote(url: string, env: NodeJS.ProcessEnv = {}): { url: string; env: Record<string, string> } {
  const m = /^(https?:\/\/)([^@/?#]*)@([^/?#]*)(.*)$/is.exec(url);
  const colon = m?.[2]!.indexOf(':') ?? -1;
  // (A second `@` before the path, a password with a raw `@`: no URL git takes; it says so itself.)
  if (!m || colon < 0 || m[3]!.includes('@')) return { url, env: {} };
  const [, scheme, info, host, rest] = m as unknown as [string, string, string, string, string];
  const basic = Buffer.concat([percentDecoded(info.slice(0, colon)), Buffer.from(':'), percentDecoded(info.slice(colon + 1))]).toString('base64');
  // The header holds the credentials too: a message echoing it (a server's error page) masks it.
  rememberSecret(basic);
  return { url: `${scheme}${host}${rest}`, env: gitConfigEnv(`http.${scheme.toLowerCase()}${host}/.extraheader`, `Authorization: Basic ${basic}`, env) };
}

/** The bytes of a URL's percent-encoded part, as git decodes it: each `%XX` a byte, the rest as written. */
function percentDecoded(text: string): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of text.matchAll(/%([0-9a-f]{2})/gi)) {
    parts.push(Buffer.from(text.slice(last, m.index), 'utf8'), Buffer.from([parseInt(m[1]!, 16)]));
    last = m.index! + 3;
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/**
 * A local repository that is a shallow clone (`git clone --depth`, a CI checkout's default), given
 * to a command that reads the history: what it would say of commits past the cut (when and by
 * which commit each image was pinned, the soak, earlier pins, audit's rules) would be wrong.
 */
function shallowClone(url: string, path: string): ConfigurationError {
  return new ConfigurationError({
    field: 'repo',
    message: `${redactUrl(url)} is a shallow clone: its history stops short, and this command reads the history (when and by which commit each image was pinned, the soak, the pins to roll back to, the rules audit checks), which would come out wrong. Fetch the rest (git -C ${JSON.stringify(path)} fetch --unshallow, or fetch-depth: 0 for actions/checkout), or name the repository it was cloned from`,
  });
}

/**
 * What git's config of a local repository (`git config --get-regexp`, the lines `remote.<name>.url
 * <url>` and `branch.<branch>.remote <name>`) says of the remote it was cloned from: the URL of the
 * remote `branch` tracks; undefined when it tracks none (an env repo of its own, which may have
 * remotes for other uses).
 */
export function cloneRemote(configLines: string, branch: string): string | undefined {
  const urls = new Map<string, string>();
  let tracked: string | undefined;
  for (const line of configLines.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const [key, value] = [line.slice(0, space), line.slice(space + 1)];
    const remote = /^remote\.(.+)\.url$/.exec(key);
    if (remote && !urls.has(remote[1]!)) urls.set(remote[1]!, value);
    if (key === `branch.${branch}.remote`) tracked = value;
  }
  // (A clone's branch tracks the remote it came from; a repository that only has a remote, for a
  // backup or a mirror, is an env repo of its own.)
  return tracked === undefined ? undefined : urls.get(tracked);
}

/** The config lines cloneRemote() reads (and remote.origin.promisor, which openForReading() asks about). */
function cloneConfigPattern(branch: string): string {
  return `^(remote\\..*\\.(url|promisor)|branch\\.${branch.replace(/[.]/g, '\\.')}\\.remote)$`;
}

/**
 * The warning for `--repo` naming a working clone (not bare) of another repository: Ferry reads
 * and writes the branch of the repository it is given, which knows nothing of what landed in its
 * remote since it was last pulled (status showed the old pins, promote found nothing to do).
 */
function workingCloneWarning(url: string, branch: string, remote: string): string {
  return `${redactUrl(url)} is a working clone (not bare) of ${redactUrl(remote)}: Ferry reads and writes this clone's branch ${branch}, not its remote's, which may have moved on; to work on the env repo itself, name it: --repo ${redactUrl(remote)}`;
}

/** The remote a local repository is a working clone of (cloneRemote()); undefined for a bare one, one with no remote, or none at all. */
async function workingCloneOf(path: string, branch: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  // (A working clone has a .git beside its files, or is named by its .git; a bare repository, the
  // usual env repo, is told by that alone, without starting a git beside the clone.)
  if (!existsSync(join(path, '.git')) && basename(path) !== '.git') return undefined;
  const run = (args: string[]) => runGit(['-C', path, ...args], { cwd: tmpdir(), env: { ...env, LC_ALL: 'C' } }).then((out) => out.stdout.toString('utf8'), () => '');
  const [bare, config] = await Promise.all([run(['rev-parse', '--is-bare-repository']), run(['config', '--get-regexp', cloneConfigPattern(branch)])]);
  return bare.trim() === 'false' ? cloneRemote(config, branch) : undefined;
}

function warnOf(options: GitEnvRepoOptions, message: string): void {
  if (options.warn) options.warn(message);
  else printWarning(message);
}

/**
 * A warning on stderr, as `ferry: warning: …` (for one a command holds for its result, and would
 * lose with it on a failure), its control characters written out as every other line Ferry
 * prints has them (visibleLines): a remote's URL it quotes is the repository's config, and an
 * escape sequence there must show, not act on the terminal.
 */
export function printWarning(message: string): void {
  process.stderr.write(`ferry: warning: ${visibleLines(message)}\n`);
}

/** The directory of a `file://` URL (as remoteUrl() makes one of a path); undefined for any other. */
function localPath(url: string): string | undefined {
  return url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : undefined;
}

/**
 * What keeps `branch` from being a plain branch name, or undefined: letters, digits, '.', '_', '-'
 * and '/', by git's rules for a ref's name (git check-ref-format): no part of it between slashes
 * empty, starting with '.' or ending in '.lock', no '..', no '.' at its end. Git refuses the
 * others as branch names, and a fetch or push of them failed with a message of a missing branch.
 */
function branchNameProblem(branch: string): string | undefined {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch)) return "letters, digits, '.', '_', '-' and '/'";
  if (branch.startsWith('-')) return "not starting with '-'";
  if (branch.startsWith('refs/')) return `the branch's own name${branch.startsWith('refs/heads/') ? ` (${JSON.stringify(branch.slice('refs/heads/'.length))})` : ''}, not a full ref`;
  if (branch.split('/').some((part) => part === '')) return "no '/' at either end, nor two together";
  if (branch.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) return "no part between slashes starting with '.' or ending in '.lock'";
  if (branch.includes('..')) return "no '..'";
  if (branch.endsWith('.')) return "not ending in '.'";
  return undefined;
}

/** Throws a ConfigurationError unless `branch` is a plain branch name (as open() accepts for --branch). */
export function assertBranchName(branch: string, field = 'branch'): void {
  const problem = branchNameProblem(branch);
  if (problem !== undefined) throw new ConfigurationError({ field, message: `expected a branch name (${problem}), found ${JSON.stringify(branch)}` });
}

const UPLOAD_PACK_WITH_FILTER = 'git -c uploadpack.allowFilter=true upload-pack';

/** Where fast-import leaves the commit it makes (in the temporary clone only; never pushed by name). */
const PENDING_REF = 'refs/ferry/pending';

/** `Name <email>` and the time zone, without the time: the time is taken when each commit is made. */
interface Identity {
  nameEmail: string;
  zone: string;
  /** The time git was told to use (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), as git commit honours it. */
  fixedEpoch?: number;
}

/** Who commits when git knows no identity (no user.name / user.email, no GIT_AUTHOR_* / GIT_COMMITTER_*). */
const FALLBACK_IDENTITY: Identity = { nameEmail: 'Ferry <ferry@users.noreply.invalid>', zone: '+0000' };

/** The offsets fast-import takes in a commit's date (--date-format=raw): at most 14 hours either way. */
const MAX_ZONE = 1400;
/**
 * The latest commit date, in seconds, that gates can judge: two years before the last instant a
 * Date holds (8.64e15 ms, in the year 275760), since a freeze window's wall clock is read a day
 * ahead of the instant judged (and what a change of the windows stopped freezing, a year ahead),
 * and Intl throws RangeError past it.
 */
const MAX_DATE_S = (8.64e15 - 2 * 366 * 86_400_000) / 1000;

/**
 * Git's own author or committer identity (config, GIT_AUTHOR_*), or Ferry's when git has none. A
 * GIT_AUTHOR_DATE / GIT_COMMITTER_DATE git cannot read is bad input (git commit refuses it), not a
 * reason to drop the identity given with it and date the commit now: a ConfigurationError naming
 * the variable. So is one git reads as a date Ferry cannot commit with (an offset fast-import
 * refuses: `+2500`, or `-9999`, which git reads as `-10039`; a date within two years of the year
 * 275760 or past it, which no gate can judge; one before 1970 on its own clock, `@3600 -1200`, which
 * git then cannot print), and a GIT_AUTHOR_NAME / GIT_COMMITTER_NAME git refuses (empty, punctuation
 * only). Without a date given, an offset from TZ that fast-import refuses is taken as +0000: the
 * same instant, the user's identity kept.
 */
async function identity(variable: 'GIT_AUTHOR_IDENT' | 'GIT_COMMITTER_IDENT', env: NodeJS.ProcessEnv): Promise<Identity> {
  const role = variable === 'GIT_AUTHOR_IDENT' ? 'AUTHOR' : 'COMMITTER';
  const dated = env[`GIT_${role}_DATE`];
  const named = env[`GIT_${role}_NAME`];
  const unusable = (read: string, why: string) => new ConfigurationError({
    field: `GIT_${role}_DATE`,
    message: `expected a date git reads, as git commit takes it, with a time zone offset of at most 14 hours (-1400 to +1400), found ${quote(dated!)}, which git reads as ${quote(read)} (${why}); nothing was written`,
  });
  const ask = async (askEnv: NodeJS.ProcessEnv): Promise<Identity | undefined> => {
    let out: string;
    try {
      out = (await runGit(['var', variable], { cwd: tmpdir(), env: askEnv })).stdout.toString('utf8').trim();
    } catch (error) {
      if (dated && error instanceof GitError && /invalid date format/.test(error.message)) {
        throw new ConfigurationError({
          field: `GIT_${role}_DATE`,
          message: `expected a date git reads, as git commit takes it ("2025-01-31T12:00:00Z", "@1738324800 +0000", an RFC 2822 date), found ${quote(dated)}; nothing was written`,
        });
      }
      // A name given that git refuses: git commit refuses it too (Ferry's name is not taken instead).
      if (named !== undefined && askEnv[`GIT_${role}_NAME`] === named && error instanceof GitError && /empty ident name|name consists only of disallowed characters/.test(error.message)) {
        throw new ConfigurationError({
          field: `GIT_${role}_NAME`,
          message: `expected a name git takes for a commit (not empty, not only punctuation or white space), found ${quote(named)}; nothing was written`,
        });
      }
      return undefined;
    }
    const m = /^(.*<[^<>]*>) (\d+) ([+-])(\d+)$/.exec(out);
    // (git var reads the date: what it prints is what git commit would record.)
    const read = m ? `${m[2]} ${m[3]}${m[4]}` : out.replace(/^.*> /, '');
    const zone = m ? Number(m[4]) : NaN;
    if (!m || m[4]!.length !== 4 || zone > MAX_ZONE || zone % 100 >= 60) {
      if (dated) throw unusable(read, m ? 'an offset no commit can have' : 'not a date');
      // (An offset from TZ fast-import refuses, with no date given: the user's identity, in UTC, at the same instant.)
      return m ? { nameEmail: m[1]!, zone: '+0000' } : undefined;
    }
    if (dated && Number(m[2]) > MAX_DATE_S) throw unusable(read, 'within two years of the year 275760, where Date ends: a date no gate can judge');
    // (git cannot print a date before 1970 on its own clock: `fatal: Timestamp before Unix epoch`, in every later log.)
    if (dated && Number(m[2]) + (m[3] === '-' ? -1 : 1) * (Math.floor(zone / 100) * 3600 + (zone % 100) * 60) < 0) throw unusable(read, 'before 1970-01-01 on its own clock, which git cannot print');
    return { nameEmail: m[1]!, zone: `${m[3]}${m[4]}`, ...(dated ? { fixedEpoch: Number(m[2]) } : {}) };
  };
  // Without an identity of git's own, Ferry's, at the date asked for (a runner has no identity, and
  // GIT_COMMITTER_DATE is honoured all the same; git reads the date in any form it takes).
  return (await ask(env))
    ?? (dated ? await ask({ ...env, [`GIT_${role}_NAME`]: 'Ferry', [`GIT_${role}_EMAIL`]: 'ferry@users.noreply.invalid' }) : undefined)
    ?? FALLBACK_IDENTITY;
}

function stamp(who: Identity, epochSeconds: number): string {
  return `${who.nameEmail} ${who.fixedEpoch ?? epochSeconds} ${who.zone}`;
}

/** A path for fast-import: C-style quoted, so that spaces, quotes and control characters are safe. */
function quotePath(path: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return `"${path.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`;
}

export interface GitEnvRepoOptions {
  /** `--repo` as the user gave it. */
  repo: string;
  branch: string;
  /** Fetch the whole history (without blobs), for commands that read it. Default: the head only. */
  history?: boolean;
  /**
   * What every snapshot reads first, fetched in one round with the head: files (`ferry.yaml`)
   * and directories at the root (`dev/`: their listings, a guess at where a manifest is).
   */
  readAhead?: readonly string[];
  /** Git's environment; defaults to this process's, with what setGitEnvironment() gave. */
  env?: NodeJS.ProcessEnv;
  /** Progress lines: a long wait for another Ferry process on this machine writing to the same branch. */
  progress?: (line: string) => void;
  /**
   * Told of `--repo` naming a working clone of another repository (workingCloneWarning()), before
   * anything is read from it. Default: a line on stderr.
   */
  warn?: (message: string) => void;
}

export interface CommitInfo {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  /** The author's name, as git recorded it. */
  author: string;
  /** A Ferry commit's Ferry-Requested-By trailer (the first; read as history and audit read trailers), when it has one: commit text, any user's. */
  requestedBy?: string;
  subject: string;
}

/**
 * The pauses between looks at a branch whose lock on the server another push holds (~8 s in all):
 * that push may take a while to land (a slow reference-transaction hook). The branch unmoved after
 * them, the push is tried once more; a lock taken at that try too is taken for a stale one.
 */
const LOCK_WAITS_MS = [250, 500, 1000, 2000, 4000];
const LOCK_WAIT_S = Math.round(LOCK_WAITS_MS.reduce((a, b) => a + b) / 1000);

/** One entry of a tree object. */
interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
}

/** Names looked up in a tree one scan each; past these, the tree is indexed whole. */
const LOOKUPS_BEFORE_INDEX = 8;

/**
 * A tree object's listing, read only as far as the names asked for: a bump goes through a
 * directory of thousands of apps for one of them. Each entry is `<mode> <name>\0<id>`, the id
 * raw: 20 bytes in a SHA-1 repository, 32 in a SHA-256 one (as long as the tree's own id says).
 */
class TreeListing {
  private readonly found = new Map<string, TreeEntry | undefined>();
  /** Bytes in an entry's raw id. */
  private readonly idLength: number;

  constructor(
    private readonly oid: string,
    private readonly content: Buffer,
  ) {
    this.idLength = oid.length / 2;
  }

  /** Whether `found` holds every entry (a listing looked up again and again). */
  private indexed = false;

  /** The entry named `name`, or undefined. */
  get(name: string): TreeEntry | undefined {
    if (this.found.has(name) || this.indexed) return this.found.get(name);
    if (this.found.size >= LOOKUPS_BEFORE_INDEX) {
      // Many names in one directory (a promotion of every app reads each one's manifest): one
      // scan for all of them, not one per name through thousands of entries.
      this.scan((pos, space, nul) => {
        const entryName = this.content.subarray(space + 1, nul).toString('utf8');
        if (!this.found.has(entryName)) this.found.set(entryName, this.entryAt(pos, space, nul));
        return true;
      });
      this.indexed = true;
      return this.found.get(name);
    }
    const want = Buffer.from(name, 'utf8');
    let entry: TreeEntry | undefined;
    this.scan((pos, space, nul) => {
      if (nul - space - 1 !== want.length || this.content.compare(want, 0, want.length, space + 1, nul) !== 0) return true;
      entry = this.entryAt(pos, space, nul);
      return false;
    });
    this.found.set(name, entry);
    return entry;
  }

  /** Every entry with its name, in the tree's order. */
  entries(): (TreeEntry & { name: string })[] {
    const all: (TreeEntry & { name: string })[] = [];
    this.scan((pos, space, nul) => {
      all.push({ name: this.content.subarray(space + 1, nul).toString('utf8'), ...this.entryAt(pos, space, nul) });
      return true;
    });
    return all;
  }

  /** Calls `visit` with where each entry's mode, name and id start, until it returns false. */
  private scan(visit: (pos: number, space: number, nul: number) => boolean): void {
    const { content, idLength } = this;
    for (let pos = 0; pos < content.length;) {
      const space = content.indexOf(0x20, pos);
      const nul = space < 0 ? -1 : content.indexOf(0, space);
      if (nul < 0 || nul + 1 + idLength > content.length) throw new GitError(`tree ${this.oid} cannot be read: an entry at byte ${pos} is cut short`, null);
      if (!visit(pos, space, nul)) return;
      pos = nul + 1 + idLength;
    }
  }

  private entryAt(pos: number, space: number, nul: number): TreeEntry {
    const mode = this.content.subarray(pos, space).toString('latin1');
    const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    return { mode, type, oid: this.content.subarray(nul + 1, nul + 1 + this.idLength).toString('hex') };
  }
}

/** An object as `git cat-file --batch` gives it. */
interface RawObject {
  oid: string;
  type: string;
  content: Buffer;
}

/**
 * How the clone was made, and so which objects are here:
 *  - `treeless` (--filter=tree:1): each commit comes with the listing of its root directory.
 *    A directory below is fetched when a path goes through it (alone, `tree:0`), or with the
 *    files directly in it when a file there is read (`tree:1`). The read-ahead starts right
 *    after: ferry.yaml in one round, with the first level of the directory a manifest is likely
 *    in (`prod/`); each level below is a round of its own (`prod/api/` with its files). A bump in
 *    a repository of thousands of directories fetches the few along its paths.
 *  - `blobless` (--filter=blob:none): every tree, no file until read. For servers that refuse
 *    tree filters deeper than 0 (GitHub allows only tree:0) and for history (`git log` reads trees).
 *    The read-ahead's directories are listed from the trees here, and the files directly in them
 *    join the fetch of its files: ferry.yaml and a bump's manifest come in one round after the clone.
 *  - `complete`: the server ignored the filter and sent everything.
 */
type CloneMode = 'treeless' | 'blobless' | 'complete';

const CLONE_FILTER = { treeless: 'tree:1', blobless: 'blob:none' } as const;

export class GitEnvRepo implements EnvRepo {
  /** Whether the branch may have moved since it was last fetched (a lost race, a wait for a turn). */
  private stale = false;
  /** Who commits; a ConfigurationError for a GIT_*_DATE git cannot read (identity()), thrown by commit(). */
  private author: Identity | ConfigurationError = FALLBACK_IDENTITY;
  private committer: Identity | ConfigurationError = FALLBACK_IDENTITY;
  private mode: CloneMode = 'treeless';
  /** Whether the clone holds the whole history (kept whole on later fetches). */
  private history = false;
  /** Objects known to be in the clone (trees and blobs that may be missing otherwise). */
  private readonly present = new Set<string>();
  /** Trees read so far, by id. */
  private readonly trees = new Map<string, TreeListing>();
  /** Each commit's root tree. */
  private readonly roots = new Map<string, string>();
  /**
   * The entry of each version readFilesAt() read (`<commit>\0<path>`; null: no such file), not
   * the trees it was found in: a version is read again (promote --all reads the newest two of
   * every manifest at once, then each app's as it needs them).
   */
  private readonly versionEntries = new Map<string, TreeEntry | null>();
  private reader: ObjectReader | undefined;
  /** Fetches under way, by the ids they bring. */
  private readonly inflight = new Map<string, Promise<void>>();
  /** Trees fetched with the files directly in them (`tree:1`). */
  private readonly withEntries = new Set<string>();
  /** Read-ahead of directories running in the background (never rejects). */
  private background: Promise<unknown> = Promise.resolve();
  /** A head() started by readHeadAhead(), for the next head() to take. */
  private headAhead: Promise<GitSnapshot> | undefined;
  /** A repository on this machine read where it is (openForReading): nothing to fetch or remove. */
  private inPlace = false;
  /** Such a repository's object store (an absolute path): what a scratch repository borrows from (mergedAsGitWould()). */
  private objectsDir: string | undefined;
  /** `url` is a working clone (not bare) of this remote: a push to its checked-out branch is refused. */
  private cloneOf: string | undefined;
  /** The parent of each commit made here: its push expects the branch there (a compare-and-swap). */
  private readonly parentOf = new Map<string, string>();
  /** For such a repository, the branch's head as resolved when it was opened, until head() gives it out. */
  private openedAt: string | undefined;
  private progress: ((line: string) => void) | undefined;

  /** The URL git is given (gitRemote(): `url` without a password, which goes in `env`). */
  private remote: string;
  /** `url` has a user name and password, which git sends as a header (gitRemote()). */
  private credentialsInUrl = false;
  /** Seconds a clone, fetch or push may take (FERRY_GIT_TIMEOUT). */
  private timeoutS = DEFAULT_GIT_TIMEOUT_S;

  private constructor(
    readonly url: string,
    readonly branch: string,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly readAhead: readonly string[] = [],
  ) {
    this.remote = url;
  }

  /**
   * For commands that only read (audit, history, status): a repository on this machine (a path or
   * a file:// URL) is read where it is, without a clone; any other remote is cloned as by open().
   */
  static async openForReading(options: GitEnvRepoOptions): Promise<GitEnvRepo> {
    const url = remoteUrl(options.repo);
    const path = localPath(url);
    if (path === undefined || branchNameProblem(options.branch) !== undefined) return GitEnvRepo.open(options); // (which says what is wrong)
    const env = { ...(options.env ?? gitEnvironment()), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
    let tip: string;
    let shallow: boolean;
    let cloneOf: string | undefined;
    let objectsDir: string | undefined;
    try {
      // Only a repository whose objects are all here can be read in place (not a partial clone).
      // (Its remotes too: a working clone of another repository is warned of.)
      const [config, head] = await Promise.all([
        runGit(['-C', path, 'config', '--get-regexp', cloneConfigPattern(options.branch)], { cwd: tmpdir(), env }).then((out) => out.stdout.toString('utf8'), () => ''),
        // (And where its objects are, for a scratch repository that borrows them: mergedAsGitWould().)
        runGit(['-C', path, 'rev-parse', '--is-bare-repository', '--is-shallow-repository', '--git-path', 'objects', '--verify', '--quiet', `refs/heads/${options.branch}^{commit}`], { cwd: tmpdir(), env }),
      ]);
      if (/^remote\.origin\.promisor true$/m.test(config)) return GitEnvRepo.open(options);
      const [isBare, isShallow, objects, commit] = head.stdout.toString('utf8').trim().split('\n');
      shallow = isShallow === 'true';
      objectsDir = objects ? resolve(path, objects) : undefined;
      tip = commit ?? '';
      cloneOf = isBare === 'false' ? cloneRemote(config, options.branch) : undefined;
    } catch {
      return GitEnvRepo.open(options); // let the clone say what is wrong, as for any remote
    }
    if (shallow && options.history) throw shallowClone(url, path);
    if (cloneOf !== undefined) warnOf(options, workingCloneWarning(url, options.branch, cloneOf));
    const repo = new GitEnvRepo(url, options.branch, path, env, options.readAhead);
    repo.inPlace = true;
    repo.objectsDir = objectsDir;
    repo.cloneOf = cloneOf;
    // The first head() is the commit just resolved: the history can be read without waiting for cat-file.
    if (OBJECT_ID.test(tip)) repo.openedAt = tip;
    repo.mode = 'complete';
    repo.history = true;
    return repo;
  }

  /** Clones the branch into a temporary directory. Call close() when done. */
  static async open(options: GitEnvRepoOptions): Promise<GitEnvRepo> {
    const url = remoteUrl(options.repo);
    assertBranchName(options.branch, '--branch');
    // (HEAD, which git clone --branch does not take for a branch either.)
    if (options.branch === 'HEAD') throw new ConfigurationError({ field: '--branch', message: "expected a branch name (not HEAD), found \"HEAD\"" });
    const timeoutS = gitTimeoutSeconds(options.env ?? process.env);
    const path = localPath(url);
    if (options.history && path !== undefined) {
      // A partial clone of a shallow repository never ends: each object git fetches on demand
      // needs another fetch (thousands of processes a minute). The history would be cut short anyway.
      const answer = await runGit(['-C', path, 'rev-parse', '--is-shallow-repository'], { cwd: tmpdir(), env: { ...(options.env ?? gitEnvironment()), LC_ALL: 'C' } }).catch(() => undefined);
      if (answer?.stdout.toString().trim() === 'true') throw shallowClone(url, path);
    }
    // Made synchronously: the clone starts before open() first returns, so a caller's work done
    // meanwhile (loading code) runs while git does.
    const dir = makeTempDir('ferry-git-');
    const given = options.env ?? gitEnvironment();
    const remote = gitRemote(url, given);
    const env = { ...given, ...remote.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
    const repo = new GitEnvRepo(url, options.branch, dir, env, options.readAhead);
    repo.remote = remote.url;
    repo.credentialsInUrl = Object.keys(remote.env).length > 0;
    repo.timeoutS = timeoutS;
    repo.progress = options.progress;
    try {
      // The identity is looked up while the clone runs: one less wait on the way to a commit.
      repo.history = options.history ?? false;
      // (A date git cannot read is told by the first commit: a command that only reads makes none.)
      const refused = (error: unknown) => (error instanceof ConfigurationError ? error : Promise.reject(error));
      const [, author, committer, cloneOf] = await Promise.all([
        repo.clone(options.history ? 'blobless' : 'treeless', options.history ?? false),
        identity('GIT_AUTHOR_IDENT', env).catch(refused),
        identity('GIT_COMMITTER_IDENT', env).catch(refused),
        path !== undefined ? workingCloneOf(path, options.branch, env) : undefined,
      ]);
      repo.author = author;
      repo.committer = committer;
      repo.cloneOf = cloneOf;
      if (cloneOf !== undefined) warnOf(options, workingCloneWarning(url, options.branch, cloneOf));
      return repo;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      openClones.delete(dir);
      throw error;
    }
  }

  private async clone(mode: 'treeless' | 'blobless', history: boolean): Promise<void> {
    const local = this.url.startsWith('file://');
    try {
      const { stderr } = await this.transfer([
        // (--origin: a user's clone.defaultRemoteName would name it otherwise; the fetches and the push name origin.)
        'clone', '--bare', '--quiet', '--no-tags', '--origin', 'origin', '--single-branch', '--branch', this.branch, `--filter=${CLONE_FILTER[mode]}`,
        // No template (hook samples, info/exclude, a configured template's own hooks): files to
        // write and remove for nothing, in a clone that runs no hook.
        '--template=',
        ...(history ? [] : ['--depth=1']),
        // A clone that lives for one command: no fetch in it waits for git's automatic
        // maintenance (a process per fetch, on the way to the commit).
        '--config', 'maintenance.auto=false', '--config', 'gc.auto=0',
        // Later fetches (retries, files read on demand) go through the same upload-pack.
        ...(local ? ['--upload-pack', UPLOAD_PACK_WITH_FILTER, '--config', `remote.origin.uploadpack=${UPLOAD_PACK_WITH_FILTER}`] : []),
        '--', this.remote, this.dir,
      ], { cwd: tmpdir(), what: `clone ${this.url} (branch ${this.branch})` }, () => rm(this.dir, { recursive: true, force: true }));
      this.mode = /filtering not recognized by server/.test(stderr) ? 'complete' : mode;
    } catch (error) {
      // A server that allows only some filters says so; the blob-less clone works wherever partial clone does.
      if (mode === 'treeless' && error instanceof GitError && /filter/i.test(error.message)) {
        await rm(this.dir, { recursive: true, force: true });
        return this.clone('blobless', history);
      }
      if (error instanceof GitError && /Remote branch .* not found/.test(error.message)) {
        // An empty repository has no branch at all: naming another would not help. One with
        // commits but no branch is most likely a detached checkout (a pull request's).
        const refs = await this.git(['ls-remote', '--', this.remote], { what: `list the refs of ${this.url}`, cwd: tmpdir(), network: true }).then((out) => out.stdout.toString('latin1').trim(), () => undefined);
        const heads = refs?.split('\n').filter((line) => /\trefs\/heads\//.test(line));
        const hint = refs === '' ? 'the repository is empty: make it with ferry init, or push a first commit'
          : heads?.length === 0 ? `the repository has commits but no branch ${this.branch} (a detached checkout?): name a branch with --branch, or the branch input of the action; to validate the files checked out, ferry validate --worktree <dir> (the worktree input)`
          : `the repository has no branch ${this.branch}: name the branch to use with --branch, or the branch input of the action`;
        throw new GitError(`${error.message}\n(${hint})`, error.exitCode);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.headAhead?.catch(() => {});
    await this.background;
    await this.reader?.close();
    if (this.inPlace) return;
    await rm(this.dir, { recursive: true, force: true });
    openClones.delete(this.dir);
  }

  /**
   * Starts head(), with its read-ahead, now; the next head() takes its result. A caller with work
   * of its own before it needs the head (code to load) does it while git reads.
   */
  readHeadAhead(): void {
    if (this.headAhead) return;
    this.headAhead = this.readHead();
    this.headAhead.catch(() => {}); // handed to the next head(), which rejects with it
  }

  async head(): Promise<GitSnapshot> {
    const ahead = this.headAhead;
    this.headAhead = undefined;
    if (ahead && !this.stale) return ahead;
    if (ahead) await ahead.catch(() => {}); // (the branch moved since: read again)
    return this.readHead();
  }

  private async readHead(): Promise<GitSnapshot> {
    if (this.stale) {
      // The clone's filter applies: the new commit comes with what a clone would have brought.
      await this.transfer(['fetch', '--quiet', '--no-tags', ...(this.history ? [] : ['--depth=1']), 'origin', `+refs/heads/${this.branch}:refs/heads/${this.branch}`], { what: `fetch ${this.url} (branch ${this.branch})` });
    }
    this.stale = false;
    if (this.openedAt !== undefined) {
      const snapshot = new GitSnapshot(this, this.openedAt);
      this.openedAt = undefined;
      await this.readAheadAt(snapshot.commit, snapshot);
      return snapshot;
    }
    const ref = `refs/heads/${this.branch}`;
    const [tip, root] = await this.catFile([`${ref}^{commit}`, `${ref}^{tree}`], `read ${this.url} (branch ${this.branch})`);
    if (tip?.type !== 'commit' || root?.type !== 'tree') {
      // (git clone --branch takes a tag too: the clone has it, and no branch.)
      const [tag] = await this.catFile([`refs/tags/${this.branch}`], `read ${this.url} (branch ${this.branch})`);
      throw new GitError(redactUrl(`read ${this.url} (branch ${this.branch}) failed: ${tag ? `the repository has no branch ${this.branch}: ${this.branch} is a tag there; name a branch with --branch, or the branch input of the action` : 'the branch has no commit'}`), null);
    }
    this.roots.set(tip.oid, root.oid);
    this.addTree(root.oid, root.content);
    const snapshot = new GitSnapshot(this, tip.oid);
    await this.readAheadAt(tip.oid, snapshot);
    return snapshot;
  }

  /**
   * The read-ahead: the files are read before head() returns; the directories (`dir/`: their
   * listing and the files directly in them) are fetched in the background, while the caller
   * parses what it read, and waited for only by a read that needs them.
   */
  private async readAheadAt(commit: string, snapshot: GitSnapshot): Promise<void> {
    const dirs = this.readAhead.filter((p) => p.endsWith('/')).map((p) => p.slice(0, -1));
    let lastRound: Promise<void> = Promise.resolve();
    if (dirs.length && this.mode === 'treeless') {
      // A name no tree has, inside each directory: the walk fetches the directory with its files.
      let reached!: () => void;
      lastRound = new Promise((resolveRound) => (reached = resolveRound));
      const read = this.walk(commit, dirs.map((d) => `${d}/\0`), reached).catch(() => undefined).finally(reached);
      this.background = Promise.all([this.background, read]);
    }
    const files = this.readAhead.filter((p) => !p.endsWith('/'));
    // A blob-less clone has every tree: the files directly in each directory are known here, and
    // join the files' one fetch (what tree:1 brings a tree-less clone), not a fetch of their own.
    if (dirs.length && this.mode === 'blobless') files.push(...(await this.filesIn(commit, dirs).catch(() => [])));
    // Returned once the walk has asked for its last round: the caller's parsing (a large
    // ferry.yaml takes tens of milliseconds) then runs while git fetches it, not before.
    await Promise.all([files.length ? snapshot.prefetch(files) : undefined, lastRound]);
  }

  /** The paths of the files directly in each of `dirs` (those that exist at `commit`), from trees read here. */
  async filesIn(commit: string, dirs: readonly string[]): Promise<string[]> {
    await this.walk(commit, dirs.map((d) => `${d}/\0`)); // reads each directory's own listing
    const paths: string[] = [];
    for (const [dir, entry] of await this.walk(commit, dirs)) {
      if (entry.type !== 'tree') continue;
      for (const file of this.trees.get(entry.oid)?.entries() ?? []) if (file.type === 'blob') paths.push(`${dir}/${file.name}`);
    }
    return paths;
  }

  /** Of `paths` at `commit`, those that are symbolic links (mode 120000), each with its target (its blob's content), in one read. */
  async linkTargets(commit: string, paths: readonly string[]): Promise<Map<string, string>> {
    const links = [...(await this.walk(commit, paths))].filter(([, entry]) => entry.type === 'blob' && entry.mode === '120000');
    const content = await this.blobContents([...new Set(links.map(([, entry]) => entry.oid))], 'symbolic links');
    const out = new Map<string, string>();
    for (const [path, entry] of links) {
      const bytes = content.get(entry.oid);
      if (bytes) out.set(path, lossyText(bytes, path));
    }
    return out;
  }

  /**
   * The date commit() stamps its commits with where GIT_COMMITTER_DATE fixes it, as git read it;
   * undefined where each is stamped when it is made. Throws what commit() would: the
   * ConfigurationError of a GIT_*_DATE or name it cannot commit with (identity()).
   */
  committerDate(): Date | undefined {
    const { author, committer } = this;
    if (author instanceof ConfigurationError) throw author;
    if (committer instanceof ConfigurationError) throw committer;
    return committer.fixedEpoch === undefined ? undefined : new Date(committer.fixedEpoch * 1000);
  }

  /**
   * One commit on `parent` with `files` changed, made by one `git fast-import`: it reads only the
   * trees along the changed paths, writes the new blobs, trees and the commit, and prints the
   * commit's id. Existing files keep their mode; a path that is a directory, a symlink or a
   * submodule is refused.
   */
  async commit(parent: string, files: readonly FileChange[], message: string): Promise<string> {
    if (this.inPlace) throw new Error('internal: a repository opened for reading is not written to');
    const { author, committer } = this;
    if (author instanceof ConfigurationError) throw author;
    if (committer instanceof ConfigurationError) throw committer;
    // The trees along each path must be here for fast-import (they are, when the files were read).
    const existing = await this.walk(parent, files.map((f) => f.path));
    const now = Math.floor(Date.now() / 1000);
    const chunks: Buffer[] = [];
    const text = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
    const data = (content: string) => {
      const bytes = Buffer.from(content, 'utf8');
      text(`data ${bytes.length}\n`);
      chunks.push(bytes);
      text('\n');
    };
    text(`commit ${PENDING_REF}\nmark :1\n`);
    text(`author ${stamp(author, now)}\ncommitter ${stamp(committer, now)}\n`);
    data(message);
    text(`from ${parent}\n`);
    for (const file of files) {
      const mode = existing.get(file.path)?.mode ?? '100644';
      if (mode !== '100644' && mode !== '100755') {
        throw new GitError(`cannot write ${file.path}: it is ${mode === '40000' ? 'a directory' : mode === '120000' ? 'a symbolic link' : 'a submodule'} in the env repo`, null);
      }
      text(`M ${mode} inline ${quotePath(file.path)}\n`);
      data(file.content);
    }
    text('get-mark :1\ndone\n');
    // fastimport.unpackLimit=0: keep the few objects in one pack instead of running unpack-objects.
    const out = await this.git(['-c', 'fastimport.unpackLimit=0', 'fast-import', '--quiet', '--done', '--force', '--date-format=raw'], { input: Buffer.concat(chunks), what: 'make the commit' });
    const made = out.stdout.toString('utf8').trim();
    this.parentOf.set(made, parent);
    return made;
  }

  /**
   * Writes the files of `commit` into the directory `into` (which must not exist; the caller
   * removes it), as a checkout would, for a tool that reads a directory (kustomize). Unlike the
   * reads, this takes the whole tree of the commit: a tree-less clone fetches its directories in
   * one round (a refetch of the commit without files), then git fetches the files in another.
   * Symbolic links are written as files holding their target (core.symlinks=false), so nothing
   * read there leads out of it; no hook or submodule runs, and Git LFS files stay pointers. The
   * index is the clone's own (it has none otherwise).
   */
  async checkout(commit: string, into: string): Promise<void> {
    if (this.inPlace) throw new Error('internal: a repository read in place is not checked out');
    const what = `check out ${this.url} at ${commit.slice(0, 12)}`;
    if (this.mode === 'treeless') {
      try {
        await this.transfer(['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--refetch', ...(this.history ? [] : ['--depth=1']), '--filter=blob:none', 'origin', commit], { what: `fetch the directories of ${this.url} at ${commit.slice(0, 12)}` });
      } catch (error) {
        // A git before 2.36 has no --refetch: read-tree then fetches each directory on its own.
        if (!(error instanceof GitError) || !/refetch/.test(error.message)) throw error;
      }
    }
    await mkdir(into);
    await rm(join(this.dir, 'index'), { force: true });
    await this.transfer([`--work-tree=${into}`, '-c', 'core.symlinks=false', '-c', 'core.autocrlf=false', '-c', 'core.sparseCheckout=false', '-c', 'filter.lfs.process=', '-c', 'filter.lfs.smudge=', '-c', 'filter.lfs.required=false', 'read-tree', '--reset', '-u', commit], { what });
  }

  /**
   * One attempt at a time among the Ferry processes of this machine writing this branch (see
   * local-lock.ts). A process that waited for its turn reads the head again: the branch has
   * likely moved since its clone.
   */
  serialize<T>(attempt: (waited: boolean) => Promise<T>): Promise<T> {
    const onWait = ({ waitedMs, timeoutMs, holder, gaveUp }: LockWait) => {
      const who = holder === undefined ? 'another Ferry process on this machine' : `Ferry process ${holder} on this machine`;
      this.progress?.(gaveUp
        ? `waited ${Math.round(waitedMs / 1000)} s for ${who}: going on without waiting for its turn (the push still never overwrites)`
        : `waiting for ${who}, which is writing to ${redactUrl(this.url)} (branch ${this.branch}); up to ${Math.round(timeoutMs / 1000)} s`);
    };
    return withLocalLock(`${this.url}\n${this.branch}`, (waited) => {
      if (waited) this.stale = true;
      return attempt(waited);
    }, { onWait, warn: (message) => (this.progress ? this.progress(`warning: ${message}`) : printWarning(message)) });
  }

  async push(commit: string): Promise<void> {
    if (this.inPlace) throw new Error('internal: a repository opened for reading is not written to');
    try {
      await this.pushRef(commit, this.branch, this.parentOf.get(commit));
    } catch (error) {
      if (error instanceof NonFastForwardError) this.stale = true;
      throw error;
    }
  }

  /**
   * Pushes `commit` to `branch` only if the branch is at `expected` there ('' for a branch that
   * must not exist yet): a compare-and-swap. A branch that moved on, was set back, or was deleted
   * since it was read is a race (NonFastForwardError), never overwritten or made again. A push git
   * calls failed but that landed (the connection lost after the server took it) is a success; one
   * whose connection broke before it landed is tried again (a server that resets connections while
   * busy, as git daemon does): the lease keeps each try a compare-and-swap.
   */
  private async pushRef(commit: string, branch: string, expected: string | undefined): Promise<void> {
    const ref = `refs/heads/${branch}`;
    const lease = expected !== undefined ? [`--force-with-lease=${ref}:${expected}`] : [];
    const write = writeUnderWay({ url: this.url, branch, commit });
    let landed: string | undefined;
    // A try whose connection broke may have landed all the same; a try refused on the lock did not.
    let mayHaveLanded = false;
    // The branch's lock was found taken, and waited out with the branch unmoved: one more try.
    let lockWaited = false;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const { stdout } = await this.git(['push', '--porcelain', ...lease, 'origin', `${commit}:${ref}`], { what: `push to ${this.url} (branch ${branch})`, network: true });
          // `=`, up to date: the branch already held this very commit, so the push moved nothing.
          // Another run made it (the same change by the same identity in the same second gives
          // the same commit id): a race, whose retry finds the change made. (git checks this
          // before the lease.) After a try that reported a broken connection, it is this run's
          // own, landed by that try.
          if (!mayHaveLanded && upToDate(stdout.toString('utf8'), ref)) {
            throw new NonFastForwardError(`${branch} on ${redactUrl(this.url)} already holds ${commit.slice(0, 12)}: another run pushed the very same commit`);
          }
          landed = commit;
          return;
        } catch (error) {
          if (!(error instanceof GitError)) throw error;
          if (/\[remote rejected\].*\(branch is currently checked out\)/.test(gitsOwnLines(error.message))) throw this.checkedOut(branch, error);
          // Another push held the branch's lock: a race, but only if the branch moves. That push may
          // still be landing (a slow reference-transaction hook): the branch is looked at again for
          // a while. Still where it was read, the push is tried once more (a compare-and-swap as
          // ever): that other push may have been refused by its own hook, its lock gone with the
          // branch unmoved. Taken at that try too, the lock is a stale one left on the server,
          // which no retry gets past (20 tries took 94 s, and git's reason was never shown).
          const lockHeld = /Unable to create '[^']*\.lock': File exists/.test(error.message);
          if (isRace(error.message) && !(lockHeld && expected !== undefined)) throw new NonFastForwardError(`${branch} moved on ${redactUrl(this.url)}`, error.message);
          // Did it land all the same? The branch as the server has it now decides.
          const read = () => this.transfer(['ls-remote', '--quiet', 'origin', ref], { what: `read ${branch} on ${this.url}` }).then(
            (out) => out.stdout.toString('latin1').split('\t')[0]?.trim(),
            () => undefined,
          );
          let now = await read();
          if (isRace(error.message)) {
            if (lockHeld && now === expected && !lockWaited && attempt < TRANSFER_TRIES) {
              this.progress?.(redactUrl(`${branch}'s lock on ${this.url} is taken, and ${branch} has not moved: waiting up to ${LOCK_WAIT_S} s for the push holding it to land, then pushing again`));
              for (const pause of LOCK_WAITS_MS) {
                await new Promise((resolveWait) => setTimeout(resolveWait, pause));
                now = await read();
                if (now !== expected) break;
              }
              if (now === expected) {
                lockWaited = true;
                continue;
              }
            }
            if (now !== expected) throw new NonFastForwardError(`${branch} moved on ${redactUrl(this.url)}`, error.message);
            const waited = !lockHeld ? '' : lockWaited ? `; its lock stayed taken for ${LOCK_WAIT_S} s, and was still taken at one more try: a stale one?` : '; its lock is taken: a stale one?';
            throw new GitError(`${error.message}\n(${branch} is still ${expected ? `at ${expected.slice(0, 12)}` : 'absent'} on the server, so no other push moved it: not a race, and trying again would not help${waited})`, error.exitCode);
          }
          if (now === commit) {
            this.progress?.(`the push reported an error, but ${branch} is at ${commit.slice(0, 12)}: it landed (${error.message.split('\n')[0]})`);
            landed = commit;
            return;
          }
          if (now === undefined) throw new GitError(`${error.message}\n(whether the push landed is unknown: ${branch} could not be read afterwards; look at it before running again)`, error.exitCode);
          if (attempt >= TRANSFER_TRIES || !brokenConnection(error.message)) throw error;
          mayHaveLanded = true;
          await transferPause(attempt);
        }
      }
    } finally {
      write.done(landed);
    }
  }

  /**
   * A push refused because `branch` is checked out in the repository `--repo` names (not bare): one
   * line that says so, and what to name instead, for git's twenty lines of advice on
   * receive.denyCurrentBranch. Nothing was written.
   */
  private checkedOut(branch: string, error: GitError): GitError {
    const hint = this.cloneOf !== undefined
      ? `it is a working clone of ${redactUrl(this.cloneOf)}, and Ferry writes the branch of the repository --repo names, not its remote's: name that one instead (--repo ${redactUrl(this.cloneOf)})`
      : 'name a bare repository (git clone --bare, or ferry init --bare), or check out another branch in it';
    return new GitError(`push to ${redactUrl(this.url)} (branch ${branch}) refused: ${branch} is checked out in that repository (not bare), and git does not update a checked-out branch; nothing was written: ${hint}`, error.exitCode);
  }

  /**
   * Tells the clone that the branch may have moved without it (a commit made by the remote itself,
   * such as GitHub's createCommitOnBranch): the next head() fetches it.
   */
  invalidate(): void {
    this.stale = true;
  }

  /**
   * The head of another branch of the same remote (a pull request's branch), fetched as the
   * clone fetches its own branch, or undefined when the remote has no such branch.
   */
  async branchHead(branch: string): Promise<GitSnapshot | undefined> {
    if (this.inPlace) throw new Error('internal: a repository opened for reading is not written to');
    assertBranchName(branch);
    const local = `refs/ferry/branches/${branch}`;
    try {
      await this.transfer(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...(this.history ? [] : ['--depth=1']), 'origin', `+refs/heads/${branch}:${local}`], { what: `fetch ${this.url} (branch ${branch})` });
    } catch (error) {
      if (error instanceof GitError && /couldn't find remote ref/i.test(error.message)) return undefined;
      throw error;
    }
    const [tip] = await this.catFile([`${local}^{commit}`], `read ${this.url} (branch ${branch})`);
    if (tip?.type !== 'commit') throw new GitError(redactUrl(`read ${this.url} (branch ${branch}) failed: the branch has no commit`), null);
    return new GitSnapshot(this, tip.oid);
  }

  /**
   * Pushes `commit` to another branch of the remote (creating it), without force. Throws
   * NonFastForwardError when that branch exists and `commit` does not descend from its head.
   */
  async pushTo(commit: string, branch: string, options: { expected?: string } = {}): Promise<void> {
    if (this.inPlace) throw new Error('internal: a repository opened for reading is not written to');
    assertBranchName(branch);
    const { expected } = options;
    if (expected !== undefined && expected !== '' && !OBJECT_ID.test(expected)) throw new Error(`internal: pushTo expects a commit id or '', found ${JSON.stringify(expected)}`);
    await this.pushRef(commit, branch, expected);
  }

  /**
   * The latest commit that changed each path, walking the fetched history once, newest first.
   * No pathspecs: git would match every changed entry against every path (thousands of
   * manifests times thousands of commits); a set lookup per changed file is enough. git writes
   * to a file, not a pipe, so that it never waits while this process is busy (status parses the
   * manifests meanwhile), and is stopped once every path has its commit. Records are cut at a
   * random token: no commit message can forge one.
   */
  async lastChanges(commit: string, paths: readonly string[]): Promise<Map<string, CommitInfo>> {
    const found = new Map<string, CommitInfo>();
    const wanted = new Set(paths);
    if (wanted.size === 0) return found;
    const token = randomBytes(12).toString('hex');
    // Made synchronously: git runs before this first returns, while the caller goes on.
    const dir = makeTempDir('ferry-log-');
    // Each record: H \0 date \0 author \0 subject \0 message \0 (\0 \n) names \0 ...; the message is
    // read (for its trailers, as history reads them) only for a commit that is some path's last.
    const take = (text: string, from: number, to: number): boolean => {
      const fields: number[] = [];
      for (let at = from - 1, i = 0; i < 5; i++) fields.push((at = text.indexOf('\0', at + 1)));
      if (fields.some((at) => at < 0 || at >= to)) throw new GitError(redactUrl(`read the history of ${this.url} failed: git printed a record cut short`), null);
      let info: CommitInfo | undefined;
      for (const name of text.slice(fields[4]! + 1, to).split('\0')) {
        const path = name.replace(/^\n/, '');
        if (!wanted.has(path) || found.has(path)) continue;
        if (!info) {
          // (Only a Ferry commit's, as history reads them: a hand edit's message may name anyone.)
          const trailers = trailerList(text.slice(fields[3]! + 1, fields[4]));
          const requestedBy = trailers.first('Ferry-Action') !== undefined ? trailers.first('Ferry-Requested-By') : undefined;
          info = {
            commit: text.slice(from, fields[0]), date: commitDate(text.slice(fields[0]! + 1, fields[1])), author: text.slice(fields[1]! + 1, fields[2]),
            ...(requestedBy ? { requestedBy } : {}), subject: text.slice(fields[2]! + 1, fields[3]),
          };
        }
        found.set(path, info);
      }
      return found.size < wanted.size;
    };
    let log: LogFile | undefined;
    try {
      // First parent, merges diffed against it: the commit that brought each change to this branch
      // (a merge, for a change made on another branch), as soak and history count.
      log = new LogFile(join(dir, 'log'), token, [
        ...this.location(), 'log', '-z', '--no-renames', '--first-parent', '-m', `--format=${token}%x00%H%x00${COMMIT_DATE}%x00%an%x00%s%x00%B%x00`, '--name-only', commit,
      ], { cwd: this.dir, env: this.env });
      for (;;) {
        const { exited } = log;
        if (log.failed) throw new GitError(redactUrl(`read the history of ${this.url} failed: ${log.failure()}`), log.code);
        log.read(exited, take);
        if (log.stopped || log.drained) break;
        await Promise.race([log.closed, new Promise((resolveWait) => setTimeout(resolveWait, 5))]);
      }
    } finally {
      log?.stop();
      await log?.closed;
      await rm(dir, { recursive: true, force: true });
      openClones.delete(dir);
    }
    return found;
  }

  /**
   * Every commit reachable from `commit` (and from none of `not`: commit ids), newest first, with
   * its parents and the Ferry trailers of its message (parsed as Ferry writes them). Records are
   * cut at a random token: no commit message can forge a boundary.
   */
  async log(commit: string, not: readonly string[] = []): Promise<LogEntry[]> {
    if (!not.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: log() excludes commit ids, found ${JSON.stringify(not.find((id) => !OBJECT_ID.test(id)))}`);
    const token = randomBytes(12).toString('hex');
    const marker = `${token}\0`;
    const entries: LogEntry[] = [];
    // Parsed as it comes, each record once complete (the next one has begun): git's output of a
    // long history (60 MB for 100,000 commits) is never held whole, as bytes or as text.
    const decoder = new StringDecoder('utf8');
    let pending = '';
    const take = (text: string, end: boolean) => {
      pending += text;
      const last = end ? pending.length : pending.lastIndexOf(marker);
      if (last <= 0) return;
      for (const entry of logEntries(pending.slice(0, last), token, true)) entries.push(entry);
      pending = pending.slice(last);
    };
    // (What parsing throws is thrown here, once git is done: not from the stream's event.)
    let failure: { error: unknown } | undefined;
    await runGit([...this.location(), 'log', '-z', `--format=${logFormat(token)}%P`, commit, ...not.map((id) => `^${id}`)], {
      cwd: this.dir, env: this.env,
      stdout: (chunk) => {
        try {
          if (!failure) take(decoder.write(chunk), false);
        } catch (error) {
          failure = { error };
        }
      },
    });
    if (failure) throw failure.error;
    take(decoder.end(), true);
    return entries;
  }

  /**
   * What a merge brought in from `tip`: the first-parent history of `tip` back to where it meets
   * the history of `known` (commits already read), oldest first, each commit with its Ferry
   * trailers and the files it changed.
   */
  async sideHistory(known: readonly string[], tip: string): Promise<LogEntry[]> {
    const token = randomBytes(12).toString('hex');
    const ids = [tip, ...known];
    if (!ids.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: sideHistory takes commit ids, found ${JSON.stringify(ids)}`);
    const out = await this.git(['log', '-z', `--format=${logFormat(token)}`, '--first-parent', '-m', '--no-renames', '--name-only', '--reverse', tip, ...known.map((id) => `^${id}`)]);
    return logEntries(out.stdout.toString('utf8'), token);
  }

  /**
   * What the merges of `commit`'s first-parent line brought in from `since` on (a commit of that
   * line), read in three gits whatever the number of merges: every commit of the history of
   * `commit` that is not in the history of `since`, with its parents; those of them off the
   * first-parent line, each as sideHistory() reads it (Ferry trailers, the files it changed
   * against its first parent); and for each merge among them, the files that differ between it
   * and each of its other parents (`${merge} ${parent}`: what sameFiles() would tell apart), and
   * its first parent too where it has two (the same diff-tree: no git more). One
   * sideHistory() per merge cost a git each: 34 s for 10,000 merged pull requests.
   */
  async commitsSince(commit: string, since: string): Promise<{ parents: Map<string, string[]>; side: Map<string, LogEntry>; differences: Map<string, Set<string>> }> {
    if (![commit, since].every((id) => OBJECT_ID.test(id))) throw new Error(`internal: commitsSince() takes commit ids, found ${JSON.stringify([commit, since])}`);
    const what = `read the history of ${this.url}`;
    const graph = (await this.git(['rev-list', '--parents', commit, `^${since}`, '--'], { what })).stdout.toString('latin1');
    const parents = new Map<string, string[]>();
    for (const line of graph.split('\n')) {
      if (!line) continue;
      const [id, ...rest] = line.split(' ');
      parents.set(id!, rest);
    }
    const firstParents = new Set<string>();
    for (let c: string | undefined = commit; c !== undefined && parents.has(c); c = parents.get(c)![0]) firstParents.add(c);
    const off = [...parents.keys()].filter((c) => !firstParents.has(c));
    // (And a merge of two parents against its first: a file it has as neither parent has it, git's
    // merge of both sides' changes or a hand's, is told apart by mergedAsGitWould().)
    const pairs = [...parents].flatMap(([c, ps]) => [...ps.slice(1), ...(ps.length === 2 ? [ps[0]!] : [])].map((p) => [c, p] as const));
    const [side, differences] = await Promise.all([
      (async () => {
        const entries = new Map<string, LogEntry>();
        if (off.length === 0) return entries; // (git log reads HEAD when given nothing)
        for (const entry of await this.changeLog({ only: off }, undefined, what)) entries.set(entry.commit, entry);
        return entries;
      })(),
      (async () => {
        const differ = await this.differingFiles(pairs);
        return new Map(pairs.map((pair, i) => [`${pair[0]} ${pair[1]}`, new Set(differ[i])]));
      })(),
    ]);
    return { parents, side, differences };
  }

  /**
   * For each pair of commits, the files that differ between their trees (of `paths` alone, when
   * given), in one git diff-tree for all the pairs, whatever their number.
   */
  async differingFiles(pairs: readonly (readonly [string, string])[], paths?: readonly string[]): Promise<string[][]> {
    if (pairs.length === 0 || paths?.length === 0) return pairs.map(() => []);
    if (!pairs.every((pair) => pair.every((id) => OBJECT_ID.test(id)))) throw new Error(`internal: differingFiles() takes commit ids, found ${JSON.stringify(pairs.find((pair) => !pair.every((id) => OBJECT_ID.test(id))))}`);
    const names = await this.diffTreeEach(pairs, ['--name-only', ...(paths ? pathspecArgs(paths) : [])], `read the history of ${this.url}`);
    // (Past MAX_PATHSPECS, picked from each list: pathChanges().)
    const wanted = paths && paths.length > MAX_PATHSPECS ? new Set(paths) : undefined;
    return wanted ? names.map((files) => files.filter((f) => wanted.has(f))) : names;
  }

  /**
   * One `git diff-tree --stdin -r -z --no-renames --always` (and `args`) for every pair of
   * commits, whatever their number: for each, the NUL-terminated fields git printed after the
   * commit's id (with --name-only, the names; else each change's `:<mode> <mode> <old> <new>
   * <status>`, then its name).
   */
  private async diffTreeEach(pairs: readonly (readonly [string, string])[], args: readonly string[], what: string): Promise<string[][]> {
    // A line that is no object id diff-tree writes back as it is: each pair's answer ends at it.
    const marker = `ferry-${randomBytes(12).toString('hex')}`;
    const input = pairs.map(([a, b]) => `${a} ${b}\n${marker}\n`).join('');
    const out = (await this.git(['diff-tree', '--stdin', '-r', '-z', '--no-renames', '--always', ...args], { input: Buffer.from(input), what })).stdout.toString('utf8');
    const answers: string[][] = [];
    let at = 0;
    for (const pair of pairs) {
      // (An answer: the commit, then its fields, each NUL-terminated.)
      const end = out.indexOf(`${marker}\n`, at);
      const start = out.indexOf('\0', at) + 1;
      if (end < 0 || start <= 0 || start > end) throw new GitError(redactUrl(`${what} failed: git diff-tree printed no answer for ${pair.join(' ')}`), null);
      answers.push(start < end ? out.slice(start, end).split('\0').slice(0, -1) : []);
      at = end + marker.length + 1;
    }
    return answers;
  }

  /**
   * For each of `asks` (a merge of two parents, and a file of it), whether the merge has the file
   * as git's own merge of the two parents leaves it (merge-ort, as `git merge` merges, the file
   * without a conflict): a merge made without a hand in that file. One `git merge-tree
   * --write-tree --stdin` for every merge, whatever their number, and the directories of the
   * files read from both trees (by the clone's cat-file, or one of the scratch repository's). What
   * git writes (the merged trees and files) goes to a scratch repository that borrows the objects
   * of one read in place, which is not written to; git may reset the modification time of an
   * object it finds there already (it freshens the object it would have written). A partial
   * clone (Ferry's own) first fetches, in one round, the files git merges (those both sides
   * changed since `bases`, the commits the branch forked from: forkPoints()), which git would
   * fetch one merge at a time (300 merges: 300 fetches, 20 s).
   */
  async mergedAsGitWould(asks: readonly { merge: string; parents: readonly [string, string]; bases: readonly string[]; path: string }[]): Promise<boolean[]> {
    if (asks.length === 0) return [];
    if (!asks.every((a) => [a.merge, ...a.parents, ...a.bases].every((id) => OBJECT_ID.test(id)))) throw new Error(`internal: mergedAsGitWould() takes commit ids, found ${JSON.stringify(asks.find((a) => ![a.merge, ...a.parents, ...a.bases].every((id) => OBJECT_ID.test(id))))}`);
    const merges = new Set(asks.map((a) => a.merge)).size;
    const what = `merge the parents of ${merges === 1 ? 'a merge' : `${merges} merges`} of ${this.url} as git does`;
    const pairs = [...new Set(asks.map((a) => a.parents.join(' ')))];
    let scratch: string | undefined;
    try {
      let location = this.location();
      if (this.inPlace) {
        if (this.objectsDir === undefined) throw new Error('internal: a repository read in place without its object store');
        scratch = makeTempDir('ferry-merge-');
        await scratchRepository(scratch, this.objectsDir, asks[0]!.merge.length > 40);
        location = [`--git-dir=${scratch}`];
      }
      const run = (args: string[], input: string) => this.git([...location, ...args], { cwd: this.dir, input: Buffer.from(input), what });
      if (this.mode !== 'complete') await this.fetchMergedFiles(asks, what);
      // Each merge's answer: its status, its tree, the files in conflict (each NUL-terminated), an empty name.
      const merged = (await run(['merge-tree', '--write-tree', '--stdin', '-z', '--name-only', '--no-messages', '--allow-unrelated-histories'], pairs.map((p) => `${p}\n`).join(''))).stdout.toString('utf8').split('\0');
      const trees = new Map<string, { tree: string; conflicted: Set<string> }>();
      let at = 0;
      for (const pair of pairs) {
        const tree = merged[at + 1];
        if (!/^[01]$/.test(merged[at] ?? '') || tree === undefined || !OBJECT_ID.test(tree)) throw new GitError(redactUrl(`${what} failed: git merge-tree printed no answer for ${pair}`), null);
        const conflicted = new Set<string>();
        for (at += 2; at < merged.length && merged[at] !== ''; at++) conflicted.add(merged[at]!);
        if (at >= merged.length) throw new GitError(redactUrl(`${what} failed: git merge-tree printed an answer cut short for ${pair}`), null);
        at++;
        trees.set(pair, { tree, conflicted });
      }
      // The file's entry in git's merge and in the merge, from the directories that hold it (trees
      // are here in a partial clone; asked for by its path, git would fetch the file first). A
      // name git cannot take on one line is not asked.
      const sure = asks.map((a) => !a.path.includes('\n') && !trees.get(a.parents.join(' '))!.conflicted.has(a.path));
      const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
      const names = [...new Set(asks.flatMap((a, i) => (sure[i] ? [`${trees.get(a.parents.join(' '))!.tree}:${dirOf(a.path)}`, `${a.merge}:${dirOf(a.path)}`] : [])))];
      const reader = scratch !== undefined ? new ObjectReader(location, this.dir, this.env) : undefined;
      let listings: Map<string, TreeListing | undefined>;
      try {
        const objects = names.length ? await (reader ? reader.read(names, what) : this.catFile(names, what)) : [];
        listings = new Map(names.map((name, i) => {
          const object = objects[i];
          return [name, object?.type === 'tree' ? new TreeListing(object.oid, object.content) : undefined];
        }));
      } finally {
        await reader?.close();
      }
      return asks.map((a, i) => {
        if (!sure[i]) return false;
        const entry = (rev: string) => listings.get(`${rev}:${dirOf(a.path)}`)?.get(a.path.slice(a.path.lastIndexOf('/') + 1))?.oid;
        // (Removed by both: alike.)
        return entry(trees.get(a.parents.join(' '))!.tree) === entry(a.merge);
      });
    } finally {
      if (scratch !== undefined) await removeTempDir(scratch);
    }
  }

  /**
   * Fetches, in one round, the files git's merge of each of `merges`' parents reads: of each file
   * both sides changed since a base (a change of each, one git diff-tree for all), its versions
   * there and on each side.
   */
  private async fetchMergedFiles(merges: readonly { parents: readonly [string, string]; bases: readonly string[] }[], what: string): Promise<void> {
    const pairs = [...new Map(merges.flatMap((m) => m.bases.map((base) => [`${base} ${m.parents.join(' ')}`, { base, parents: m.parents }] as const))).values()];
    if (pairs.length === 0) return;
    const fields = await this.diffTreeEach(pairs.flatMap(({ base, parents }) => parents.map((side) => [side, base] as const)), [], what);
    const answers = fields.map((changes) => {
      const changed = new Map<string, { before: string; after: string }>();
      for (let f = 0; f + 1 < changes.length; f += 2) {
        const [, , before, after] = changes[f]!.split(' ');
        if (before !== undefined && after !== undefined) changed.set(changes[f + 1]!, { before, after });
      }
      return changed;
    });
    const blobs = new Set<string>();
    for (let i = 0; i < pairs.length; i++) {
      const [ours, theirs] = [answers[2 * i]!, answers[2 * i + 1]!];
      for (const [path, one] of ours) {
        const other = theirs.get(path);
        if (other === undefined || other.after === one.after) continue;
        for (const oid of [one.before, one.after, other.after]) if (!/^0+$/.test(oid)) blobs.add(oid);
      }
    }
    await this.fetchMissing([...blobs], 'blob:none', `fetch the files git merges from ${this.url}`);
  }

  /**
   * What is at `path` in `commit`, as its mode and object id (`100644 <blob>`): the same for the
   * same file, whichever commit has it; undefined where there is nothing. Only trees are read: a
   * caller that has read the file before need not read it again.
   */
  async fileId(commit: string, path: string): Promise<string | undefined> {
    const entry = (await this.walk(commit, [path])).get(path);
    return entry && `${entry.mode} ${entry.oid}`;
  }

  /** The root commits (commits without a parent) in the history of `commit`, its side branches' included. */
  async rootCommits(commit: string): Promise<string[]> {
    const out = await this.git(['rev-list', '--max-parents=0', commit, '--'], { what: `read the history of ${this.url}` });
    return out.stdout.toString('latin1').split('\n').filter(Boolean);
  }

  /** Whether commits `a` and `b` have a commit in common in their histories. */
  async related(a: string, b: string): Promise<boolean> {
    try {
      if (![a, b].every((id) => OBJECT_ID.test(id))) throw new Error(`internal: related() takes commit ids, found ${JSON.stringify([a, b])}`);
      await this.git(['merge-base', a, b], { what: `compare the histories of ${a.slice(0, 12)} and ${b.slice(0, 12)} in ${this.url}` });
      return true;
    } catch (error) {
      if (error instanceof GitError && error.exitCode === 1) return false; // no common ancestor
      throw error;
    }
  }

  /** A commit's parents, the first one first (asked for the few commits that need it, not printed by every log). */
  async parents(commit: string): Promise<string[]> {
    const { header } = await this.readCommit(commit);
    return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]!);
  }

  /** A commit's message (as stored: UTF-8 by default). */
  async message(commit: string): Promise<string> {
    return (await this.readCommit(commit)).message;
  }

  /**
   * Each of `commits` (ids: a chosen few, not a walk of the history) as lastChanges() describes a
   * commit, with its Ferry trailers and its parents (the first one first): one git, no tree
   * compared. Records are cut at a random token: no commit message can forge one.
   */
  async commitInfos(commits: readonly string[]): Promise<Map<string, CommitInfo & { trailers: TrailerList; parents: string[] }>> {
    const found = new Map<string, CommitInfo & { trailers: TrailerList; parents: string[] }>();
    const unique = [...new Set(commits)];
    if (unique.length === 0) return found; // (git log reads HEAD when given nothing)
    if (!unique.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: commitInfos() takes commit ids, found ${JSON.stringify(unique.find((id) => !OBJECT_ID.test(id)))}`);
    const token = randomBytes(12).toString('hex');
    const marker = `${token}\0`;
    // Each record: token \0 H \0 date \0 author \0 parents \0 subject \0 message \0, then -z's NUL.
    const out = await this.git(['log', '--no-walk=unsorted', '--stdin', '-z', `--format=${token}%x00%H%x00${COMMIT_DATE}%x00%an%x00%P%x00%s%x00%B%x00`], {
      input: Buffer.from(`${unique.join('\n')}\n`), what: `read commits of ${this.url}`,
    });
    const text = out.stdout.toString('utf8');
    for (let at = text.indexOf(marker); at >= 0;) {
      const next = text.indexOf(marker, at + marker.length);
      const end = next < 0 ? text.length : next;
      const from = at + marker.length;
      const fields = nthIndexOf(text, '\0', from, 5);
      if (fields < 0 || fields >= end) throw new GitError(redactUrl(`read commits of ${this.url} failed: git printed a record cut short`), null);
      const [commit, date, author, parents, subject] = text.slice(from, fields).split('\0') as [string, string, string, string, string];
      // (Only a Ferry commit's, as lastChanges() reads them: a hand edit's message may name anyone.)
      const trailers = trailerList(text.slice(fields + 1, end).replace(/\0+$/, ''));
      const requestedBy = trailers.first('Ferry-Action') !== undefined ? trailers.first('Ferry-Requested-By') : undefined;
      found.set(commit, { commit, date: commitDate(date), author, ...(requestedBy ? { requestedBy } : {}), subject, trailers, parents: parents.split(' ').filter(Boolean) });
      at = next;
    }
    return found;
  }

  /** A commit object: its header lines, and its message after the blank line. */
  private async readCommit(commit: string): Promise<{ header: string; message: string }> {
    const [object] = await this.catFile([commit], `read commit ${commit}`);
    if (object?.type !== 'commit') throw new GitError(`read commit ${commit} failed: no such commit`, null);
    const end = object.content.indexOf('\n\n');
    return {
      header: object.content.toString('latin1', 0, Math.max(0, end)),
      message: end < 0 ? '' : object.content.toString('utf8', end + 2),
    };
  }

  /** Those of `paths` that are the same file (same content and mode, or absent from both) in commits `a` and `b`. */
  async sameFiles(a: string, b: string, paths: readonly string[]): Promise<Set<string>> {
    const [inA, inB] = await Promise.all([this.walk(a, paths), this.walk(b, paths)]);
    return new Set(paths.filter((p) => inA.get(p)?.oid === inB.get(p)?.oid && inA.get(p)?.mode === inB.get(p)?.mode));
  }

  /**
   * The first-parent history of `commit`, oldest first, in batches, each commit with its Ferry
   * trailers and the files it changed against its first parent.
   *
   * Comparing each commit's trees with its parent's is most of the cost, so two gits share it:
   * one reads from the newest commit back, the other (--reverse) from the oldest forward, and
   * both stop where they meet. No count or midpoint is needed first, and neither does more than
   * its share. Each writes to a file (its standard output) that is read as it grows: a pipe would
   * wake Ferry for every commit and make git wait while it is full. The oldest-first reader's
   * commits are handed out as they come, in small batches; the other's once the two have met.
   */
  async *firstParentHistory(commit: string): AsyncGenerator<LogEntry[]> {
    const token = randomBytes(12).toString('hex');
    const dir = makeTempDir('ferry-log-');
    const what = `read the history of ${this.url}`;
    // (A record: token, hash, committer date, parents, message, then the files: walkedEntry().)
    const start = (name: string, extra: string[]) => new LogFile(join(dir, name), token, [
      ...this.location(), 'log', '-z', `--format=${token}%x00%H%x00${COMMIT_DATE}%x00%P%x00%B%x00`, '--first-parent', '-m', '--no-renames', '--name-only', ...extra, commit,
    ], { cwd: this.dir, env: this.env });
    // The oldest-first reader first: it walks the whole history before its first record.
    const oldest = start('oldest', ['--reverse']);
    const newest = start('newest', []);
    // The files read along the way (ferry.yaml as it changed) come through the object reader,
    // started here rather than at the first read: a spawn blocks this thread until git runs, and
    // by then the checking of the first records is what waits (5-10 ms, in a probe of audit).
    this.objectReader();
    try {
      // The newest-first reader's records wait, unparsed, until the readers meet.
      const held: [string, number, number][] = [];
      // The oldest-first reader's records, to be handed out from `next` on.
      let queue: [string, number, number][] = [];
      let next = 0;
      let newestLast: string | undefined;
      let oldestLast: string | undefined;
      /** Whether the two have met, or one of them read the whole history. */
      let done = false;
      // Reads what both have written since; stops both gits as soon as they meet (each commit
      // one of them reads past the other is work thrown away).
      const poll = (): void => {
        const exited = [newest.exited, oldest.exited];
        for (const file of [newest, oldest]) if (file.failed) throw new GitError(redactUrl(`${what} failed: ${file.failure()}`), file.code);
        newest.read(exited[0]!, (text, from, to) => {
          const hash = text.slice(from, text.indexOf('\0', from));
          if (hash === oldestLast) return false;
          held.push([text, from, to]);
          newestLast = hash;
          return true;
        });
        if (!newest.stopped) {
          oldest.read(exited[1]!, (text, from, to) => {
            const hash = text.slice(from, text.indexOf('\0', from));
            if (hash === newestLast) return false;
            queue.push([text, from, to]);
            oldestLast = hash;
            return true;
          });
        }
        if (newest.stopped || oldest.stopped) done = true; // met
        else if (exited[0] && newest.drained) { // the newest-first reader read everything, the other nothing
          done = true;
        } else if (exited[1] && oldest.drained) { // the oldest-first reader read everything
          held.length = 0;
          done = true;
        }
        if (done) {
          newest.stop();
          oldest.stop();
        }
      };
      for (;;) {
        poll();
        // Parsed in small batches, each checked before the next is made: little stays alive. The
        // files are looked at again between batches, so that a meeting is seen at once.
        while (next < queue.length) {
          const batch: LogEntry[] = [];
          for (const end = Math.min(queue.length, next + BATCH); next < end; next++) batch.push(walkedEntry(...queue[next]!));
          yield batch;
          if (!done) poll();
        }
        queue = [];
        next = 0;
        if (done) break; // (poll() stopped both gits)
        await new Promise((resolveWait) => setTimeout(resolveWait, 2));
      }
      for (let end = held.length; end > 0; end -= BATCH) {
        const batch: LogEntry[] = [];
        for (let i = end - 1; i >= Math.max(0, end - BATCH); i--) batch.push(walkedEntry(...held[i]!));
        yield batch;
      }
    } finally {
      newest.stop();
      oldest.stop();
      await Promise.all([newest.closed, oldest.closed]);
      await rm(dir, { recursive: true, force: true });
      openClones.delete(dir);
    }
  }

  /**
   * Reads files at `commit`. Directories are walked level by level: at each level, the trees
   * not here yet are fetched in one round, then read in one cat-file; the files last, also in one
   * round. The cost follows the paths read, not the size of the repository. A file that is not
   * UTF-8, or no regular file (a symbolic link), is refused (ConfigurationError).
   */
  async readFiles(commit: string, paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const files = await this.readEach(commit, paths, false, false);
    return files as Map<string, string | undefined>;
  }

  /**
   * As readFiles(), but a file that is no text Ferry can read (not UTF-8, a symbolic link) is its
   * own ConfigurationError in the map, not the end of the read: the others are read all the same.
   * `lossy`: text that is not UTF-8 is read all the same; what is no regular file is still reported.
   */
  async readFilesReporting(commit: string, paths: readonly string[], options: { lossy?: boolean } = {}): Promise<Map<string, string | undefined | ConfigurationError>> {
    return this.readEach(commit, paths, options.lossy === true, true);
  }

  /**
   * One file as it was at each of `commits` (in their order): its text, undefined where there was
   * none, or the ConfigurationError that kept it from being read (as readFilesReporting). With
   * `read`, what it makes of each instead, called once per content (and once per version without
   * one): a caller that keeps one thing of each version (rollback: the image it pins) never holds
   * every text at once. No tree of these commits comes to this process (changedEntries()); the
   * blobs missing from a partial clone come in one fetch (rollback reads every version of a manifest).
   */
  async readFileVersions<T = FileRead>(commits: readonly string[], path: string, read?: (file: FileRead, path: string) => T): Promise<T[]> {
    return this.readFilesAt(commits.map((commit) => ({ commit, path })), read);
  }

  /** As readFileVersions(), for a file of its own at each commit: several files' versions in one fetch. */
  async readFilesAt<T = FileRead>(versions: readonly { commit: string; path: string }[], read: (file: FileRead, path: string) => T = (file) => file as T): Promise<T[]> {
    const key = ({ commit, path }: { commit: string; path: string }) => `${commit}\0${path}`;
    const unread = [...new Map(versions.filter((v) => !this.versionEntries.has(key(v))).map((v) => [key(v), v])).values()];
    if (unread.length) {
      // A tree-less clone holds the head alone, its trees fetched as paths go through them: walked.
      // So are a few commits (a process each read would cost more).
      const found = this.mode === 'treeless' || new Set(unread.map((v) => v.commit)).size <= FEW_COMMITS ? await this.walkEach(unread) : await this.changedEntries(unread);
      unread.forEach((v, i) => this.versionEntries.set(key(v), found[i] ?? null));
    }
    const entries = versions.map((v) => this.versionEntries.get(key(v)) ?? undefined);
    const problems: (ConfigurationError | undefined)[] = [];
    /** The paths each blob is read as (for errors; nearly always one). */
    const blobs = new Map<string, Set<string>>();
    entries.forEach((entry, i) => {
      if (!entry) return;
      const { path } = versions[i]!;
      try {
        assertRegularFile(path, entry);
        const paths = blobs.get(entry.oid) ?? new Set<string>();
        blobs.set(entry.oid, paths.add(path));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        problems[i] = error;
      }
    });
    // Each content decoded and made into what the caller keeps once (a manifest often returns to an earlier content).
    const made = new Map<string, T>();
    const paths = new Set(versions.map((v) => v.path));
    await this.eachBlob([...blobs.keys()], paths.size === 1 ? [...paths][0]! : `${paths.size} files`, (oid, bytes) => {
      for (const path of blobs.get(oid)!) {
        let file: FileRead;
        try {
          file = decodeText(bytes, path);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          file = error;
        }
        made.set(`${oid}\0${path}`, read(file, path));
      }
    });
    return versions.map(({ path }, i) => {
      const entry = entries[i];
      const problem = problems[i];
      if (problem) return read(problem, path);
      return entry ? made.get(`${entry.oid}\0${path}`)! : read(undefined, path);
    });
  }

  /**
   * The tree entry of each version's path at its commit (undefined: no such file), from what each
   * commit changed against its first parent: one `git diff-tree` for all of them compares the
   * trees in git (for a few paths, only along them) and no tree comes to this process. Versions
   * are read where their file changed (rollback, soak and history read the commits that changed a
   * manifest), so each is among its commit's changes; one whose commit left its path alone is
   * walked. Walking every version instead read the listings of each commit (10,000 versions of a
   * manifest among 2,000 apps: 9 s, 700 MB of trees kept).
   */
  private async changedEntries(versions: readonly { commit: string; path: string }[]): Promise<(TreeEntry | undefined)[]> {
    const wanted = new Map<string, Set<string>>();
    for (const { commit, path } of versions) {
      if (!OBJECT_ID.test(commit)) continue; // (a name, not an id: walked)
      const paths = wanted.get(commit) ?? new Set<string>();
      wanted.set(commit, paths.add(path));
    }
    /** What each commit did to each path wanted there: its entry after, or null where it removed it. */
    const changed = new Map<string, Map<string, TreeEntry | null>>();
    if (wanted.size) {
      const paths = [...new Set(versions.map((v) => v.path))];
      // As pathChanges(): git matches every name it compares against every pathspec, so many
      // paths are picked from each commit's changes here instead.
      const out = await this.git([
        'diff-tree', '--stdin', '-z', '-r', '-t', '--no-renames', '--root', '-m', '--first-parent',
        ...pathspecArgs(paths),
      ], { input: Buffer.from(`${[...wanted.keys()].join('\n')}\n`), what: `read the versions of ${paths.length === 1 ? paths[0] : `${paths.length} files`} in ${this.url}` });
      parseChanges(out.stdout.toString('utf8'), wanted, changed);
    }
    const entries: (TreeEntry | undefined)[] = new Array(versions.length);
    const unchanged: number[] = [];
    versions.forEach(({ commit, path }, i) => {
      const entry = changed.get(commit)?.get(path);
      if (entry === undefined) unchanged.push(i);
      else entries[i] = entry ?? undefined;
    });
    const walked = await this.walkEach(unchanged.map((i) => versions[i]!));
    unchanged.forEach((i, k) => (entries[i] = walked[k]));
    return entries;
  }

  /** The tree entry of each version's path at its commit, walked a few commits at a time. */
  private async walkEach(versions: readonly { commit: string; path: string }[]): Promise<(TreeEntry | undefined)[]> {
    const byCommit = new Map<string, Set<string>>();
    for (const { commit, path } of versions) byCommit.set(commit, (byCommit.get(commit) ?? new Set<string>()).add(path));
    const found = new Map<string, Map<string, TreeEntry>>();
    const commits = [...byCommit.keys()];
    for (let at = 0; at < commits.length; at += WALKS_AT_ONCE) {
      await Promise.all(commits.slice(at, at + WALKS_AT_ONCE).map(async (commit) => {
        found.set(commit, await this.walk(commit, [...byCommit.get(commit)!]));
      }));
    }
    return versions.map(({ commit, path }) => found.get(commit)!.get(path));
  }

  /**
   * The commits on the first-parent line of `commit` that changed any of `paths` (a merge: against
   * its first parent), newest first, each with its date, its Ferry trailers and those of the paths
   * it changed. A side branch's commits are not listed: what they changed reached this branch with
   * their merge. Only the trees along the paths are compared (git prunes the rest): far less than
   * firstParentHistory(), which lists every file of every commit.
   *
   * But git matches every name it compares against every pathspec: past a few dozen paths (every
   * manifest of a large env repo) that costs far more than comparing the trees whole. So many
   * paths are looked for here, in each commit's list of files, from a log without pathspecs.
   */
  async pathChanges(commit: string, paths: readonly string[]): Promise<LogEntry[]> {
    if (paths.length === 0) return [];
    return this.changeLog({ from: commit }, paths);
  }

  /**
   * Those of `commits` (ids: a chosen few, not a walk of the history) that changed any of `paths`
   * against their first parent, in the order given, as pathChanges() lists them: in one git.
   */
  async changesIn(commits: readonly string[], paths: readonly string[]): Promise<LogEntry[]> {
    if (commits.length === 0 || paths.length === 0) return [];
    if (!commits.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: changesIn() takes commit ids, found ${JSON.stringify(commits.find((id) => !OBJECT_ID.test(id)))}`);
    return this.changeLog({ only: commits }, paths, `read the history of ${this.url}`);
  }

  /**
   * The commits of the first-parent line `from` a commit, newest first, or `only` these (in their
   * order), each with its date, its Ferry trailers and the files it changed against its first
   * parent; with `paths`, only those that changed any of them, each with those of them (as a log
   * given them as pathspecs lists them).
   */
  private async changeLog(commits: { from: string } | { only: readonly string[] }, paths?: readonly string[], what?: string): Promise<LogEntry[]> {
    const token = randomBytes(12).toString('hex');
    const only = 'only' in commits ? commits.only : undefined;
    const out = await this.git([
      'log', ...(only ? ['--no-walk=unsorted', '--stdin'] : []), '-z', `--format=${logFormat(token)}`, '--first-parent', '-m', '--no-renames', '--name-only',
      ...('from' in commits ? [commits.from] : []), ...(paths ? pathspecArgs(paths) : []),
    ], { ...(only ? { input: Buffer.from(`${only.join('\n')}\n`) } : {}), ...(what ? { what } : {}) });
    const entries = logEntries(out.stdout.toString('utf8'), token);
    return paths && paths.length > MAX_PATHSPECS ? changesTo(entries, paths) : entries;
  }

  /**
   * Hands the bytes of each blob to `take`, those missing from a partial clone fetched first, in
   * one round. They are read a group at a time, each of about BLOB_GROUP_BYTES as far as the
   * blobs read so far tell: every version of a large file is never held at once.
   */
  private async eachBlob(oids: readonly string[], what: string, take: (oid: string, bytes: Buffer | undefined) => void): Promise<void> {
    await this.fetchMissing(oids, 'blob:none', `fetch ${what} from ${this.url}`);
    let group = FIRST_BLOB_GROUP;
    let bytes = 0;
    for (let at = 0; at < oids.length;) {
      const names = oids.slice(at, at + group);
      const objects = await this.catFile(names, `read ${what} from ${this.url}`);
      names.forEach((oid, i) => {
        const content = objects[i]?.content;
        objects[i] = undefined; // (taken: not held until the group is done)
        bytes += content?.length ?? 0;
        take(oid, content);
      });
      at += names.length;
      group = Math.max(1, Math.min(MAX_BLOB_GROUP, Math.floor((BLOB_GROUP_BYTES * at) / Math.max(1, bytes))));
    }
  }

  /** The bytes of each blob, those missing from a partial clone fetched first, in one round (eachBlob(), kept). */
  private async blobContents(oids: readonly string[], what: string): Promise<Map<string, Buffer | undefined>> {
    const contents = new Map<string, Buffer | undefined>();
    await this.eachBlob(oids, what, (oid, bytes) => contents.set(oid, bytes));
    return contents;
  }

  private async readEach(commit: string, paths: readonly string[], lossy: boolean, report: boolean): Promise<Map<string, string | undefined | ConfigurationError>> {
    const result = new Map<string, string | undefined | ConfigurationError>(paths.map((p) => [p, undefined]));
    if (paths.length === 0) return result;
    const decode = (bytes: Buffer, path: string) => (lossy ? lossyText(bytes, path) : decodeText(bytes, path));
    // A file's own problem: kept in its place when reporting, else the end of the read.
    const each = (path: string, read: () => void): void => {
      try {
        read();
      } catch (error) {
        if (!report || !(error instanceof ConfigurationError)) throw error;
        result.set(path, error);
      }
    };
    // Also where every object is here (a repository read in place): given `<commit>:<path>` names,
    // git would read each directory again for every file in it (status of 5,000 apps: 20 s).
    // (A link on the way to a path: no such file in git, and said so where files are reported
    // strictly, as validate and status read them. Where a file is only searched, a link is
    // reported where it was made.)
    const links = report && !lossy ? new Map<string, string>() : undefined;
    const entries = await this.walk(commit, paths, undefined, links);
    for (const [path, link] of links ?? []) result.set(path, linkOnTheWay(path, link));
    const files = new Map<string, TreeEntry>();
    for (const [path, entry] of entries) each(path, () => {
      assertRegularFile(path, entry);
      files.set(path, entry);
    });
    const content = await this.blobContents([...new Set([...files.values()].filter((e) => e.type === 'blob').map((e) => e.oid))], 'files');
    // Files of the same content are decoded once, and share their text.
    const text = new Map<string, string | undefined>();
    for (const [path, entry] of files) {
      if (entry.type !== 'blob' || entry.mode === '120000') continue;
      const bytes = content.get(entry.oid);
      each(path, () => {
        if (!text.has(entry.oid)) text.set(entry.oid, bytes && decode(bytes, path));
        result.set(path, text.get(entry.oid));
      });
    }
    return result;
  }

  /**
   * The tree entry of each path at `commit` that exists, fetching and reading the trees along the
   * way. A head's trees are kept (head() keeps its root as it reads it): its files are read again,
   * and commit() goes through them. An old commit's are not: read once (audit reads ferry.yaml at
   * each commit that changed it), thousands of them would stay for nothing.
   */
  private async walk(commit: string, paths: readonly string[], lastRound?: () => void, links?: Map<string, string>): Promise<Map<string, TreeEntry>> {
    let root = this.roots.get(commit);
    /** Where the trees read go: kept, or this walk's own. */
    const held = root !== undefined && this.trees.has(root) ? this.trees : new Map<string, TreeListing>();
    const listing = (oid: string) => this.trees.get(oid) ?? held.get(oid);
    if (root === undefined || !listing(root)) {
      const [tree] = await this.catFile([`${commit}^{tree}`], `read commit ${commit}`);
      if (tree?.type !== 'tree') throw new GitError(`read commit ${commit} failed: no such commit in the clone`, null);
      root = tree.oid;
      this.roots.set(commit, root);
      this.addTree(root, tree.content, held);
    }
    const found = new Map<string, TreeEntry>();
    // Each pending path: its segments, how many are walked, and the tree it has reached.
    let pending = paths.map((path) => ({ path, segments: path.split('/'), depth: 0, tree: root }));
    while (pending.length) {
      const unread = [...new Set(pending.map((p) => p.tree).filter((oid) => !listing(oid)))];
      if (unread.length) {
        // A directory whose files are read comes with them; one only passed through comes alone.
        const leaves = new Set(pending.filter((p) => p.depth === p.segments.length - 1).map((p) => p.tree));
        if (pending.every((p) => p.depth === p.segments.length - 1)) lastRound?.();
        await Promise.all([
          this.fetchMissing(unread.filter((oid) => leaves.has(oid)), 'tree:1', `fetch directories from ${this.url}`),
          this.fetchMissing(unread.filter((oid) => !leaves.has(oid)), 'tree:0', `fetch directories from ${this.url}`),
        ]);
        const objects = await this.catFile(unread, `read directories from ${this.url}`);
        unread.forEach((oid, i) => {
          const object = objects[i];
          if (object?.type !== 'tree') throw new GitError(redactUrl(`read directories from ${this.url} failed: tree ${oid} is missing`), null);
          this.addTree(oid, object.content, held);
        });
      }
      const next: typeof pending = [];
      for (const p of pending) {
        const entry = listing(p.tree)!.get(p.segments[p.depth]!);
        if (!entry) continue; // no such file
        if (p.depth === p.segments.length - 1) found.set(p.path, entry);
        else if (entry.type === 'tree') next.push({ ...p, depth: p.depth + 1, tree: entry.oid });
        else if (entry.mode === '120000') links?.set(p.path, p.segments.slice(0, p.depth + 1).join('/')); // (no such file in git: a link is no directory)
      }
      pending = next;
    }
    return found;
  }

  /**
   * Fetches, in one round, the objects of `oids` not known to be here (waiting for those a fetch
   * under way brings). `tree:0` fetches a tree alone; `tree:1` with what is directly in it (files,
   * and the listings of its directories). Blob-less and complete clones have every tree already.
   */
  private async fetchMissing(oids: readonly string[], filter: 'tree:0' | 'tree:1' | 'blob:none', what: string): Promise<void> {
    if (this.mode === 'complete' || (filter !== 'blob:none' && this.mode !== 'treeless')) return;
    const waits: Promise<void>[] = [];
    const needed: string[] = [];
    for (const oid of new Set(oids)) {
      if (this.present.has(oid)) continue;
      const pending = this.inflight.get(oid);
      if (pending) waits.push(pending);
      else needed.push(oid);
    }
    if (needed.length) {
      // The ids go on the command line, not to --stdin (but for very many): git would wait for
      // the end of its input, which Node sends from its event loop, so not while this process is
      // busy (parsing a large ferry.yaml) — the very time a fetch is meant to run alongside.
      const viaStdin = needed.length > MAX_IDS_IN_ARGS;
      const fetched = this.transfer(['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', `--filter=${filter}`, ...(viaStdin ? ['--stdin', 'origin'] : ['origin', ...needed])], {
        ...(viaStdin ? { input: Buffer.from(`${needed.join('\n')}\n`) } : {}),
        what,
      }).then(() => {
        for (const oid of needed) {
          this.present.add(oid);
          if (filter === 'tree:1') this.withEntries.add(oid);
        }
      }).finally(() => {
        for (const oid of needed) this.inflight.delete(oid);
      });
      for (const oid of needed) this.inflight.set(oid, fetched);
      waits.push(fetched);
    }
    await Promise.all(waits);
  }

  /**
   * Keeps a tree object (in `into`: the trees kept for later reads, or a walk's own); what is
   * directly in it is known to be here when it came with it (`tree:1`).
   */
  private addTree(oid: string, content: Buffer, into = this.trees): void {
    const listing = new TreeListing(oid, content);
    // (A complete clone fetches nothing: what is here does not matter.)
    if (this.mode !== 'complete' && this.withEntries.has(oid)) {
      for (const entry of listing.entries()) if (entry.type !== 'commit') this.present.add(entry.oid);
    }
    into.set(oid, listing);
    this.present.add(oid);
  }

  /** Objects by name (ids, `rev:path`), or undefined for a name that names none; one cat-file process per clone. */
  private catFile(names: readonly string[], what: string): Promise<(RawObject | undefined)[]> {
    return this.objectReader().read(names, what);
  }

  /** The clone's one cat-file process, started on first use. */
  private objectReader(): ObjectReader {
    return (this.reader ??= new ObjectReader(this.location(), this.dir, this.env));
  }

  /**
   * A clone or fetch, tried again (up to TRANSFER_TRIES times, after a short jittered wait) when
   * the connection broke on the way: a server that takes few connections at once (git daemon
   * keeps 5 waiting) resets some when many pipelines start together. Any other failure is
   * reported as itself at once. `reset` clears what a broken try left (a clone's directory).
   */
  private async transfer(args: string[], options: { input?: Buffer; cwd?: string; what?: string }, reset?: () => Promise<void>): Promise<RunResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.git(args, { ...options, network: true, receiving: !this.inPlace });
      } catch (error) {
        if (attempt >= TRANSFER_TRIES || !(error instanceof GitError) || !brokenConnection(error.message)) throw error;
        await transferPause(attempt);
        await reset?.();
      }
    }
  }

  private async git(args: string[], options: { input?: Buffer; cwd?: string; what?: string; network?: boolean; receiving?: boolean } = {}): Promise<RunResult> {
    const { network, receiving, ...rest } = options;
    // A git that talks to the server is watched: a wait told of, and a limit on a wait with no
    // data. A clone or fetch (into Ferry's clone) is heard as the pack it receives grows.
    const watch = network ? { network: {
      limitS: this.timeoutS,
      progress: this.progress ?? ((line: string) => process.stderr.write(`ferry: ${line}\n`)),
      ...(receiving ? { receivingInto: join(this.dir, 'objects', 'pack') } : {}),
    } } : {};
    try {
      return await runGit(options.cwd ? args : [...this.location(), ...args], { ...rest, ...watch, cwd: options.cwd ?? this.dir, env: this.env });
    } catch (error) {
      // The URL's password goes as a header (gitRemote()): refused, git asks for a user name, and
      // with no terminal says it could not read one. Git given the URL itself says "Authentication failed".
      if (this.credentialsInUrl && error instanceof GitError && /could not read (Username|Password) for '[^']*': terminal prompts disabled/.test(error.message)) {
        throw new GitError(error.message.replace(/(?:fatal: )?could not read (?:Username|Password) for '([^']*)': terminal prompts disabled/, (_, origin: string) => `authentication failed: ${origin} refused the user name and password given in the URL`), error.exitCode);
      }
      throw error;
    }
  }

  /**
   * How git is told which repository: the temporary clone by --git-dir (a bare repository found
   * by `-C` is refused under safe.bareRepository=explicit); a repository read in place, which may
   * have a work tree, by -C.
   */
  private location(): string[] {
    return this.inPlace ? ['-C', this.dir] : [`--git-dir=${this.dir}`];
  }

  /**
   * The remote's branches under `prefix` (Ferry's proposals: `ferry/<env>/…`), each with the
   * commits it has that the remote's base branch (read anew) does not, newest first: what a pull
   * request from it would merge. A branch without any (merged, or at a commit of the base) is left
   * out. One ls-remote of those branches: a remote without any costs nothing more. With some, one
   * fetch of them and of the base, then one for-each-ref and one log over them all: as many gits
   * for a thousand branches as for one.
   *
   * A clone without history (a block's) fetches them and the base to a bounded depth,
   * PROPOSAL_DEPTH (their commits only, `tree:0`, where the server filters; a server that does not
   * sends those commits' trees and files, never the whole history): what a branch forked from the
   * base's last commits needs. Where a branch's walk reaches the cut, the base alone is fetched
   * deeper, once, to BASE_DEPTH (a branch forked further back), and a branch still cut then comes
   * back with `unread` saying so, and no commits: which of its commits are its own cannot be told
   * within the bound. What is fetched is bounded by the branches' number, never by the history.
   */
  async proposalBranches(prefix = 'ferry/'): Promise<ProposalBranch[]> {
    if (this.inPlace) throw new Error('internal: proposalBranches() reads a clone');
    const heads = `refs/heads/${prefix}`;
    const what = `read the branches ${prefix}* of ${this.url}`;
    const listed = await this.transfer(['ls-remote', '--quiet', 'origin', `${heads}*`], { what });
    if (!listed.stdout.toString('utf8').split('\n').some((line) => line.split('\t')[1]?.startsWith(heads))) return [];
    const [local, base] = ['refs/ferry/proposals/', 'refs/ferry/proposal-base'];
    // A clone with the whole history (rollback's) has every commit of the base: the branches' own commits come alone.
    const shallow = (await this.git(['rev-parse', '--is-shallow-repository'], { what })).stdout.toString('latin1').trim() === 'true';
    const fetch = (depth: number | undefined, refspecs: string[]) => this.transfer([
      'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--prune',
      ...(depth !== undefined ? [`--depth=${depth}`] : []), ...(this.mode !== 'complete' ? ['--filter=tree:0'] : []),
      'origin', ...refspecs,
    ], { what });
    await fetch(shallow ? PROPOSAL_DEPTH : undefined, [`+refs/heads/${this.branch}:${base}`, `+${heads}*:${local}*`]);
    const tips = (await this.git(['for-each-ref', '--format=%(objectname) %(refname)', local], { what })).stdout.toString('utf8')
      .split('\n').filter(Boolean).map((line) => ({ commit: line.slice(0, line.indexOf(' ')), branch: `${prefix}${line.slice(line.indexOf(' ') + 1 + local.length)}` }));
    if (!tips.length) return [];
    // Each branch's commits the base does not have, from one log; `cut` where its walk meets the cut
    // of the shallow clone without meeting the base: a commit whose parents are not here (git shows
    // it without any), or a first commit while the base's history is cut (it may be the base's, further back).
    const ownCommits = async () => {
      const cut = await readFile(join(this.dir, 'shallow'), 'latin1').catch(() => '');
      const token = randomBytes(12).toString('hex');
      // Every branch's own commits in one log (the base's history excluded), then each branch's from its head down.
      const out = await this.git(['log', '-z', `--format=${logFormat(token)}%P`, '--stdin'], { what, input: Buffer.from(`${[...new Set(tips.map((t) => t.commit))].join('\n')}\n^${base}\n`) });
      const own = new Map(logEntries(out.stdout.toString('utf8'), token, true).map((e, i) => [e.commit, { entry: e, order: i }]));
      return tips.map((tip) => {
        const reached = new Set<string>();
        let atCut = false;
        for (const stack = [tip.commit]; stack.length;) {
          const id = stack.pop()!;
          const found = own.get(id);
          if (!found || reached.has(id)) continue;
          reached.add(id);
          if (cut !== '' && !found.entry.parents?.length) atCut = true;
          stack.push(...(found.entry.parents ?? []));
        }
        return { ...tip, cut: atCut, commits: [...reached].map((id) => own.get(id)!).sort((x, y) => x.order - y.order).map((o) => o.entry) };
      });
    };
    let read = await ownCommits();
    if (read.some((b) => b.cut)) {
      // (The branches' commits below the cut are the base's, or the branch is beyond the bound: only the base is fetched deeper.)
      await fetch(BASE_DEPTH, [`+refs/heads/${this.branch}:${base}`]);
      read = await ownCommits();
    }
    const why = `its fork point from ${this.branch} is further back than Ferry reads to tell a branch's own commits from ${this.branch}'s (${BASE_DEPTH} commits of ${this.branch}, ${PROPOSAL_DEPTH} of the branch): a branch that old, one merged long ago and not deleted, or one of more than ${PROPOSAL_DEPTH - 1} commits`;
    return read.flatMap(({ cut, ...b }) => (cut ? [{ branch: b.branch, commit: b.commit, commits: [], unread: why }] : b.commits.length ? [b] : []));
  }
}

/**
 * The depth a block's clone (without history) fetches the proposal branches and the base to: a
 * branch of fewer commits of its own, forked from the base's last commits, is read with it.
 */
const PROPOSAL_DEPTH = 64;
/**
 * The depth the base is fetched to where a branch forks further back: the bound on what a block
 * reads of the history (with a server that does not filter, those commits' changed trees and files too).
 */
const BASE_DEPTH = 1024;

/** A branch of the remote with the commits it has that the base does not (GitEnvRepo.proposalBranches()). */
export interface ProposalBranch {
  /** Its name, without refs/heads/ (`ferry/dev/user-service-0123456789ab`). */
  branch: string;
  /** Its head. */
  commit: string;
  /** Its own commits, newest first, each with its parents and Ferry trailers (none when `unread`). */
  commits: LogEntry[];
  /** Why its own commits could not be told from the base's: its fork point is beyond the history read (PROPOSAL_DEPTH, BASE_DEPTH). */
  unread?: string;
}

/** Versions of at most this many commits are walked by readFilesAt(); more, compared by one git diff-tree. */
const FEW_COMMITS = 8;
/** Commits walked at once by walkEach() (their trees held until each walk is done). */
const WALKS_AT_ONCE = 16;
/** Blobs eachBlob() reads in its first group; then as many as make about BLOB_GROUP_BYTES, up to MAX_BLOB_GROUP. */
const FIRST_BLOB_GROUP = 8;
const BLOB_GROUP_BYTES = 16 * 1024 * 1024;
const MAX_BLOB_GROUP = 1000;

/** A file as a read of it ends: its text, no file there (undefined), or why it cannot be read. */
export type FileRead = string | undefined | ConfigurationError;

/**
 * Reads the output of `git diff-tree --stdin -z -r -t` (without renames): each commit's id, then
 * each change as `:<old mode> <new mode> <old id> <new id> <status>` and its path, NUL-terminated.
 * Keeps, for the paths `wanted` at each commit, the entry after it, or null where it removed it.
 */
function parseChanges(out: string, wanted: ReadonlyMap<string, ReadonlySet<string>>, changed: Map<string, Map<string, TreeEntry | null>>): void {
  let want: ReadonlySet<string> | undefined;
  let changes: Map<string, TreeEntry | null> | undefined;
  for (let at = 0; at < out.length;) {
    const end = out.indexOf('\0', at);
    if (end < 0) break;
    if (out.charCodeAt(at) !== 0x3a) { // not `:`: the next commit's id
      const commit = out.slice(at, end).trim();
      want = wanted.get(commit);
      changes = undefined;
      if (want) {
        changes = changed.get(commit) ?? new Map<string, TreeEntry | null>();
        changed.set(commit, changes);
      }
      at = end + 1;
      continue;
    }
    const pathEnd = out.indexOf('\0', end + 1);
    if (pathEnd < 0) throw new GitError(`git diff-tree printed a change cut short: ${JSON.stringify(out.slice(at, at + 200))}`, null);
    const path = out.slice(end + 1, pathEnd);
    const meta = out.slice(at + 1, end);
    at = pathEnd + 1;
    if (!changes || !want?.has(path)) continue;
    const [, newMode, , oid, status] = meta.split(' ') as [string, string, string, string, string];
    if (status === 'D') {
      // (A file that became a directory, or the reverse, is removed and added under one name: the addition holds.)
      if (!changes.has(path)) changes.set(path, null);
      continue;
    }
    const mode = newMode.replace(/^0+/, ''); // (040000 in a diff, 40000 in a tree)
    changes.set(path, { mode, type: mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob', oid });
  }
}

/** A whole object id: SHA-1 (40 hex digits) or SHA-256 (64). */
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * A bare repository made by hand in `dir` (no git run) whose objects are its own, then those of
 * `objects` (alternates): git writes there what it makes of another repository's objects.
 */
async function scratchRepository(dir: string, objects: string, sha256: boolean): Promise<void> {
  await Promise.all([mkdir(join(dir, 'objects', 'info'), { recursive: true }), mkdir(join(dir, 'refs'))]);
  await Promise.all([
    writeFile(join(dir, 'HEAD'), 'ref: refs/heads/main\n'),
    writeFile(join(dir, 'config'), `[core]\n\trepositoryformatversion = ${sha256 ? 1 : 0}\n\tbare = true\n${sha256 ? '[extensions]\n\tobjectformat = sha256\n' : ''}`),
    writeFile(join(dir, 'objects', 'info', 'alternates'), `${objects}\n`),
  ]);
}

/** Object ids a fetch takes as arguments; more go to its standard input (41 bytes each, far below the limits of a command line). */
const MAX_IDS_IN_ARGS = 1000;
/**
 * The entries of a log that changed any of `paths`, each with only those of its files: what a log
 * given them as pathspecs lists (a path names the file, or every file under it when it is a directory).
 */
export function changesTo(entries: readonly LogEntry[], paths: readonly string[]): LogEntry[] {
  const wanted = new Set(paths);
  const named = (file: string): boolean => {
    for (let end = file.length; end > 0; end = file.lastIndexOf('/', end - 1)) if (wanted.has(file.slice(0, end))) return true;
    return false;
  };
  return entries.flatMap((entry) => {
    const files = entry.files.filter(named);
    return files.length ? [{ ...entry, files }] : [];
  });
}

/**
 * `paths` as git's pathspecs (after `--`), taken literally; none past MAX_PATHSPECS, where the
 * caller picks the paths from what git lists (changesTo()).
 */
function pathspecArgs(paths: readonly string[]): string[] {
  return paths.length <= MAX_PATHSPECS ? ['--', ...paths.map((p) => `:(literal)${p}`)] : [];
}

/**
 * The most paths pathChanges() gives git as pathspecs. Measured on 10,000 commits of an env repo
 * of 2,000 apps: 1 path 0.16 s, 32 paths 0.21 s, 64 0.31 s, 500 7.9 s; no pathspec at all 0.82 s.
 */
export const MAX_PATHSPECS = 32;

/** Tries of a clone, fetch or push whose connection broke (transfer(), pushRef()). */
const TRANSFER_TRIES = 3;

/** The pause before try `attempt` + 1 of a transfer whose connection broke: doubling, jittered. */
function transferPause(attempt: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, 50 * 2 ** attempt * (0.5 + Math.random())));
}
/** git's words for a connection that broke during a transfer (not for a refusal: those are final). */
const BROKEN_CONNECTION_RE = /Connection reset by peer|early EOF|unexpected disconnect while reading sideband packet/;

/** Commits handed out at a time by firstParentHistory(). */
const BATCH = 200;

/** Strict UTF-8; a byte order mark stays in the text, as the file has it. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The largest file read as text: far above any real ferry.yaml or manifest (a kustomization of
 * 5,000 images is under 1 MiB), and far below Node's limit on a string (512 MiB), whose error names
 * no file.
 */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

function assertTextSize(bytes: Buffer, path: string): void {
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new FileTooLargeError({ file: path, message: `is ${(bytes.length / 2 ** 20).toFixed(1)} MiB; Ferry reads the env repo's files up to ${MAX_TEXT_BYTES / 2 ** 20} MiB` }, bytes.length);
  }
}

/** A file's text, any bytes that are not UTF-8 read as U+FFFD (to search it, never to edit it). */
export function lossyText(bytes: Buffer, path: string): string {
  assertTextSize(bytes, path);
  return bytes.toString('utf8');
}

/**
 * A symbolic link where a file is read (mode 120000: its blob is the link's target, not YAML) is
 * refused, as a user's mistake, naming the path.
 */
function assertRegularFile(path: string, entry: TreeEntry): void {
  if (entry.mode === '120000') throw notARegularFile(path, 'a symbolic link');
  // Read as no file at all, a directory would pass for a missing file: an empty blocklist, a new manifest.
  if (entry.type === 'tree') throw notARegularFile(path, 'a directory');
  if (entry.type === 'commit') throw notARegularFile(path, 'a submodule');
}

/** The problem of `path`, which git has not, as `link`, a directory on the way to it, is a symbolic link (the git reads' and a worktree's). */
export function linkOnTheWay(path: string, link: string): ConfigurationError {
  return new ConfigurationError({ file: path, message: `is not in the env repo as a file: ${link} is a symbolic link, which Ferry does not follow (git keeps a link as a file, not a directory; commit the directory itself at ${link})` });
}

/** The problem of `path` where a file is read but something else is there (the git reads' and a worktree's). */
export function notARegularFile(path: string, what: 'a symbolic link' | 'a directory' | 'a submodule'): ConfigurationError {
  return new ConfigurationError({
    file: path,
    message: what === 'a symbolic link'
      ? 'is a symbolic link in the env repo: Ferry reads and pins only regular files (commit the file itself at this path)'
      : `is ${what} in the env repo, not a file (commit the file itself at this path)`,
  });
}

/**
 * A file's bytes as text. Bytes that are not UTF-8 are refused: decoded, they would turn into
 * U+FFFD, and an edit would write that back, changing bytes outside the edit.
 */
export function decodeText(bytes: Buffer | undefined, path: string): string | undefined {
  if (bytes === undefined) return undefined;
  assertTextSize(bytes, path);
  try {
    return UTF8.decode(bytes);
  } catch {
    // Where: decoded leniently, the bytes before the first bad one keep their characters; it is
    // the first U+FFFD the file does not spell out itself (EF BF BD).
    let offset = 0;
    for (const char of bytes.toString('utf8')) {
      if (char === '\ufffd' && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
      offset += Buffer.byteLength(char);
    }
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    throw new ConfigurationError({ file: path, message: `not UTF-8 text (byte 0x${byte} at line ${line}); Ferry reads and writes files as UTF-8 only, so that an edit changes no other byte: save the file as UTF-8` });
  }
}

/**
 * One `git cat-file --batch` kept running: each read writes names and takes as many answers,
 * in order, without starting a process. Git looks for packs fetched since it started when an
 * object is not found, so reads after a fetch see what it brought.
 */
class ObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  /**
   * What git wrote and no answer took yet, as it came: joined only once an answer is complete. A
   * large object comes in hundreds of chunks; joining them as each came copied it that many times
   * (a 30 MB file: 7 GB of copying).
   */
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the answer at the start of `chunks` needs (header, content, newline), once its header is read; else 0. */
  private awaiting = 0;
  private stderr = '';
  private failure: GitError | undefined;
  private readonly queue: { names: readonly string[]; results: (RawObject | undefined)[]; what: string; resolve: (r: (RawObject | undefined)[]) => void; reject: (e: Error) => void }[] = [];

  constructor(location: readonly string[], dir: string, env: NodeJS.ProcessEnv) {
    this.child = spawn('git', [...location, 'cat-file', '--batch'], { cwd: dir, env: gitProcessEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    runningGits.add(this.child);
    this.child.once('exit', () => runningGits.delete(this.child));
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered < this.awaiting) return; // the rest of the object is still coming
      this.drain();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.child.stdin.on('error', () => {});
    this.child.on('error', (e) => this.fail(new GitError(`cannot run git: ${e.message}`, null)));
    this.child.on('close', (code, signal) => {
      const stderr = this.stderr.trim();
      this.fail(new GitError(redactUrl(`${gitEnded(code, signal, 'git cat-file')}${stderr ? `: ${stderr}` : ''}`), code));
    });
  }

  read(names: readonly string[], what: string): Promise<(RawObject | undefined)[]> {
    if (names.length === 0) return Promise.resolve([]);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ names, results: [], what, resolve, reject });
      this.child.stdin.write(names.map((n) => `${n}\n`).join(''));
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.failure) return;
    const closed = new Promise((r) => this.child.once('close', r));
    this.child.stdin.end();
    await closed;
  }

  /** Takes the complete answers in what came; keeps the rest, and how much the next answer needs when its header is there. */
  private drain(): void {
    const buffer = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    let at = 0;
    this.awaiting = 0;
    for (;;) {
      const request = this.queue[0];
      if (!request) break;
      const nl = buffer.indexOf(0x0a, at);
      if (nl < 0) break;
      const header = buffer.toString('utf8', at, nl);
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        request.results.push(undefined);
        at = nl + 1;
      } else {
        const [oid, type, size] = header.split(' ') as [string, string, string];
        const end = nl + 1 + Number(size);
        if (buffer.length < end + 1) {
          this.awaiting = end + 1 - at; // the rest of the object is still coming
          break;
        }
        // A small object is copied out of the chunk it came in (which it would keep alive); a large
        // one, most of what was joined for it, is taken where it is.
        const content = buffer.subarray(nl + 1, end);
        request.results.push({ oid, type, content: content.length * 2 >= buffer.length ? content : Buffer.from(content) });
        at = end + 1;
      }
      if (request.results.length === request.names.length) {
        this.queue.shift();
        request.resolve(request.results);
      }
    }
    const rest = buffer.subarray(at);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
  }

  private fail(error: GitError): void {
    this.failure ??= error;
    // (`what` names the repository by its URL, credentials and all.)
    for (const request of this.queue.splice(0)) request.reject(new GitError(redactUrl(`${request.what} failed: ${this.failure.message}`), this.failure.exitCode));
  }
}

/**
 * A message of git's without what the server said: a hook's output, relayed on `remote:` lines,
 * may say anything (a lost race, a connection reset). (A message may start "push to … failed:
 * remote: …": what follows `remote:` on a line is the server's.)
 */
function gitsOwnLines(message: string): string {
  // ([^\n]*, not .*: `.` stops at \r, U+2028 and U+2029, which left the rest of a hook's line as git's.)
  return message.split('\n').map((line) => line.replace(/(?:^|\s)remote:[^\n]*$/, '')).join('\n');
}

/** Whether git itself (not a hook's words) says the connection broke on the way: worth another try. */
function brokenConnection(message: string): boolean {
  return BROKEN_CONNECTION_RE.test(gitsOwnLines(message));
}

/**
 * Whether a failed push lost a race with another writer (and a fetch and retry may succeed).
 * Locally, git reports a stale tip as "non-fast-forward", "fetch first" or "stale info". The
 * receiving end can also lose the race after its own check: it then rejects with "failed to
 * update ref" (or "incorrect old value provided") and says why on a "remote: error:" line:
 * the ref moved ("is at X but expected Y") or another push held its lock at that moment.
 * "failed to update ref" for any other reason (a full disk, permissions) is not a race.
 * The status itself is read from git's own lines only: a hook's output ("remote: …") may say
 * anything, even what looks like a rejected push.
 */
function isRace(message: string): boolean {
  const own = gitsOwnLines(message);
  if (/\[rejected\].*\((non-fast-forward|fetch first|stale info)\)/.test(own)) return true;
  if (/\[remote rejected\].*\(incorrect old value provided\)/.test(own)) return true;
  return /\[remote rejected\].*\((failed to update ref|cannot lock ref[^)]*)\)/.test(own)
    && /cannot lock ref '[^']*': (is at [0-9a-f]+ but expected [0-9a-f]+|reference already exists|Unable to create '[^']*\.lock': File exists)/.test(message);
}

/**
 * Whether `git push --porcelain`'s standard output (git's own: a hook's lines go to standard
 * error) says `ref` was up to date: its line is `=`, a tab, `<from>:<ref>`, a tab, the summary.
 */
function upToDate(porcelain: string, ref: string): boolean {
  return porcelain.split('\n').some((line) => line.startsWith('=\t') && line.split('\t')[1]?.endsWith(`:${ref}`));
}

export class GitSnapshot implements EnvRepoSnapshot {
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly repo: GitEnvRepo,
    readonly commit: string,
  ) {}

  /** What was wrong with a file read ahead of its use (not UTF-8, a link): told when it is read. */
  private readonly problems = new Map<string, ConfigurationError>();

  async readFile(path: string): Promise<string | undefined> {
    if (!this.cache.has(path) && !this.problems.has(path)) await this.prefetch([path]);
    const problem = this.problems.get(path);
    if (problem) throw problem;
    return this.cache.get(path);
  }

  async listFiles(dir: string): Promise<string[]> {
    return (await this.repo.filesIn(this.commit, [dir])).map((path) => path.slice(dir.length + 1)).sort();
  }

  async listFilesIn(dirs: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map(dirs.map((dir) => [dir, [] as string[]]));
    for (const path of await this.repo.filesIn(this.commit, [...out.keys()])) {
      const slash = path.lastIndexOf('/');
      out.get(path.slice(0, slash))?.push(path.slice(slash + 1));
    }
    for (const names of out.values()) names.sort();
    return out;
  }

  async readLinks(paths: readonly string[]): Promise<Map<string, string>> {
    return this.repo.linkTargets(this.commit, paths);
  }

  async readFilesReporting(paths: readonly string[]): Promise<Map<string, string | undefined | ConfigurationError>> {
    return this.repo.readFilesReporting(this.commit, paths);
  }

  /** Keeps a file's text (read by the repo along with the head), so readFile answers from memory. */
  remember(path: string, text: string | undefined): void {
    this.cache.set(path, text);
  }

  /** Reads many files in one go (one fetch for all missing blobs); readFile then answers from memory. */
  async prefetch(paths: readonly string[]): Promise<void> {
    const wanted = [...new Set(paths)].filter((p) => !this.cache.has(p) && !this.problems.has(p));
    if (wanted.length === 0) return;
    try {
      const files = await this.repo.readFiles(this.commit, wanted);
      for (const [p, text] of files) this.cache.set(p, text);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      // A file read along with others (a binary file or a link beside the manifest) fails only
      // a read of that file: each is read on its own (the objects are here by now).
      if (wanted.length === 1) this.problems.set(wanted[0]!, error);
      else for (const path of wanted) await this.prefetch([path]);
    }
  }
}
