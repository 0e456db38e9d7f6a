// GitEnvRepo reads a directory's listing only as far as the names it is asked for (a bump passes
// through a directory of thousands of apps for one). Names that share a start, names with
// spaces and non-ASCII characters, a name that is absent, and a path through a file: every read
// must be what git itself has at that path, in a tree-less clone and in a repository read in
// place, with SHA-1 ids and with SHA-256 ones (a tree entry's id is 20 bytes or 32). And the CLI
// on a SHA-256 env repo made by `ferry init`: a listing read with the wrong id length once made
// a bump spin forever.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { ferry } from '../support/ferry-cli.js';
import { templateImage } from '../support/template-repo.js';

let root: string;
/** The same content in a SHA-1 repository and a SHA-256 one. */
const bare: Record<'sha1' | 'sha256', string> = { sha1: '', sha256: '' };
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid', LC_ALL: 'C' };

/** Names in one directory, in an order git does not keep: each is a directory holding `pin.yaml`, or a file. */
const DIRS = ['app-10', 'app-1', 'app', 'app-1.0', 'app-100', 'zz', 'über app', 'a b', 'app-1-b'];
const FILES = ['app-1.yaml', 'app-2', 'ñ.yaml'];
const MANY = 1500;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-trees-test-'));
  const lines = ['commit refs/heads/main', 'committer T <t@example.invalid> 1700000000 +0000', 'data 5', 'init', ''];
  const add = (path: string, text: string) => lines.splice(lines.length - 1, 0, `M 100644 inline "${path.replace(/"/g, '\\"')}"`, `data ${Buffer.byteLength(text)}`, text);
  for (const d of DIRS) add(`prod/${d}/pin.yaml`, `dir ${d}\n`);
  for (const f of FILES) add(`prod/${f}`, `file ${f}\n`);
  for (let i = 0; i < MANY; i++) add(`prod/svc-${String(i).padStart(4, '0')}/pin.yaml`, `svc ${i}\n`);
  add('ferry.yaml', 'x: 1\n');
  for (const format of ['sha1', 'sha256'] as const) {
    bare[format] = join(root, `env-${format}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', `--object-format=${format}`, bare[format]]);
    execFileSync('git', ['-C', bare[format], 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n`, env: gitEnv });
  }
  expect(execFileSync('git', ['-C', bare.sha256, 'rev-parse', 'main']).toString().trim()).toMatch(/^[0-9a-f]{64}$/);
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

function truth(repo: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['-C', repo, 'cat-file', 'blob', `main:${path}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } catch {
    return undefined;
  }
}

const OPENS = [
  ['a tree-less clone', (repo: string) => GitEnvRepo.open({ repo, branch: 'main', env: gitEnv })],
  ['a repository read in place', (repo: string) => GitEnvRepo.openForReading({ repo, branch: 'main', env: gitEnv })],
] as const;

test.each((['sha1', 'sha256'] as const).flatMap((format) => OPENS.map(([how, open]) => [format, how, open] as const)))('%s ids, %s: each path as git has it, one at a time and all at once', async (format, _, open) => {
  for (const together of [false, true]) {
    const repo = await open(pathToFileURL(bare[format]).href);
    try {
      const head = await repo.head();
      if (together) await head.prefetch(PATHS);
      for (const path of PATHS) expect({ path, text: await head.readFile(path) }).toEqual({ path, text: truth(bare[format], path) });
    } finally {
      await repo.close();
    }
  }
  expect(PATHS.filter((p) => truth(bare[format], p) !== undefined)).toHaveLength(DIRS.length + FILES.length + 3);
});

test('a SHA-256 env repo: init, bump, status and validate', { timeout: 60_000 }, async () => {
  const repo = join(root, 'template-sha256.git');
  const env = { GIT_DEFAULT_HASH: 'sha256' };
  expect((await ferry(['init', '--bare', repo], { env })).code).toBe(0);
  expect(execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString().trim()).toMatch(/^[0-9a-f]{64}$/);
  const image = templateImage('user-service', '7.0.0');
  const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', image, '--json']);
  expect(bump.code, bump.stderr).toBe(0);
  const result = JSON.parse(bump.stdout) as { status: string; commit: string };
  expect(result.status).toBe('succeeded');
  expect(result.commit).toBe(execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString().trim());
  expect(truth(repo, 'dev/user-service/kustomization.yaml')).toContain(image.slice(image.indexOf('@') + 1));
  const status = await ferry(['status', '--repo', repo, '--json']);
  expect(status.code, status.stderr).toBe(0);
  expect(status.stdout).toContain(image.slice(image.indexOf('@') + 1));
  const validate = await ferry(['validate', '--repo', repo]);
  expect(validate.code, validate.stderr).toBe(0);
});
