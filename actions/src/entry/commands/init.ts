import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGit } from '../../adapters/git.js';
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
  const dir = resolve(options.dir);
  const existing = await stat(dir).catch(() => undefined);
  if (existing && (!existing.isDirectory() || (await readdir(dir)).length > 0)) {
    throw new ConfigurationError({ field: 'dir', message: `${JSON.stringify(options.dir)} already exists and is not an empty directory; nothing was written` });
  }
  await mkdir(dir, { recursive: true });
  const message = commitMessage('init: Ferry environment repository', [['Ferry-Action', 'init']]);
  const identity = ['-c', 'user.name=Ferry', '-c', 'user.email=ferry@users.noreply.invalid'];
  const hasIdentity = await runGit(['var', 'GIT_COMMITTER_IDENT'], { cwd: dir }).then(() => true, () => false);
  const id = hasIdentity ? [] : identity;
  if (options.bare) {
    await runGit(['init', '--quiet', '--bare', `--initial-branch=${options.branch}`, dir], { cwd: dir });
    const work = await mkdtemp(join(tmpdir(), 'ferry-init-'));
    await cp(options.templateDir, work, { recursive: true });
    try {
      await runGit(['init', '--quiet', `--initial-branch=${options.branch}`], { cwd: work });
      await runGit(['add', '--all'], { cwd: work });
      await runGit([...id, 'commit', '--quiet', '--no-verify', '-F', '-'], { cwd: work, input: Buffer.from(message) });
      await runGit(['push', '--quiet', dir, `HEAD:refs/heads/${options.branch}`], { cwd: work });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  } else {
    await cp(options.templateDir, dir, { recursive: true });
    await runGit(['init', '--quiet', `--initial-branch=${options.branch}`], { cwd: dir });
    await runGit(['add', '--all'], { cwd: dir });
    await runGit([...id, 'commit', '--quiet', '--no-verify', '-F', '-'], { cwd: dir, input: Buffer.from(message) });
  }
  const head = (await runGit(['rev-parse', `refs/heads/${options.branch}`], { cwd: dir })).stdout.toString().trim();
  return { status: 'succeeded', dir, branch: options.branch, commit: head, bare: options.bare };
}
