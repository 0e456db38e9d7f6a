/**
 * The env repo through git itself: a temporary, bare, shallow, blob-less clone, so that the cost
 * of a change follows the files it touches, not the repository's size or history. Files are read
 * on demand (git fetches the blobs it is missing from the promisor remote), a commit is made by
 * one `git fast-import` that touches only the trees along the changed paths, and is pushed without
 * force. Every git call is spawned with an argument array and GIT_TERMINAL_PROMPT=0; credentials
 * come from git's own configuration (credential helpers, GIT_ASKPASS), never from Ferry.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { NonFastForwardError, type EnvRepo, type EnvRepoSnapshot, type FileChange } from '../core/env-repo-writer.js';

/** A git command failed for a reason other than a race. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Removes `user:password@` from URLs, wherever they appear in a message. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

/**
 * The URL git should use for `--repo`: URLs (`file://`, `git://`, `http(s)://`, `ssh://`) and
 * scp-like `user@host:path` as they are; a local path as a `file://` URL, so that git uses its
 * packing transport (a plain path clone ignores --depth and --filter).
 */
export function remoteUrl(repo: string, cwd = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return repo;
  if (/^[^/]*:/.test(repo) && !/^[a-z]:[\\/]/i.test(repo)) return repo; // scp-like ssh
  return `file://${isAbsolute(repo) ? repo : resolve(cwd, repo)}`;
}

interface RunResult {
  stdout: Buffer;
  stderr: string;
}

const UPLOAD_PACK_WITH_FILTER = 'git -c uploadpack.allowFilter=true upload-pack';

/** Where fast-import leaves the commit it makes (in the temporary clone only; never pushed by name). */
const PENDING_REF = 'refs/ferry/pending';

/** `Name <email>` and the time zone, without the time: the time is taken when each commit is made. */
interface Identity {
  nameEmail: string;
  zone: string;
}

/** Who commits when git knows no identity (no user.name / user.email, no GIT_AUTHOR_* / GIT_COMMITTER_*). */
const FALLBACK_IDENTITY: Identity = { nameEmail: 'Ferry <ferry@users.noreply.invalid>', zone: '+0000' };

/** Git's own author or committer identity (config, GIT_AUTHOR_*), or Ferry's when git has none. */
async function identity(variable: 'GIT_AUTHOR_IDENT' | 'GIT_COMMITTER_IDENT', env: NodeJS.ProcessEnv): Promise<Identity> {
  try {
    const out = (await runGit(['var', variable], { cwd: tmpdir(), env })).stdout.toString('utf8').trim();
    const m = /^(.*<[^<>]*>) \d+ ([+-]\d{4})$/.exec(out);
    return m ? { nameEmail: m[1]!, zone: m[2]! } : FALLBACK_IDENTITY;
  } catch {
    return FALLBACK_IDENTITY;
  }
}

function stamp(who: Identity, epochSeconds: number): string {
  return `${who.nameEmail} ${epochSeconds} ${who.zone}`;
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
  /** Git's environment; defaults to this process's. */
  env?: NodeJS.ProcessEnv;
}

export interface CommitInfo {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  author: string;
  subject: string;
}

export class GitEnvRepo implements EnvRepo {
  private fresh = true;
  private author = FALLBACK_IDENTITY;
  private committer = FALLBACK_IDENTITY;

