/**
 * The env repo's files as they are on disk in a directory (a checkout, committed or not): what
 * `ferry validate --worktree` reads instead of a branch. Files are read as the git adapter reads
 * them at a commit, so that a directory validates as it would once committed: a symbolic link
 * where a file is read is refused (a link on the way to it is no directory, so the file is not
 * there), as is a directory, and text that is not UTF-8. A path that leaves the directory is
 * refused; no link is followed.
 */
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, readlink, realpath, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvRepoSnapshot } from '../core/env-repo-writer.js';
import { ConfigurationError, quote } from '../core/errors.js';
import { decodeText, linkOnTheWay, notARegularFile } from './git.js';
import { GitError, runGit } from './git-process.js';

/** The directory validated, and the commit checked out there when it is a git checkout. */
export interface WorktreeInfo {
  /** The directory, absolute. */
  path: string;
  /** HEAD of the git checkout the directory is in (or under); absent when it is in none, or HEAD has no commit yet. */
  head?: string;
  /** With head: whether a file validated differs from head (changed, added, deleted or untracked). */
  modified?: boolean;
}

export class WorktreeSnapshot implements EnvRepoSnapshot {
  /** HEAD of the checkout, or '' when the directory is in none (the interface's commit is a string). */
  readonly commit: string;
  /**
   * Every path asked for that stays in the directory, what `modified` compares: a file read, one
   * not there, and one refused (a tracked file made a symbolic link or a directory is a change,
   * as is a directory on its way made a link: git names each path, and follows no link).
   */
  private readonly read = new Set<string>();
  /** Those of `read` there on disk (a file, a directory, a link or another), as they were read: what git may find untracked. */
  private readonly found = new Set<string>();
  /** The reads under way, READS_AT_ONCE at most, also across calls of readFilesReporting made together. */
  private readonly reads = new Slots(READS_AT_ONCE);
  /** The files of the directory in git's index (ls-files --cached), listed once when first needed. */
  private indexed?: Promise<Set<string>>;

  private constructor(
    readonly path: string,
    private readonly gitCheckout: boolean,
    head: string | undefined,
  ) {
    this.commit = head ?? '';
  }

  /** The snapshot of directory `dir` (ConfigurationError naming `field` when it is none). */
  static async open(dir: string, field = '--worktree'): Promise<WorktreeSnapshot> {
    // (As an empty --repo is: not the current directory, nor a realpath error of its own.)
    if (dir.trim() === '') throw new ConfigurationError({ field, message: 'must not be empty' });
    let path: string;
    try {
      path = await realpath(dir);
      if (!(await stat(path)).isDirectory()) throw new Error('not a directory');
    } catch (error) {
      throw new ConfigurationError({ field, message: `expected a directory (a checkout of the env repo), found ${quote(dir)}: ${(error as Error).message}` });
    }
    const inside = await git(path, ['rev-parse', '--is-inside-work-tree']).catch((error: unknown) => {
      // Not in a git checkout is an answer; any other failure (a repository git refuses to read,
      // such as one of another owner) is not, and modified could not be told.
      if (error instanceof GitError && /not a git repository/i.test(error.message)) return 'false';
      throw error;
    });
    if (inside !== 'true') return new WorktreeSnapshot(path, false, undefined);
    const head = await git(path, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => undefined);
    return new WorktreeSnapshot(path, true, head || undefined);
  }

  async readFile(path: string): Promise<string | undefined> {
    const text = (await this.readFilesReporting([path])).get(path);
    if (text instanceof ConfigurationError) throw text;
    return text;
  }

  /**
   * Each file's text, undefined where there is none, or the ConfigurationError that kept it from
   * being read. In a git checkout, a file git ignores and does not track is none: committing the
   * directory would leave it out.
   */
  async readFilesReporting(paths: readonly string[]): Promise<Map<string, string | undefined | ConfigurationError>> {
    const out = new Map<string, string | undefined | ConfigurationError>();
    // A few at a time (READS_AT_ONCE): each read holds a file open, and a directory of 15,000 apps
    // read all at once ran out of them (EMFILE), as did one of 100 apps under `ulimit -n 256`.
    await Promise.all([...new Set(paths)].map((p) => this.reads.run(async () => {
      try {
        out.set(p, await this.readOne(p));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        out.set(p, error);
      }
    })));
    // (Of the paths inside the directory: one refused as outside it is not git's to judge.)
    for (const p of await this.ignored([...out].filter(([p, v]) => v !== undefined && this.read.has(p)).map(([p]) => p))) out.set(p, undefined);
    return new Map(paths.map((p) => [p, out.get(p)]));
  }

  /** The regular files directly in `dir` as validate would read them (not one git ignores and does not track). */
  async listFiles(dir: string): Promise<string[]> {
    return this.namesIn(dir, false);
  }

