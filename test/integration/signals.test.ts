// An interrupted ferry (Ctrl-C, a cancelled CI job) leaves no temporary clone behind.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEnvRepo } from '../support/env-repo-fixture.js';
import { FERRY } from '../support/ferry-cli.js';

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

test.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('%s while a clone exists: exit %i, the temporary clone removed', async (signal, code) => {
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
