// A git stopped by a signal (the out-of-memory killer, a kill -9) has no exit code: the message
// says it was killed, and by which signal, not "git exited with null". A `git` first on PATH kills
// itself when its arguments name the git subcommand the test picks, and runs git otherwise.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEnvRepo } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
let repo: string;
let bin: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-git-killed-'));
  await createEnvRepo({ dir: join(root, 'env.git'), apps: 1, history: 2 });
  repo = `file://${join(root, 'env.git')}`;
  bin = join(root, 'bin');
  await mkdir(bin);
  const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  await writeFile(join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = "$FERRY_TEST_KILL" ] && kill -9 $$; done\nexec "${realGit}" "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test.each([
  // runGit
  ['history', 'log', () => 'git log failed: git was killed by SIGKILL'],
  // LogFile, the history read as git writes it
  ['status', 'log', () => `read the history of ${repo} failed: git was killed by SIGKILL`],
  // ObjectReader, git cat-file --batch (a repository on this machine is read in place: the head commit first)
  ['status', 'cat-file', () => `read commit ${execFileSync('git', ['-C', join(root, 'env.git'), 'rev-parse', 'main']).toString().trim()} failed: git cat-file was killed by SIGKILL`],
])('ferry %s, git %s killed', async (command, killed, says) => {
  const r = await ferry([command, '--repo', repo, '--json'], { env: { PATH: `${bin}:${process.env.PATH}`, FERRY_TEST_KILL: killed } });
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toBe(`ferry ${command}: ${says()}\n`);
  expect(JSON.parse(r.stdout)).toEqual({ status: 'failed', error: { kind: 'runtime', message: says() } });
});
