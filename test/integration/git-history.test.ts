// GitEnvRepo.firstParentHistory(): two gits read the history from both ends and meet; what they
// hand out must be exactly the first-parent history, oldest first, each commit with its Ferry
// trailers and the files it changed against its first parent, whatever the length and wherever
// they meet. Checked against git itself, commit by commit, on real repositories.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { type LogEntry } from '../../actions/src/adapters/git-log.js';
import { GitError } from '../../actions/src/adapters/git-process.js';

let root: string;
/** This file's own temp dir for the readers' files, so that other tests' do not count. */
let logTmp: string;
const savedTmp = process.env.TMPDIR;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-history-test-'));
  logTmp = join(root, 'tmp');
  execFileSync('mkdir', ['-p', logTmp]);
  process.env.TMPDIR = logTmp;
});
afterAll(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  await rm(root, { recursive: true, force: true });
});

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid', LC_ALL: 'C' };
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: gitEnv, maxBuffer: 64 << 20 }).toString();

/**
 * A bare repository with `count` commits on main made by fast-import: each changes one or two
 * files (one of them sometimes deleted), some carry Ferry trailers, one is empty, and with
 * `merge` a side branch is merged in (its commits are not on the first-parent line).
 */
function makeRepo(name: string, count: number, options: { merge?: boolean; format?: 'sha1' | 'sha256' } = {}): string {
  const dir = join(root, `${name}.git`);
  execFileSync('git', ['init', '--quiet', '--bare', `--object-format=${options.format ?? 'sha1'}`, dir]);
  const lines: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let time = 1_700_000_000;
  let mark = 0;
  const commit = (ref: string, message: string, changes: string[], from?: number, merge?: number) => {
    mark++;
    lines.push(`commit ${ref}`, `mark :${mark}`, `committer T <t@example.invalid> ${time++} +0200`, data(message).trimEnd());
    if (from !== undefined) lines.push(`from :${from}`);
    if (merge !== undefined) lines.push(`merge :${merge}`);
    lines.push(...changes, '');
    return mark;
  };
  const file = (path: string, text: string) => [`M 100644 inline ${path}`, data(text).trimEnd()].join('\n');
  let last: number | undefined;
  for (let i = 0; i < count; i++) {
    const changes: string[] = [];
    if (i === 3) {
      // an empty commit
    } else {
      changes.push(file(`env-${i % 3}/app-${i % 5}/kustomization.yaml`, `digest: ${i}\n`));
      if (i % 7 === 6) changes.push(file(`notes/überall ${i}.txt`, 'x\n'));
      if (i % 11 === 10) changes.push(`D notes/überall ${i - 4}.txt`);
    }
    const message = i % 2 === 0
      ? `bump(env-${i % 3}): app-${i % 5} ${i}\n\nFerry-Action: bump\nFerry-Env: env-${i % 3}\nFerry-App: app-${i % 5}\nFerry-Approved-By: a\nFerry-Approved-By: b\n`
      : `hand edit ${i}\n\nFerry-Approved-By: not a trailer block\nbecause this line is not one\n`;
    last = commit('refs/heads/main', message, changes, last);
    if (options.merge && i === Math.floor(count / 2)) {
      const side1 = commit('refs/heads/side', 'side 1\n', [file('side/a.txt', '1\n')], last);
      const side2 = commit('refs/heads/side', 'side 2\n', [file('side/b.txt', '2\n')], side1);
      // fast-import does not merge trees: the merge's tree is given, as git merge would make it.
      last = commit('refs/heads/main', 'Merge side\n', [file('side/a.txt', '1\n'), file('side/b.txt', '2\n')], last, side2);
    }
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n`, env: gitEnv });
  return dir;
}

/** What git says, one command per commit: the first-parent line, and each commit's files against its first parent. */
function expected(dir: string): { commit: string; files: string[]; trailers: [string, string[]][] }[] {
  const commits = git(dir, 'rev-list', '--first-parent', '--reverse', 'main').trim().split('\n');
  return commits.map((c, i) => {
    const files = i === 0
      ? git(dir, 'ls-tree', '-r', '-z', '--name-only', c).split('\0').filter(Boolean)
      : git(dir, 'diff-tree', '-r', '-z', '--no-renames', '--name-only', `${c}^1`, c).split('\0').filter(Boolean);
    const trailers = new Map<string, string[]>();
    const body = git(dir, 'log', '-1', '--format=%B', c);
    if (body.startsWith('bump(')) {
      for (const line of body.trim().split('\n\n')[1]!.split('\n')) {
        const [k, v] = line.split(': ');
        trailers.set(k!, [...(trailers.get(k!) ?? []), v!]);
      }
    }
    return { commit: c, files: files.sort(), trailers: [...trailers] };
  });
}

async function readAll(dir: string, commit = 'main'): Promise<LogEntry[]> {
  const repo = await GitEnvRepo.openForReading({ repo: dir, branch: 'main', history: true, env: gitEnv });
  try {
    const head = commit === 'main' ? (await repo.head()).commit : commit;
    const out: LogEntry[] = [];
    for await (const batch of repo.firstParentHistory(head)) out.push(...batch);
    return out;
  } finally {
    await repo.close();
  }
}

describe('firstParentHistory', () => {
  test.each([1, 2, 3, 4, 9, 40, 400])('%i commits: the first-parent history, oldest first, with files and trailers (5 reads)', async (count) => {
    const dir = makeRepo(`linear-${count}`, count);
    const want = expected(dir);
    expect(want).toHaveLength(count);
    for (let round = 0; round < 5; round++) {
      const got = await readAll(dir);
      expect(got.map((e) => ({ commit: e.commit, files: [...e.files].sort(), trailers: [...e.trailers] }))).toEqual(want);
      // Dates as git prints them, with the committer's zone.
      expect(got[0]!.date).toBe('2023-11-15T00:13:20+02:00');
    }
    expect(await readdir(logTmp)).toEqual([]);
  });

  test.each([3, 400])('SHA-256 ids, %i commits: the same, every id whole', async (count) => {
    const dir = makeRepo(`sha256-${count}`, count, { format: 'sha256', merge: count > 3 });
    const want = expected(dir);
    expect(want[0]!.commit).toMatch(/^[0-9a-f]{64}$/);
    const got = await readAll(dir);
    expect(got.map((e) => ({ commit: e.commit, files: [...e.files].sort(), trailers: [...e.trailers] }))).toEqual(want);
    expect(await readdir(logTmp)).toEqual([]);
  });

  test('a merged branch: its commits are not on the line; the merge shows what it brought in against its first parent', async () => {
    const dir = makeRepo('merge', 60, { merge: true });
    const want = expected(dir);
    const got = await readAll(dir);
    expect(got.map((e) => ({ commit: e.commit, files: [...e.files].sort(), trailers: [...e.trailers] }))).toEqual(want);
    const merge = got.find((e) => git(dir, 'log', '-1', '--format=%s', e.commit).trim() === 'Merge side')!;
    expect([...merge.files].sort()).toEqual(['side/a.txt', 'side/b.txt']);
    expect(got.some((e) => git(dir, 'log', '-1', '--format=%s', e.commit).startsWith('side '))).toBe(false);
  });

  test('a history of megabytes with non-ASCII names in the middle: every name as git has it, wherever a read cuts a character', async () => {
    // Each reader reads its file in pieces as git writes it; the first pieces are ASCII, then
    // come two-byte characters, which a piece's end can cut in half.
    const dir = join(root, 'wide.git');
    execFileSync('git', ['init', '--quiet', '--bare', dir]);
    const count = 3000;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const segment = i >= 1000 && i < 2000 ? 'ü'.repeat(100) : 'a'.repeat(200);
      lines.push('commit refs/heads/main', `committer T <t@example.invalid> ${1_700_000_000 + i} +0000`, 'data 2', `c${i % 10}`);
      lines.push(`M 100644 inline w/${segment}/${segment}/${segment}/${segment}/${i}.txt`, 'data 2', `${i % 10}`, '');
    }
    execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n`, env: gitEnv });
    const log = execFileSync('git', ['-C', dir, 'log', '--first-parent', '--reverse', '-m', '--no-renames', '--name-only', '-z', '--format=%x01%H', 'main'], { maxBuffer: 64 << 20 }).toString('utf8');
    expect(Buffer.byteLength(log)).toBeGreaterThan(2 << 20);
    const want = log.split('\x01').slice(1).map((record) => {
      const [commit, ...names] = record.split('\0').map((f) => f.replace(/^\n+/, ''));
      return { commit, files: names.filter(Boolean) };
    });
    expect(want).toHaveLength(count);
    const got = await readAll(dir);
    expect(got.map((e) => ({ commit: e.commit, files: e.files }))).toEqual(want);
    expect(got.filter((e) => e.files[0]!.includes('ü'))).toHaveLength(1000);
  });

  test('a reader that stops early stops both gits and removes their files', async () => {
    const dir = makeRepo('early', 3000);
    const repo = await GitEnvRepo.openForReading({ repo: dir, branch: 'main', history: true, env: gitEnv });
    try {
      const head = await repo.head();
      let seen = 0;
      for await (const batch of repo.firstParentHistory(head.commit)) {
        seen += batch.length;
        break;
      }
      expect(seen).toBeGreaterThan(0);
      expect(await readdir(logTmp)).toEqual([]);
      // No git is left reading this repository.
      const running = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((l) => l.includes(`${dir} log`));
      expect(running).toEqual([]);
    } finally {
      await repo.close();
    }
  });

  test('git failing is reported as itself', async () => {
    const dir = makeRepo('failing', 3);
    const error = await readAll(dir, '0123456789012345678901234567890123456789').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(/^read the history of file:\/\/.*failed: .*(bad object|unknown revision|bad revision)/s);
    expect(await readdir(logTmp)).toEqual([]);
  });
});

