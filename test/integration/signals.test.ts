// An interrupted ferry (Ctrl-C, a cancelled CI job) leaves no temporary clone behind.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
