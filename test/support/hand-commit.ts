/** Commits made with plain git, as a person would make them: manual edits, forged trailers. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The environment of a git command dated `date` (author and committer), or git's own. */
function dated(date?: string): NodeJS.ProcessEnv {
  return date ? { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : process.env;
}

/**
 * Clones `repo`, writes `files` (path -> text; null removes the file), commits them with `message`
 * (dated `date`, if given), pushes; returns the commit.
 */
export async function commitByHand(repo: string, files: Record<string, string | null>, message: string, date?: string): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-hand-'));
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args], { env: dated(date) }).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    for (const [path, text] of Object.entries(files)) {
      if (text === null) {
        git('rm', '--quiet', '--', path);
        continue;
      }
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), text);
    }
    const written = Object.keys(files).filter((path) => files[path] !== null);
    if (written.length) git('add', '--', ...written);
    git('commit', '--quiet', '-m', message);
    git('push', '--quiet', 'origin', 'HEAD');
    return git('rev-parse', 'HEAD');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Merges `branch` into main as GitHub merges a pull request (`git merge --no-ff`, dated `date`, if given), pushes; returns the
 * merge commit. `strategy: 'ours'` keeps main's tree whole (`git merge -s ours`); `files` (path -> text) are written over what
 * git merged, conflicts included, before the merge is committed: a conflict resolved by hand, or an evil merge.
 */
export async function mergeByHand(repo: string, branch: string, date?: string, how: { strategy?: 'ours'; files?: Record<string, string> } = {}): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-merge-'));
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args], { env: dated(date), stdio: 'pipe' }).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    const message = `Merge pull request from acme/${branch}`;
    if (how.files) {
      try {
        git('merge', '--quiet', '--no-ff', '--no-commit', `origin/${branch}`);
      } catch (error) {
        // A conflict leaves the merge under way (MERGE_HEAD), to be resolved below; anything else is an error.
        if (!existsSync(join(work, '.git', 'MERGE_HEAD'))) throw error;
      }
      for (const [path, text] of Object.entries(how.files)) await writeFile(join(work, path), text);
      git('add', '--', ...Object.keys(how.files));
      git('commit', '--quiet', '--no-edit', '-m', message);
    } else {
      git('merge', '--quiet', '--no-ff', ...(how.strategy ? ['-s', how.strategy] : []), '-m', message, `origin/${branch}`);
    }
    git('push', '--quiet', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