describe('log', () => {
  test('a history of more than a megabyte, non-ASCII messages in the middle and a merge: every commit with its parents and trailers, wherever a piece of git\'s output ends', async () => {
    // log() parses git's output as it comes, a record once the next has begun: pieces end inside
    // records, inside the marker between them, and inside two-byte characters.
    const dir = join(root, 'log-wide.git');
    execFileSync('git', ['init', '--quiet', '--bare', dir]);
    const lines: string[] = [];
    const data = (text: string) => [`data ${Buffer.byteLength(text)}`, text];
    let mark = 0;
    for (let i = 0; i < 3000; i++) {
      const wide = i >= 1000 && i < 2000;
      // (Long values: a piece of the output often ends inside one, and inside a character.)
      // git writes each commit's record whole to the pipe: a record longer than the pipe holds
      // (a few, of 100 kB) is what comes cut in pieces.
      const who = wide ? `${'Jürgen Ölmüller '.repeat(i % 100 === 7 ? 4000 + i : 30)}${i}` : `jo ${i}`;
      const body = (wide ? 'ü' : 'a').repeat(wide ? 100 : 500);
      lines.push('commit refs/heads/main', `mark :${++mark}`, `committer T <t@example.invalid> ${1_700_000_000 + i} +0000`);
      lines.push(...data(`bump ${i}\n\n${body}\n\nFerry-Action: bump\nFerry-Requested-By: ${who}\n`));
      if (i === 1500) {
        // a side branch of one commit, merged: a merge's record names both parents
        lines.push('', 'commit refs/heads/side', `mark :${++mark}`, `committer T <t@example.invalid> ${1_700_000_000 + i} +0000`, ...data('side\n'), `from :${mark - 1}`, '');
        lines.push('commit refs/heads/main', `mark :${++mark}`, `committer T <t@example.invalid> ${1_700_000_000 + i} +0000`, ...data('Merge side\n'), `from :${mark - 2}`, `merge :${mark - 1}`);
      }
      lines.push('');
    }
    execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n`, env: gitEnv });
    expect(Buffer.byteLength(git(dir, 'log', '--format=%B', 'main'))).toBeGreaterThan(1 << 20);
    const want = git(dir, 'log', '--format=%H %P', 'main').trim().split('\n').map((line) => line.split(' '));
    const requestedBy = git(dir, 'log', '--format=%(trailers:key=Ferry-Requested-By,valueonly)%x00', 'main').split('\0').slice(0, -1).map((v) => v.trim() || undefined);
    const repo = await GitEnvRepo.openForReading({ repo: dir, branch: 'main', history: true, env: gitEnv });
    try {
      const log = await repo.log((await repo.head()).commit);
      expect(log.map((e) => [e.commit, ...(e.parents ?? [])])).toEqual(want);
      expect(log.map((e) => e.trailers.first('Ferry-Requested-By'))).toEqual(requestedBy);
      expect(log.filter((e) => e.trailers.first('Ferry-Requested-By')?.startsWith('Jürgen Ölmüller Jürgen'))).toHaveLength(1000);
    } finally {
      await repo.close();
    }
  });
});

describe('pathChanges', () => {
  /** What git gives with the paths as pathspecs: each commit that changed any, newest first, with those of them it changed. */
  function pathspecLog(dir: string, paths: string[]): { commit: string; files: string[] }[] {
    const log = git(dir, 'log', '-z', '--format=%x01%H', '--first-parent', '-m', '--no-renames', '--name-only', 'main', '--', ...paths.map((p) => `:(literal)${p}`));
    return log.split('\x01').slice(1).map((record) => {
      const [commit, ...names] = record.split('\0').map((f) => f.replace(/^\n+/, ''));
      return { commit: commit!, files: names.filter(Boolean).sort() };
    });
  }

  async function changes(dir: string, paths: string[]): Promise<{ commit: string; files: string[] }[]> {
    const repo = await GitEnvRepo.openForReading({ repo: dir, branch: 'main', history: true, env: gitEnv });
    try {
      const head = await repo.head();
      return (await repo.pathChanges(head.commit, paths)).map((e) => ({ commit: e.commit, files: [...e.files].sort() }));
    } finally {
      await repo.close();
    }
  }

  // Every manifest the repository has (15), files it does not have, a directory (a pathspec names
  // every file under it) and a name with pathspec magic (taken literally): a few go to git as
  // pathspecs, many are looked for in each commit's files.
  const manifests = Array.from({ length: 15 }, (_, i) => `env-${i % 3}/app-${i % 5}/kustomization.yaml`);
  const others = ['env-*/app-0/kustomization.yaml', 'env-1/app', ...Array.from({ length: 40 }, (_, i) => `env-${i}/app-${i}/other.yaml`)];

  test.each([
    ['one manifest', manifests.slice(0, 1)],
    ['a few manifests', manifests.slice(0, 4)],
    ['every manifest and 42 paths of no file (more than git is given as pathspecs)', [...manifests, ...others]],
    ['42 paths of no file', others],
    ['a directory and 41 paths of no file', ['env-0', ...others.slice(1)]],
  ])('%s: the commits that changed them, newest first, each with those it changed, as git says', async (_name, paths) => {
    const dir = makeRepo(`paths-${paths.length}-${paths[0]!.length}`, 120, { merge: true });
    const want = pathspecLog(dir, paths);
    if (paths === others) expect(want).toEqual([]); // (not even the directory env-1/app-1 for env-1/app)
    else expect(want.length).toBeGreaterThan(paths.length === 1 ? 5 : 20);
    expect(await changes(dir, paths)).toEqual(want);
  });
});
