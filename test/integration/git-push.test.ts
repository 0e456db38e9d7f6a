// A push to the env repo is a compare-and-swap on the head its change was computed on: a branch
// that moved, was set back (an administrator removing a bad commit) or was deleted since it was
// read is a race, never overwritten or made again with the removed commits. A push git calls
// failed but that landed (the connection lost after the server took it) is told as landed.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { NonFastForwardError, writeChange, type EnvRepo, type EnvRepoSnapshot, type Planned } from '../../actions/src/core/env-repo-writer.js';
import { createEnvRepo, remoteHead } from '../support/env-repo-fixture.js';
import { commitByHand } from '../support/hand-commit.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-push-test-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args]).toString().trim();

/** A bare env repo with some history, and a clone that has made its change on the head (not pushed yet). */
async function changeMade(): Promise<{ bare: string; repo: GitEnvRepo; commit: string; head: string }> {
  const bare = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir: bare, apps: 2, history: 3 });
  const repo = await GitEnvRepo.open({ repo: bare, branch: 'main', history: true });
  const snapshot = await repo.head();
  const commit = await repo.commit(snapshot.commit, [{ path: 'notes.txt', content: 'a change\n' }], 'test: a change\n\nFerry-Action: bump\n');
  return { bare, repo, commit, head: snapshot.commit };
}

test('the branch set back to an older commit meanwhile: a race; the commits taken away stay away', async () => {
  const { bare, repo, commit, head } = await changeMade();
  try {
    const older = git(bare, 'rev-parse', `${head}~2`);
    git(bare, 'update-ref', 'refs/heads/main', older, head);
    await expect(repo.push(commit)).rejects.toBeInstanceOf(NonFastForwardError);
    expect(remoteHead(bare)).toBe(older);
  } finally {
    await repo.close();
  }
});

test('the branch deleted meanwhile: a race, and the branch is not made again', async () => {
  const { bare, repo, commit } = await changeMade();
  try {
    git(bare, 'update-ref', '-d', 'refs/heads/main');
    await expect(repo.push(commit)).rejects.toBeInstanceOf(NonFastForwardError);
    expect(() => git(bare, 'rev-parse', '--verify', '--quiet', 'refs/heads/main')).toThrow();
  } finally {
    await repo.close();
  }
});

test('the branch where it was read: the change lands', async () => {
  const { bare, repo, commit } = await changeMade();
  try {
    await repo.push(commit);
    expect(remoteHead(bare)).toBe(commit);
  } finally {
    await repo.close();
  }
});

test('the connection lost after the server took the push: git says it failed, Ferry sees the branch at its commit and says it landed', async () => {
  const bare = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir: bare, apps: 2, history: 1 });
  // Once the ref is updated, the receiving end dies before it reports (as a dropped connection).
  const hook = join(bare, 'hooks', 'reference-transaction');
  await writeFile(hook, `#!/bin/sh\n[ "$1" = committed ] && [ ! -e "${join(bare, 'once')}" ] && touch "${join(bare, 'once')}" && kill -9 $PPID\nexit 0\n`);
  await chmod(hook, 0o755);
  const lines: string[] = [];
  const repo = await GitEnvRepo.open({ repo: bare, branch: 'main', progress: (line) => lines.push(line) });
  try {
    const snapshot = await repo.head();
    const commit = await repo.commit(snapshot.commit, [{ path: 'notes.txt', content: 'a change\n' }], 'test: a change\n\nFerry-Action: bump\n');
    await repo.push(commit);
    expect(remoteHead(bare)).toBe(commit);
    expect(lines.join('\n')).toMatch(new RegExp(`the push reported an error, but main is at ${commit.slice(0, 12)}: it landed`));
  } finally {
    await repo.close();
  }
});

test('a head read ahead is the next head(); once the branch may have moved, head() reads it again', async () => {
  const bare = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir: bare, apps: 2, history: 1 });
  const first = remoteHead(bare);
  const repo = await GitEnvRepo.open({ repo: bare, branch: 'main', readAhead: ['ferry.yaml'] });
  try {
    repo.readHeadAhead();
    repo.readHeadAhead(); // (one read ahead at a time)
    const moved = await commitByHand(bare, { 'notes.txt': 'moved on\n' }, 'a commit by hand');
    // The clone's head, read before the branch moved: what head() gives without a read ahead too.
    const ahead = await repo.head();
    expect(ahead.commit).toBe(first);
    expect(await ahead.readFile('ferry.yaml')).toContain('environments:');
    // Taken: a second head() is a read of its own, and after a lost race it fetches the branch.
    repo.readHeadAhead();
    repo.invalidate();
    expect((await repo.head()).commit).toBe(moved);
  } finally {
    await repo.close();
  }
});