  /**
   * The files directly in each of `dirs`, READS_AT_ONCE at most at a time (each holds a directory
   * open): as listFiles(), and the symbolic links there too, as git lists them (a link is a file in
   * git, whose content is its target): reading one is then refused, as at a commit.
   */
  async listFilesIn(dirs: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    await Promise.all([...new Set(dirs)].map((dir) => this.reads.run(async () => {
      out.set(dir, await this.namesIn(dir, true));
    })));
    return new Map(dirs.map((dir) => [dir, out.get(dir) ?? []]));
  }

  /** Of `paths`, those that are symbolic links, each with its target as written (readlink). */
  async readLinks(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    await Promise.all([...new Set(paths)].map((p) => this.reads.run(async () => {
      if (p.split('/').some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) return;
      const at = join(this.path, p);
      if (!(await lstat(at).catch(() => undefined))?.isSymbolicLink()) return;
      const target = await readlink(at).catch(() => undefined);
      if (target !== undefined) out.set(p, target);
    })));
    return out;
  }

  private async namesIn(dir: string, links: boolean): Promise<string[]> {
    if (dir.split('/').some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) return [];
    const entries = await readdir(join(this.path, dir), { withFileTypes: true }).catch(() => []);
    const names = entries.filter((e) => e.isFile() || (links && e.isSymbolicLink())).map((e) => e.name);
    const ignored = await this.ignored(names.map((n) => `${dir}/${n}`));
    return names.filter((n) => !ignored.has(`${dir}/${n}`)).sort();
  }

