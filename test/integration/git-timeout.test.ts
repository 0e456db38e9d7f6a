// A server that never answers does not hang Ferry: a network git that stays silent is told of on
// stderr (what it waits for, how long), and stopped, with what it started (git-remote-http), after
// FERRY_GIT_TIMEOUT seconds with no data; the command says so and whether anything was pushed. A
// slow clone still receiving data goes on. The tests use a limit of 2 or 3 s through the
// variable; nothing is asserted of the time taken.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { freePort } from '../support/git-daemon.js';
import { startHttpGit } from '../support/http-git.js';

let root: string;
let counter = 0;
const app = appName(0);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-git-timeout-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newRepo(): Promise<{ dir: string; name: string; head: string }> {
  const name = `env-${++counter}.git`;
  const dir = join(root, name);
  return { dir, name, head: await createEnvRepo({ dir, apps: 1 }) };
}

/** Waits (up to a bound, polling) until `condition` holds; whether it did. */
async function eventually(condition: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  return condition();
}

test('a git:// server that takes the connection and never answers: a progress line, then exit 1 after FERRY_GIT_TIMEOUT, nothing pushed, nothing left', async () => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.resume(); // (what git sends is read and dropped: its end is seen)
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const temp = await mkdtemp(join(root, 'tmp-'));
  try {
    const r = await ferry(['bump', '--repo', `git://127.0.0.1:${port}/env.git`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: '2', TMPDIR: temp } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^ferry bump: still waiting for clone git:\/\/127\.0\.0\.1:\d+\/env\.git \(branch main\): \d+ s so far, no data for \d+ s; stopped after 2 s with no data \(FERRY_GIT_TIMEOUT\)$/m);
    expect(r.stderr).toMatch(/clone git:\/\/127\.0\.0\.1:\d+\/env\.git \(branch main\) failed: timed out: no data for 2 s \(the limit FERRY_GIT_TIMEOUT sets\): git was stopped; nothing was pushed/);
    expect(await readdir(temp)).toEqual([]);
    expect(await eventually(() => sockets.size === 0)).toBe(true);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((done) => server.close(done));
  }
});

test('an http server that hangs: git and its remote helper are stopped (the server sees the connection closed)', async () => {
  const repo = await newRepo();
  const server = await startHttpGit(root, { hang: 'all' });
  try {
    const r = await ferry(['bump', '--repo', `${server.origin}/${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: '2' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/failed: timed out: no data for 2 s \(the limit FERRY_GIT_TIMEOUT sets\): git was stopped; nothing was pushed/);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(await eventually(() => server.openConnections() === 0)).toBe(true);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  } finally {
    await server.stop();
  }
});

test('an http server that takes the push and never answers: exit 1, the push may have landed (said so), the helper stopped', async () => {
  const repo = await newRepo();
  const server = await startHttpGit(root, { hang: 'push' });
  try {
    const r = await ferry(['bump', '--repo', `${server.origin}/${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: '2' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/still waiting for push to http:\/\/127\.0\.0\.1:\d+\/env-\d+\.git \(branch main\)/);
    expect(r.stderr).toMatch(/push to http:\/\/127\.0\.0\.1:\d+\/env-\d+\.git \(branch main\) failed: timed out: no data for 2 s \(the limit FERRY_GIT_TIMEOUT sets\): git was stopped while pushing [0-9a-f]{12} to .*: it may have landed; look at the branch before running again/);
    expect(await eventually(() => server.openConnections() === 0)).toBe(true);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  } finally {
    await server.stop();
  }
});

test('a slow clone still receiving data is not stopped: FERRY_GIT_TIMEOUT limits a wait with no data, not the whole transfer', async () => {
  const repo = await newRepo();
  // A server without partial clone (the clone is complete) and a large file: ~300 KB to receive
  // at 50 KB/s, about 6 s, past a limit of 3 s. (git passes the pack on in packets of up to 64 KB:
  // at this rate, one comes every 1.3 s.)
  execFileSync('git', ['-C', repo.dir, 'config', 'uploadpack.allowFilter', 'false']);
  const work = await mkdtemp(join(root, 'work-'));
  execFileSync('git', ['clone', '--quiet', repo.dir, work]);
  await writeFile(join(work, 'archive.bin'), randomBytes(300_000));
  execFileSync('git', ['-C', work, 'add', 'archive.bin']);
  execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'a large file']);
  execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'HEAD:main']);
  const head = remoteHead(repo.dir);
  const server = await startHttpGit(root, { throttle: 50_000 });
  try {
    const r = await ferry(['bump', '--repo', `${server.origin}/${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: '3' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/timed out/);
    expect(execFileSync('git', ['-C', repo.dir, 'rev-parse', 'main^']).toString().trim()).toBe(head);
  } finally {
    await server.stop();
  }
});

test.each(['abc', '-1', '1.5'])('FERRY_GIT_TIMEOUT=%s: exit 2 naming it', async (value) => {
  const repo = await newRepo();
  const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: value } });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`FERRY_GIT_TIMEOUT: expected a whole number of seconds (0 for no limit), found ${JSON.stringify(value)}`);
  expect(remoteHead(repo.dir)).toBe(repo.head);
});

// A Node timer waits at most 2^31 - 1 ms: a longer limit would fire after 1 ms and stop git at once.
test('FERRY_GIT_TIMEOUT past the longest timer (2147483 s): exit 2 naming it; the longest is taken', async () => {
  const repo = await newRepo();
  const server = await startHttpGit(root);
  try {
    for (const value of ['2147484', '9999999']) {
      const r = await ferry(['bump', '--repo', `${server.origin}/${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: value } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`FERRY_GIT_TIMEOUT: expected at most 2147483 seconds (24.8 days, the longest wait a timer takes; 0 for no limit), found "${value}"`);
      expect(r.stderr).not.toContain('TimeoutOverflowWarning');
      expect(remoteHead(repo.dir)).toBe(repo.head);
    }
    const r = await ferry(['bump', '--repo', `${server.origin}/${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { FERRY_GIT_TIMEOUT: '2147483' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('TimeoutOverflowWarning');
    expect(remoteHead(repo.dir)).not.toBe(repo.head);
  } finally {
    await server.stop();
  }
});
