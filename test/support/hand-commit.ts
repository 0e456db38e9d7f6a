/** Commits made with plain git, as a person would make them: manual edits, forged trailers. */
import { execFileSync } from 'node:child_process';
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

/** Merges `branch` into main as GitHub merges a pull request (`git merge --no-ff`, dated `date`, if given), pushes; returns the merge commit. */
export async function mergeByHand(repo: string, branch: string, date?: string): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-merge-'));
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args], { env: dated(date) }).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('merge', '--quiet', '--no-ff', '-m', `Merge pull request from acme/${branch}`, `origin/${branch}`);
    git('push', '--quiet', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
