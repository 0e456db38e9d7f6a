// The token in an env repo's URL (`http://x-access-token:<token>@host/env.git`) is never printed:
// not when --branch names a tag, not when the git reading the objects dies. A git http server on
// 127.0.0.1 asks for that token; the messages name the repository with its credentials redacted.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef } from '../support/env-repo-fixture.js';
import { ferry, type CliResult } from '../support/ferry-cli.js';
import { startHttpGit, type HttpGit } from '../support/http-git.js';

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
const CREDENTIALS = `x-access-token:${TOKEN}`;
const app = appName(0);

let root: string;
let server: HttpGit;
let url: string;
/** How the messages name the repository: its URL without the credentials. */
let shown: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-credentials-in-messages-'));
  await createEnvRepo({ dir: join(root, 'env.git'), apps: 1, flow: true });
  // A tag named like a branch one might mean.
  execFileSync('git', ['-C', join(root, 'env.git'), 'tag', 'v1', 'main']);
  server = await startHttpGit(root, { credentials: CREDENTIALS });
  url = `http://${CREDENTIALS}@${server.origin.slice('http://'.length)}/env.git`;
  shown = `http://***@${server.origin.slice('http://'.length)}/env.git`;
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

/** Neither the token nor the Basic header git sent for it is anywhere in what Ferry printed. */
function expectNoToken(r: CliResult): void {
  for (const secret of [TOKEN, Buffer.from(CREDENTIALS).toString('base64')]) {
    expect(r.stdout).not.toContain(secret);
    expect(r.stderr).not.toContain(secret);
  }
}

describe('--branch naming a tag: the message says so, without the token', () => {
  const commands: [string, string[]][] = [
    ['bump', ['--env', 'dev', '--app', app, '--image', imageRef(app, '9')]],
    ['status', []],
    ['rollback', ['--env', 'dev', '--app', app]],
    ['promote', ['--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice']],
    ['block', ['--app', app, '--image', imageRef(app, '9'), '--reason', 'CVE-2024-0001']],
    ['history', []],
  ];
  test.each(commands)('%s', async (command, args) => {
    const r = await ferry([command, '--repo', url, ...args, '--branch', 'v1', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const message = `read ${shown} (branch v1) failed: the repository has no branch v1: v1 is a tag there`;
    expect(r.stderr).toContain(`ferry ${command}: ${message}`);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'runtime', message: expect.stringContaining(message) } });
    expectNoToken(r);
  });
});

describe('a git cat-file that dies: the message says how, without the token', () => {
  let bin: string;
  beforeAll(async () => {
    bin = await mkdtemp(join(root, 'bin-'));
    const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
    // Every other git runs as it is; cat-file is killed, or runs out of memory, as it starts.
    await writeFile(join(bin, 'git'), [
      '#!/bin/sh',
      'for a in "$@"; do',
      '  if [ "$a" = cat-file ]; then',
      '    [ "$FERRY_TEST_CAT_FILE" = killed ] && kill -9 $$',
      '    echo "fatal: Out of memory, malloc failed (tried to allocate 1048576 bytes)" >&2; exit 128',
      '  fi',
      'done',
      `exec "${realGit}" "$@"`,
      '',
    ].join('\n'));
    await chmod(join(bin, 'git'), 0o755);
  });

  test.each([
    ['killed', 'git cat-file was killed by SIGKILL'],
    ['out of memory', 'git cat-file exited with 128: fatal: Out of memory, malloc failed (tried to allocate 1048576 bytes)'],
  ])('%s', async (how, says) => {
    const r = await ferry(['status', '--repo', url, '--json'], { env: { PATH: `${bin}:${process.env.PATH}`, FERRY_TEST_CAT_FILE: how } });
    expect(r.code, r.stderr).toBe(1);
    const message = `read ${shown} (branch main) failed: ${says}`;
    expect(r.stderr).toContain(`ferry status: ${message}`);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'runtime', message } });
    expectNoToken(r);
  });
});