  private constructor(
    readonly url: string,
    readonly branch: string,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Clones the branch into a temporary directory. Call close() when done. */
  static async open(options: GitEnvRepoOptions): Promise<GitEnvRepo> {
    const url = remoteUrl(options.repo);
    if (!/^[A-Za-z0-9._/-]+$/.test(options.branch) || options.branch.startsWith('-') || options.branch.includes('..')) {
      throw new GitError(`invalid branch name ${JSON.stringify(options.branch)}`, null);
    }
    const dir = await mkdtemp(join(tmpdir(), 'ferry-git-'));
    const env = { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
    const repo = new GitEnvRepo(url, options.branch, dir, env);
    try {
      const local = url.startsWith('file://');
      // The identity is looked up while the clone runs: one less wait on the way to a commit.
      const [, author, committer] = await Promise.all([
        repo.git([
          'clone', '--bare', '--quiet', '--no-tags', '--single-branch', '--branch', options.branch, '--filter=blob:none',
          ...(options.history ? [] : ['--depth=1']),
          // Later fetches (retries, blobs read on demand) go through the same upload-pack.
          ...(local ? ['--upload-pack', UPLOAD_PACK_WITH_FILTER, '--config', `remote.origin.uploadpack=${UPLOAD_PACK_WITH_FILTER}`] : []),
          '--', url, dir,
        ], { cwd: tmpdir(), what: `clone ${url} (branch ${options.branch})` }),
        identity('GIT_AUTHOR_IDENT', env),
        identity('GIT_COMMITTER_IDENT', env),
      ]);
      repo.author = author;
      repo.committer = committer;
      return repo;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  async head(): Promise<GitSnapshot> {
    if (!this.fresh) {
      await this.git(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', `+refs/heads/${this.branch}:refs/heads/${this.branch}`], { what: `fetch ${this.url} (branch ${this.branch})` });
    }
    this.fresh = false;
    const commit = (await this.git(['rev-parse', '--verify', `refs/heads/${this.branch}^{commit}`])).stdout.toString().trim();
    return new GitSnapshot(this, commit);
  }

  /**
   * One commit on `parent` with `files` changed, made by one `git fast-import`: it reads only the
   * trees along the changed paths, writes the new blobs, trees and the commit, and prints the
   * commit's id. Existing files keep their mode; a path that is a directory, a symlink or a
   * submodule is refused.
   */
  async commit(parent: string, files: readonly FileChange[], message: string): Promise<string> {
    const modes = new Map<string, string>();
    if (files.length > 0) {
      const listed = (await this.git(['ls-tree', '-z', '--full-tree', parent, '--', ...files.map((f) => f.path)])).stdout.toString('utf8');
      for (const line of listed.split('\0').filter(Boolean)) {
        const tab = line.indexOf('\t');
        modes.set(line.slice(tab + 1), line.slice(0, tab).split(' ')[0]!);
      }
    }
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
    text(`author ${stamp(this.author, now)}\ncommitter ${stamp(this.committer, now)}\n`);
    data(message);
    text(`from ${parent}\n`);
    for (const file of files) {
      const mode = modes.get(file.path) ?? '100644';
      if (mode !== '100644' && mode !== '100755') {
        throw new GitError(`cannot write ${file.path}: it is ${mode === '040000' ? 'a directory' : mode === '120000' ? 'a symbolic link' : 'a submodule'} in the env repo`, null);
      }
      text(`M ${mode} inline ${quotePath(file.path)}\n`);
      data(file.content);
    }
    text('get-mark :1\ndone\n');
    const out = await this.git(['fast-import', '--quiet', '--done', '--force', '--date-format=raw'], { input: Buffer.concat(chunks), what: 'make the commit' });
    return out.stdout.toString('utf8').trim();
  }

  async push(commit: string): Promise<void> {
    const ref = `refs/heads/${this.branch}`;
    try {
      await this.git(['-c', 'core.hooksPath=/dev/null', 'push', '--porcelain', '--quiet', 'origin', `${commit}:${ref}`], { what: `push to ${this.url} (branch ${this.branch})` });
    } catch (error) {
      if (error instanceof GitError && isRace(error.message)) throw new NonFastForwardError(`${this.branch} moved on ${redactUrl(this.url)}`);
      throw error;
    }
  }

  /** The latest commit that changed each path, walking the fetched history once. */
  async lastChanges(commit: string, paths: readonly string[]): Promise<Map<string, CommitInfo>> {
    const found = new Map<string, CommitInfo>();
    if (paths.length === 0) return found;
    const out = await this.git(['log', '-z', '--no-renames', '--format=%x01%H%x00%cI%x00%an%x00%s', '--name-only', commit, '--', ...paths]);
    // Each record: \x01 H \0 date \0 author \0 subject \n? names\0...
    for (const record of out.stdout.toString('utf8').split('\x01').slice(1)) {
      const fields = record.split('\0');
      const [hash, date, author, subjectAndFirst, ...rest] = fields;
      const [subject, firstName] = (subjectAndFirst ?? '').split('\n');
      const info: CommitInfo = { commit: hash!, date: date!, author: author!, subject: subject ?? '' };
      for (const name of [firstName, ...rest]) {
        const n = name?.replace(/^\n/, '');
        if (n && !found.has(n)) found.set(n, info);
      }
      if (found.size === paths.length) break;
    }
    return found;
  }

  /** Reads files at `commit`: the blob ids from the tree, one fetch for the missing blobs, one cat-file. */
  async readFiles(commit: string, paths: readonly string[], prefetch = true): Promise<Map<string, string | undefined>> {
    const result = new Map<string, string | undefined>(paths.map((p) => [p, undefined]));
    if (paths.length === 0) return result;
    if (prefetch && paths.length > 1) {
      const listed = await this.git(['ls-tree', '-z', '--full-tree', commit, '--', ...paths]);
      const oids = listed.stdout.toString('utf8').split('\0').filter(Boolean)
        .map((line) => line.split(/\s/)).filter((f) => f[1] === 'blob').map((f) => f[2]!);
      if (oids.length > 0) {
        await this.git(['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--filter=blob:none', '--stdin', 'origin'], {
          input: Buffer.from(`${oids.join('\n')}\n`),
          what: `fetch files from ${this.url}`,
        });
      }
    }
    const out = (await this.git(['cat-file', '--batch'], { input: Buffer.from(paths.map((p) => `${commit}:${p}\n`).join('')), what: `read files from ${this.url}` })).stdout;
    let pos = 0;
    for (const path of paths) {
      const nl = out.indexOf(0x0a, pos);
      const header = out.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
      const [, type, size] = header.split(' ');
      const length = Number(size);
      if (type === 'blob') result.set(path, out.subarray(pos, pos + length).toString('utf8'));
      pos += length + 1;
    }
    return result;
  }

  private git(args: string[], options: { input?: Buffer; cwd?: string; what?: string } = {}): Promise<RunResult> {
    return runGit(options.cwd ? args : ['-C', this.dir, ...args], { ...options, cwd: options.cwd ?? this.dir, env: this.env });
  }
}

/**
 * Runs git with an argument array (never a shell), GIT_TERMINAL_PROMPT=0, and turns a failure
 * into a GitError whose message says what was being done and git's reason, with URLs redacted.
 */
export function runGit(args: string[], options: { input?: Buffer; cwd: string; what?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const env = options.env ?? { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GitError(`cannot run git: ${e.message}`, null)));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) return resolvePromise({ stdout: Buffer.concat(out), stderr });
      const what = options.what ?? `git ${args.find((a) => !a.startsWith('-') && a !== options.cwd) ?? ''}`;
      const stdout = Buffer.concat(out).toString('utf8');
      const reason = [stderr, stdout].join('\n').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('hint:') && l !== 'Done').join('\n');
      reject(new GitError(redactUrl(`${what} failed: ${reason || `git exited with ${code}`}`), code));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}

/**
 * Whether a failed push lost a race with another writer (and a fetch and retry may succeed).
 * Locally, git reports a stale tip as "non-fast-forward", "fetch first" or "stale info". The
 * receiving end can also lose the race after its own check: it then rejects with "failed to
 * update ref" (or "incorrect old value provided") and says why on a "remote: error:" line:
 * the ref moved ("is at X but expected Y") or another push held its lock at that moment.
 * "failed to update ref" for any other reason (a full disk, permissions) is not a race.
 */
function isRace(message: string): boolean {
  if (/\[rejected\].*\((non-fast-forward|fetch first|stale info)\)/.test(message)) return true;
  if (/\[remote rejected\].*\(incorrect old value provided\)/.test(message)) return true;
  return /\[remote rejected\].*\((failed to update ref|cannot lock ref[^)]*)\)/.test(message)
    && /cannot lock ref '[^']*': (is at [0-9a-f]+ but expected [0-9a-f]+|reference already exists|Unable to create '[^']*\.lock': File exists)/.test(message);
}

export class GitSnapshot implements EnvRepoSnapshot {
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly repo: GitEnvRepo,
    readonly commit: string,
  ) {}

  async readFile(path: string): Promise<string | undefined> {
    if (!this.cache.has(path)) await this.prefetch([path]);
    return this.cache.get(path);
  }

  /** Reads many files in one go (one fetch for all missing blobs); readFile then answers from memory. */
  async prefetch(paths: readonly string[]): Promise<void> {
    const wanted = [...new Set(paths)].filter((p) => !this.cache.has(p));
    const files = await this.repo.readFiles(this.commit, wanted);
    for (const [p, text] of files) this.cache.set(p, text);
  }
}