  /** Those of `paths` that git ignores and does not track, in a git checkout (none elsewhere). */
  private async ignored(paths: readonly string[]): Promise<Set<string>> {
    if (!this.gitCheckout || paths.length === 0) return new Set();
    const ignored = new Set<string>();
    for (const specs of pathspecBatches(await this.untracked(paths))) {
      const listed = await runGit(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...specs], { cwd: this.path, what: `list the files of ${this.path} git ignores` });
      for (const p of listed.stdout.toString('utf8').split('\0')) if (p) ignored.add(p);
    }
    return ignored;
  }

  /**
   * Those of `paths` git may list as others (untracked: ignored or not): there on disk, and not a
   * file of the index; only these are given to git as pathspecs. All 45,000 of a directory of
   * 15,000 apps were more than a command line takes (spawn E2BIG), and git takes seconds to match
   * each of its files against so many. (Neither ls-files nor diff takes --pathspec-from-file.)
   */
  private async untracked(paths: Iterable<string>): Promise<string[]> {
    this.indexed ??= runGit(['ls-files', '-z', '--cached'], { cwd: this.path, what: `list the files of ${this.path} git tracks` })
      .then((listed) => new Set(listed.stdout.toString('utf8').split('\0').filter(Boolean)));
    const indexed = await this.indexed;
    return [...paths].filter((p) => this.found.has(p) && !indexed.has(p));
  }

  /**
   * Copies the directory's files into `into` (which must not exist; the caller removes it), for a
   * tool that reads a directory (kustomize), as the git adapter checks out a commit: a symbolic
   * link becomes a file holding its target, so nothing read there leads out of the directory (a
   * link in a pull request's checkout to a file of the runner's). In a git checkout, only the
   * files validate reads there: tracked, or untracked and not ignored (an ignored file, which
   * committing would leave out, is not copied); elsewhere every file. `.git`, what is under a
   * link, and what is neither a file, a directory nor a link are left out.
   */
  async copyTo(into: string): Promise<void> {
    await mkdir(into);
    if (!this.gitCheckout) {
      const copy = async (from: string, to: string): Promise<void> => {
        for (const entry of await readdir(from, { withFileTypes: true })) {
          if (entry.name === '.git') continue;
          const source = join(from, entry.name);
          const target = join(to, entry.name);
          if (entry.isDirectory()) {
            await mkdir(target);
            await copy(source, target);
          } else if (entry.isSymbolicLink()) await writeFile(target, await readlink(source));
          else if (entry.isFile()) await copyFile(source, target);
        }
      };
      return copy(this.path, into);
    }
    // Relative to the directory (which may be under the checkout's top): tracked, and untracked not ignored.
    const listed = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], { cwd: this.path, what: `list the files of ${this.path}` });
    const paths = [...new Set(listed.stdout.toString('utf8').split('\0').filter(Boolean))];
    // Whether each directory on the way is one (not a link): a file under a link is not there, as in git.
    const dirs = new Map<string, Promise<boolean>>([['', Promise.resolve(true)]]);
    const isDir = (dir: string): Promise<boolean> => {
      let known = dirs.get(dir);
      if (!known) {
        const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
        known = isDir(parent).then(async (ok) => {
          if (!ok) return false;
          const info = await lstat(join(this.path, dir)).catch(() => undefined);
          if (!info?.isDirectory()) return false;
          await mkdir(join(into, dir), { recursive: true });
          return true;
        });
        dirs.set(dir, known);
      }
      return known;
    };
    for (const path of paths) {
      const segments = path.split('/');
      if (segments.some((s) => s === '' || s === '.' || s === '..' || s === '.git')) continue;
      const parent = segments.slice(0, -1).join('/');
      if (!(await isDir(parent))) continue;
      const source = join(this.path, path);
      const info = await lstat(source).catch(() => undefined); // (a tracked file deleted: not there)
      if (info?.isSymbolicLink()) await writeFile(join(into, path), await readlink(source));
      else if (info?.isFile()) await copyFile(source, join(into, path));
    }
  }

  /** What validate reports of the directory: with a head, whether the files it read differ from it. */
  async info(): Promise<WorktreeInfo> {
    if (!this.gitCheckout || !this.commit) return { path: this.path };
    return { path: this.path, head: this.commit, modified: await this.modified() };
  }

  private async readOne(path: string): Promise<string | undefined> {
    const segments = path.split('/');
    // Paths are the env repo's ('dev/app/kustomization.yaml'): nothing absolute, no '..', '.' or
    // empty segment, no backslash (a separator on Windows).
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) {
      throw new ConfigurationError({ file: path, message: `is not a path inside the directory validated (${this.path}): Ferry reads only files of the env repo` });
    }
    this.read.add(path);
    let at = this.path;
    for (const [i, segment] of segments.entries()) {
      at = join(at, segment);
      const info = await lstat(at).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        throw error;
      });
      if (!info) break;
      const last = i === segments.length - 1;
      if (last) this.found.add(path);
      if (info.isSymbolicLink()) {
        if (last) throw notARegularFile(path, 'a symbolic link');
        throw linkOnTheWay(path, segments.slice(0, i + 1).join('/')); // (a link is no directory in git: nothing is there)
      }
      if (!last) {
        if (!info.isDirectory()) return undefined;
        continue;
      }
      if (info.isDirectory()) throw notARegularFile(path, 'a directory');
      if (!info.isFile()) throw new ConfigurationError({ file: path, message: 'is not a regular file (Ferry reads and pins only regular files)' });
    }
    let bytes: Buffer;
    try {
      // O_NOFOLLOW: a link put in the file's place since it was looked at is not followed.
      const file = await open(at, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        bytes = await file.readFile();
      } finally {
        await file.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      if (code === 'ELOOP') throw notARegularFile(path, 'a symbolic link');
      throw error;
    }
    return decodeText(bytes, path);
  }

  /** Whether a file read differs from HEAD: changed or deleted (git diff), or not in HEAD (untracked, not ignored). */
  private async modified(): Promise<boolean> {
    if (this.read.size === 0) return false;
    // The paths that differ in the directory (not given as pathspecs, one each: see untracked()),
    // a read one among them, or under one (a tracked file made a directory).
    const diff = await runGit(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--relative', 'HEAD', '--', '.'], { cwd: this.path, what: `compare ${this.path} with HEAD` });
    const read = (p: string): boolean => {
      for (let end = p.length; end > 0; end = p.lastIndexOf('/', end - 1)) if (this.read.has(p.slice(0, end))) return true;
      return false;
    };
    if (diff.stdout.toString('utf8').split('\0').some((p) => p !== '' && read(p))) return true;
    // (An ignored file read as none, as committing would leave it out: no change.)
    for (const specs of pathspecBatches(await this.untracked([...this.read].sort()))) {
      const others = await runGit(['ls-files', '-z', '--others', '--exclude-standard', '--', ...specs], { cwd: this.path, what: `list the files of ${this.path} not in HEAD` });
      if (others.stdout.length > 0) return true;
    }
    return false;
  }
}

/** Files read at once (each holds a file open while it is read). */
const READS_AT_ONCE = 32;

/**
 * The most bytes of pathspecs given to one git command: what GNU xargs puts on one command line.
 * A command line has a bound (ARG_MAX, with the environment: 2 MiB on Linux, 1 MiB on macOS):
 * 45,000 paths, 3 environments of 15,000 apps, did not start (spawn E2BIG).
 */
export const PATHSPEC_BYTES = 128 * 1024;

/**
 * `paths` as `:(literal)` pathspecs, in batches of at most `maxBytes` bytes (each counted with the
 * NUL that ends it on a command line), in order; a path longer than that alone in its batch.
 */
export function pathspecBatches(paths: readonly string[], maxBytes = PATHSPEC_BYTES): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const path of paths) {
    const spec = `:(literal)${path}`;
    const size = Buffer.byteLength(spec) + 1;
    if (batch.length > 0 && bytes + size > maxBytes) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(spec);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Runs at most `size` tasks at a time; the others wait their turn, in the order they came. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // (its slot handed on: running stays as it is)
      else this.running--;
    }
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  return (await runGit(args, { cwd, what: `read the git checkout of ${cwd}` })).stdout.toString('utf8').trim();
}


