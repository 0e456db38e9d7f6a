// An interrupted ferry (Ctrl-C, a cancelled CI job) leaves no temporary clone behind.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef } from '../support/env-repo-fixture.js';
import { FERRY } from '../support/ferry-cli.js';
import { startHttpGit } from '../support/http-git.js';

let root: string;
let repo: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-signals-'));
  repo = join(root, 'env.git');
  // Enough history that `ferry promote` (which clones all of it) is still at work when signalled.
  await createEnvRepo({ dir: repo, apps: 200, history: 4000 });
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function clonesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('ferry-git-'));
}

test.each([['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const)('%s while a clone exists: exit %i, the temporary clone removed', async (signal, code) => {
  const temp = await mkdtemp(join(root, 'tmp-'));
  const child = spawn(FERRY, ['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run', '--json'], { env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  // Signal as soon as the clone directory exists.
  for (let i = 0; i < 500 && (await clonesIn(temp)).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await clonesIn(temp)).toHaveLength(1);
  child.kill(signal);
  expect(await exited, stderr).toBe(code);
  expect(await clonesIn(temp)).toEqual([]);
  // Said, not only an exit code: nothing reached the remote.
  expect(stderr).toMatch(/^ferry: interrupted; nothing was pushed$/m);
}, 60_000);

test.each([['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const)('%s to ferry alone while git talks to a server that hangs: git\'s remote helper is stopped too (the server sees the connection closed)', async (signal, code) => {
  const server = await startHttpGit(root, { hang: 'all' });
  const temp = await mkdtemp(join(root, 'tmp-'));
  try {
    const app = appName(0);
    const child = spawn(FERRY, ['bump', '--repo', `${server.origin}/env.git`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    // Signalled once the server holds git's request (node alone: no process group, as a CI runner's cancel may do).
    for (let i = 0; i < 500 && server.openConnections() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.openConnections()).toBeGreaterThan(0);
    child.kill(signal);
    expect(await exited, stderr).toBe(code);
    expect(stderr).toMatch(/^ferry: interrupted; nothing was pushed$/m);
    for (let i = 0; i < 200 && server.openConnections() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.openConnections()).toBe(0);
    expect(await clonesIn(temp)).toEqual([]);
  } finally {
    await server.stop();
  }
}, 60_000);

test('SIGINT during ferry init --bare: exit 130, neither its temporary work tree nor the half-made repository left (a second init there works)', async () => {
  const temp = await mkdtemp(join(root, 'tmp-'));
  // A git whose push waits: the interrupt comes while init's work tree is there and the bare
  // repository is made but holds no branch yet.
  const bin = await mkdtemp(join(root, 'bin-'));
  const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  await writeFile(join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = push ] && { touch "${join(temp, 'pushing')}"; sleep 30; }; done\nexec "${realGit}" "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
  const target = join(root, `init-${Date.now()}.git`);
  const child = spawn(FERRY, ['init', '--bare', target], { env: { ...process.env, TMPDIR: temp, PATH: `${bin}:${process.env.PATH}` }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  for (let i = 0; i < 1000 && !(await readdir(temp)).includes('pushing'); i++) await new Promise((r) => setTimeout(r, 10));
  expect((await readdir(temp)).filter((n) => n.startsWith('ferry-init-'))).toHaveLength(1);
  expect((await readdir(target)).length).toBeGreaterThan(0);
  child.kill('SIGINT');
  expect(await exited, stderr).toBe(130);
  expect((await readdir(temp)).filter((n) => n.startsWith('ferry-'))).toEqual([]);
  await expect(readdir(target)).rejects.toThrow(/ENOENT/);
  const again = spawnSync(FERRY, ['init', '--bare', target], { env: { ...process.env, TMPDIR: temp }, encoding: 'utf8' });
  expect(again.status, again.stderr).toBe(0);
}, 60_000);
