// GitEnvRepo reads a directory's listing only as far as the names it is asked for (a bump passes
// through a directory of thousands of apps for one). Names that share a start, names with
// spaces and non-ASCII characters, a name that is absent, and a path through a file: every read
// must be what git itself has at that path, in a tree-less clone and in a repository read in place.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';

let root: string;
let bare: string;
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid', LC_ALL: 'C' };

/** Names in one directory, in an order git does not keep: each is a directory holding `pin.yaml`, or a file. */
const DIRS = ['app-10', 'app-1', 'app', 'app-1.0', 'app-100', 'zz', 'über app', 'a b', 'app-1-b'];
const FILES = ['app-1.yaml', 'app-2', 'ñ.yaml'];
const MANY = 1500;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-trees-test-'));
  bare = join(root, 'env.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  const lines = ['commit refs/heads/main', 'committer T <t@example.invalid> 1700000000 +0000', 'data 5', 'init', ''];
  const add = (path: string, text: string) => lines.splice(lines.length - 1, 0, `M 100644 inline "${path.replace(/"/g, '\\"')}"`, `data ${Buffer.byteLength(text)}`, text);
  for (const d of DIRS) add(`prod/${d}/pin.yaml`, `dir ${d}\n`);
  for (const f of FILES) add(`prod/${f}`, `file ${f}\n`);
  for (let i = 0; i < MANY; i++) add(`prod/svc-${String(i).padStart(4, '0')}/pin.yaml`, `svc ${i}\n`);
  add('ferry.yaml', 'x: 1\n');
  execFileSync('git', ['-C', bare, 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n`, env: gitEnv });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const PATHS = [
  ...DIRS.map((d) => `prod/${d}/pin.yaml`),
  ...FILES.map((f) => `prod/${f}`),
  'prod/svc-0000/pin.yaml', 'prod/svc-0749/pin.yaml', `prod/svc-${MANY - 1}/pin.yaml`,
  // absent: a name no entry has, a prefix of names, a longer name, a path through a file
  'prod/app-/pin.yaml', 'prod/ap/pin.yaml', 'prod/app-1000/pin.yaml', 'prod/app-1.yaml/pin.yaml', 'prod/svc-9999/pin.yaml',
];

function truth(path: string): string | undefined {
  try {
    return execFileSync('git', ['-C', bare, 'cat-file', 'blob', `main:${path}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } catch {
    return undefined;
  }
}

test.each([
  ['a tree-less clone', (repo: string) => GitEnvRepo.open({ repo, branch: 'main', env: gitEnv })],
  ['a repository read in place', (repo: string) => GitEnvRepo.openForReading({ repo, branch: 'main', env: gitEnv })],
])('%s reads each path as git has it, one at a time and all at once', async (_, open) => {
  for (const together of [false, true]) {
    const repo = await open(pathToFileURL(bare).href);
    try {
      const head = await repo.head();
      if (together) await head.prefetch(PATHS);
      for (const path of PATHS) expect({ path, text: await head.readFile(path) }).toEqual({ path, text: truth(path) });
    } finally {
      await repo.close();
    }
  }
  expect(PATHS.filter((p) => truth(p) !== undefined)).toHaveLength(DIRS.length + FILES.length + 3);
});
