import { cp, mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { assertBranchName } from '../../adapters/git.js';
import { GitError, makeTempDir, removeTempDir, removedOnInterrupt, runGit } from '../../adapters/git-process.js';
import { ConfigurationError } from '../../core/errors.js';
import { commitMessage } from '../../core/trailers.js';

export interface InitOutput {
  status: 'succeeded';
  dir: string;
  branch: string;
  commit: string;
  bare: boolean;
}

/**
 * A new env repo from the template, committed on `branch`. With `bare`, a bare repository that
 * pipelines can push to (the template is committed through a temporary work tree).
 */
export async function runInit(options: { dir: string; branch: string; bare: boolean; templateDir: string }): Promise<InitOutput> {
  // (An empty <dir> would be the current directory, resolved: a mistake, not a request.)
  if (options.dir.trim() === '') throw new ConfigurationError({ field: 'dir', message: `expected the directory to make the repository in, found ${JSON.stringify(options.dir)}; nothing was written` });
  const given = resolve(options.dir);
  const existing = await stat(given).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new ConfigurationError({ field: 'dir', message: `${JSON.stringify(options.dir)} already exists and is not a directory; nothing was written` });
  }
  if (existing && (await readdir(given)).length > 0) {
    throw new ConfigurationError({ field: 'dir', message: `${JSON.stringify(options.dir)} already exists and is not an empty directory; nothing was written` });
  }
  // An empty directory reached through a symbolic link: the repository is made where it leads.
  const dir = existing ? await realpath(given) : given;
  // A branch name git refuses is bad input: say so before anything is written. (Run in the root
  // directory, which is always there: git needs no repository for it, nor the temporary directory,
  // which may be unusable; a git that did not run, spawn refused, is not a refusal of the name.)
  const branchOk = await runGit(['check-ref-format', `refs/heads/${options.branch}`], { cwd: parse(dir).root }).then(
    () => true,
    (error: unknown) => {
      if (!(error instanceof GitError) || error.exitCode === null) throw error; // git did not run
      return false;
    },
  );
  if (!branchOk || options.branch.startsWith('-')) {
    throw new ConfigurationError({ field: '--branch', message: `expected a branch name git accepts, found ${JSON.stringify(options.branch)}; nothing was written` });
  }
  // (The other commands take only these: a repository they cannot name the branch of is no use.)
  assertBranchName(options.branch, '--branch');
  if (options.branch === 'HEAD') throw new ConfigurationError({ field: '--branch', message: 'expected a branch name, found "HEAD"; nothing was written' });
  // The first directory made (undefined when <dir> exists): removed again on failure.
  const created = await makeDirs(dir, options.dir);
  // Interrupted (Ctrl-C, a cancelled job), the directory made goes too: half a repository would
  // stop the next `ferry init` there ("not an empty directory").
  const keep = created !== undefined ? removedOnInterrupt(created) : undefined;
  try {
    return await initInto(dir, options);
  } catch (error) {
    // Nothing half-written: leave <dir> as it was found, absent or empty.
    if (created !== undefined) await rm(created, { recursive: true, force: true });
    else for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    // A directory this user may not write into (or a read-only file system) is a bad <dir>; a
    // refusal elsewhere (the temporary directory: makeTempDir() names it) is not.
    const { code, path } = error as NodeJS.ErrnoException;
    if ((code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && (path === undefined || isWithin(resolve(path), dir))) {
      throw new ConfigurationError({ field: 'dir', message: `cannot write into ${JSON.stringify(options.dir)}: the system refused (${code}); nothing was written` });
    }
    throw error;
  } finally {
    keep?.();
  }
}

/**
 * Settings of a user's git configuration that break the first commit, as Ferry's other writers
 * never meet them (their commit is made by fast-import): commit.gpgSign signed it, or failed
 * without a key ("gpg failed to sign the data"); core.autocrlf with core.safecrlf refused the
 * template's files ("LF would be replaced by CRLF"), or changed their bytes. (The rest, as for
 * every git Ferry runs: gitProcessEnv().)
 */
const PINNED_FOR_COMMIT = ['-c', 'commit.gpgSign=false', '-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false'];

/** Whether `path` is `dir` or inside it. */
function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function initInto(dir: string, options: { branch: string; bare: boolean; templateDir: string }): Promise<InitOutput> {
  const message = commitMessage('init: Ferry environment repository', [['Ferry-Action', 'init']]);
  const identity = ['-c', 'user.name=Ferry', '-c', 'user.email=ferry@users.noreply.invalid'];
  const hasIdentity = await runGit(['var', 'GIT_COMMITTER_IDENT'], { cwd: dir }).then(() => true, () => false);
  const committing = [...PINNED_FOR_COMMIT, ...(hasIdentity ? [] : identity)];
  if (options.bare) {
    await runGit(['init', '--quiet', '--bare', `--initial-branch=${options.branch}`, dir], { cwd: dir });
    const work = makeTempDir('ferry-init-');
    try {
      await cp(options.templateDir, work, { recursive: true });
      await runGit(['init', '--quiet', `--initial-branch=${options.branch}`], { cwd: work });
      // (--force: the user's own ignore rules, a global excludes file, leave no template file out.)
      await runGit([...PINNED_FOR_COMMIT, 'add', '--all', '--force'], { cwd: work, what: 'git add' });
      await runGit([...committing, 'commit', '--quiet', '--no-verify', '-F', '-'], { cwd: work, input: Buffer.from(message), what: 'git commit' });
      await runGit(['push', '--quiet', dir, `HEAD:refs/heads/${options.branch}`], { cwd: work });
    } finally {
      await removeTempDir(work);
    }
  } else {
    await cp(options.templateDir, dir, { recursive: true });
    await runGit(['init', '--quiet', `--initial-branch=${options.branch}`], { cwd: dir });
    // `ferry bump --repo <dir>` pushes to the checked-out branch: git refuses that by default;
    // updateInstead accepts it and updates the work tree (or refuses while the tree is dirty).
    await runGit(['config', 'receive.denyCurrentBranch', 'updateInstead'], { cwd: dir });
    await runGit([...PINNED_FOR_COMMIT, 'add', '--all', '--force'], { cwd: dir, what: 'git add' }); // (--force: as above)
    await runGit([...committing, 'commit', '--quiet', '--no-verify', '-F', '-'], { cwd: dir, input: Buffer.from(message), what: 'git commit' });
  }
  const head = (await runGit(['rev-parse', `refs/heads/${options.branch}`], { cwd: dir })).stdout.toString().trim();
  return { status: 'succeeded', dir, branch: options.branch, commit: head, bare: options.bare };
}

/**
 * mkdir -p, one level at a time (Node's recursive mkdir never returns for a path in /proc); a
 * place that cannot hold a directory is bad input. Returns the first directory made.
 */
async function makeDirs(dir: string, given: string): Promise<string | undefined> {
  const missing: string[] = [];
  let at = dir;
  for (; !(await stat(at).catch(() => undefined)); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  const cannot = (why: string) => new ConfigurationError({ field: 'dir', message: `cannot make ${JSON.stringify(given)}: ${why}; nothing was written` });
  if (!missing.includes(at) && !(await stat(at)).isDirectory()) throw cannot(`${JSON.stringify(at)} is not a directory`);
  for (const [i, path] of missing.entries()) {
    try {
      await mkdir(path);
    } catch (error) {
      if (i > 0) await rm(missing[0]!, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code && ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST'].includes(code)) throw cannot(`the system refused to make ${JSON.stringify(path)} (${code})`);
      throw error;
    }
  }
  return missing[0];
}