test('the very same commit pushed by another run first (the same change, identity and second): a race, and the retry finds the change made and skips', async () => {
  const bare = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir: bare, apps: 2, history: 1 });
  const before = remoteHead(bare);
  // Two runners with one identity, in the same second: they make byte-identical commits.
  const env = { ...process.env, GIT_AUTHOR_NAME: 'ci', GIT_AUTHOR_EMAIL: 'ci@example.invalid', GIT_COMMITTER_NAME: 'ci', GIT_COMMITTER_EMAIL: 'ci@example.invalid', GIT_AUTHOR_DATE: '1790000000 +0000', GIT_COMMITTER_DATE: '1790000000 +0000' };
  const ours = await GitEnvRepo.open({ repo: bare, branch: 'main', env });
  const theirs = await GitEnvRepo.open({ repo: bare, branch: 'main', env });
  const change = async (snapshot: EnvRepoSnapshot): Promise<Planned<string>> => ((await snapshot.readFile('notes.txt')) === 'a change\n'
    ? { write: false, result: 'already' }
    : { write: true, files: [{ path: 'notes.txt', content: 'a change\n' }], message: 'test: a change\n\nFerry-Action: bump\n', result: 'made' });
  let theirCommit: string | undefined;
  // Their push lands between our commit and our push.
  const racing: EnvRepo = {
    head: () => ours.head(),
    commit: (parent, files, message) => ours.commit(parent, files, message),
    push: async (commit) => {
      if (!theirCommit) theirCommit = (await writeChange(theirs, change)).commit;
      return ours.push(commit);
    },
  };
  try {
    const outcome = await writeChange(racing, change, { sleep: async () => {} });
    expect(theirCommit).toBeDefined();
    expect(remoteHead(bare)).toBe(theirCommit);
    expect(git(bare, 'rev-list', '--count', `${before}..main`)).toBe('1');
    // Ours made the same commit id, but the push moved nothing: not ours to report as made.
    expect(outcome).toMatchObject({ status: 'skipped', commit: theirCommit, attempts: 2, result: 'already' });
  } finally {
    await Promise.all([ours.close(), theirs.close()]);
  }
});

test('the branch\'s lock taken on the server a while, the branch unmoved (another push held in a hook, then refused): the push is tried again once it is waited out, and lands', async () => {
  const { bare, repo, commit, head } = await changeMade();
  const runs = join(bare, 'hook-runs');
  await writeFile(join(bare, 'hooks', 'pre-receive'), `#!/bin/sh\necho run >> "${runs}"\nexit 0\n`);
  await chmod(join(bare, 'hooks', 'pre-receive'), 0o755);
  // (Packed: git takes the branch's lock file as the one thing that says it is taken.)
  git(bare, 'pack-refs', '--all');
  const lock = join(bare, 'refs', 'heads', 'main.lock');
  await writeFile(lock, '');
  const freed = new Promise<void>((resolveFreed) => setTimeout(() => void rm(lock).then(() => resolveFreed()), 1500));
  try {
    await repo.push(commit);
    await freed;
    expect(remoteHead(bare)).toBe(commit);
    expect(git(bare, 'rev-parse', `${commit}^`)).toBe(head);
    expect((await readFile(runs, 'utf8')).trim().split('\n')).toHaveLength(2);
  } finally {
    await freed;
    await repo.close();
  }
}, 30_000);

describe('a hook\'s line with U+2028 or U+2029 in it (which `.` in a regular expression does not cross) is the hook\'s to the end: taken at its word, pushed once', () => {
  test.each([
    ['U+2028, then what reads like a lost race', '\u2028', ' ! [rejected]        main -> main (fetch first)'],
    ['U+2029, then what reads like a lost race', '\u2029', ' ! [remote rejected] main -> main (incorrect old value provided)'],
    ['U+2028, then what reads like a broken connection', '\u2028', 'read: Connection reset by peer'],
    ['U+2029, then what reads like a broken connection', '\u2029', 'fatal: early EOF'],
  ])('%s', async (_name, separator, mimic) => {
    const { bare, repo, commit, head } = await changeMade();
    const runs = join(bare, 'hook-runs');
    await writeFile(join(bare, 'hooks', 'pre-receive'), `#!/bin/sh\necho run >> "${runs}"\nprintf '%s\\n' 'policy: no${separator}${mimic}' >&2\nexit 1\n`);
    await chmod(join(bare, 'hooks', 'pre-receive'), 0o755);
    try {
      const error = await repo.push(commit).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(NonFastForwardError);
      expect((error as Error).message).toMatch(/pre-receive hook declined/);
      expect((error as Error).message).toContain('policy: no');
      expect((await readFile(runs, 'utf8')).trim().split('\n')).toHaveLength(1);
      expect(remoteHead(bare)).toBe(head);
    } finally {
      await repo.close();
    }
  });
});
