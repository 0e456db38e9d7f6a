// What ferry block fetches to read the proposal branches (ferry/*) of a repository with a long
// history (helper-153): its clone has no history, and the branches' own commits are told from the
// base's within a bounded depth of both, from a server that filters (`tree:0`: commits only) and
// from one that does not (git daemon with uploadpack.allowFilter false: those commits' trees and
// files). Not the history: the objects the server sends are the same for 2,000 commits of history
// as for 8,000. A branch whose fork point is beyond the bound is told of as unknown, with why.
// The server's packs are counted by an uploadpack.packObjectsHook that keeps a copy of each.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { startGitDaemon, type GitDaemon } from '../support/git-daemon.js';

let root: string;
let packs: string;
let daemon: GitDaemon;
let counter = 0;

const identity = { GIT_AUTHOR_NAME: 'Ci', GIT_AUTHOR_EMAIL: 'ci@example.invalid', GIT_COMMITTER_NAME: 'Ci', GIT_COMMITTER_EMAIL: 'ci@example.invalid' };
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, ...identity } }).toString().trim();
const app = appName(0);
const bad = imageRef(app, '6.6.6');
const digest = bad.slice(bad.indexOf('@') + 1);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-block-proposals-bounded-'));
  packs = join(root, 'packs');
  await mkdir(join(root, 'srv'), { recursive: true });
  await mkdir(packs);
  // The hook is taken from the daemon's global config only (a repository's own is not trusted for it).
  const hook = join(root, 'pack-hook');
  await writeFile(hook, `#!/bin/bash\nset -o pipefail\n"$@" | tee "${packs}/pack-$$-$RANDOM"\n`);
  await chmod(hook, 0o755);
  const config = join(root, 'daemon-gitconfig');
  await writeFile(config, `[uploadpack]\n\tpackObjectsHook = ${hook}\n`);
  daemon = await startGitDaemon(join(root, 'srv'), { GIT_CONFIG_GLOBAL: config });
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

/** The objects of every pack the server sent since the last call (each pack's header counts them). */
async function objectsSent(): Promise<number> {
  let n = 0;
  for (const name of await readdir(packs)) {
    const pack = await readFile(join(packs, name));
    expect(pack.subarray(0, 4).toString('latin1')).toBe('PACK');
    n += pack.readUInt32BE(8);
    await rm(join(packs, name));
  }
  return n;
}

/** A repository of `history` commits on main, served by the daemon, filtering or not; with a Ferry proposal of the digest forked at main~`forkBack` on `branch`. */
async function servedRepo(history: number, filters: boolean, branches: Record<string, number>): Promise<{ name: string; dir: string; tips: Record<string, string> }> {
  const name = `env-${++counter}.git`;
  const dir = join(root, 'srv', name);
  await createEnvRepo({ dir, apps: 20, history });
  const tips: Record<string, string> = {};
  for (const [branch, forkBack] of Object.entries(branches)) {
    git(dir, 'branch', branch, `main~${forkBack}`);
    const r = await ferry(['bump', '--repo', dir, '--branch', branch, '--env', 'dev', '--app', app, '--image', bad, '--requested-by', 'ci']);
    expect(r.code, r.stderr).toBe(0);
    tips[branch] = remoteHead(dir, branch);
  }
  // main moves on: the proposals are behind it.
  expect((await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', appName(1), '--image', imageRef(appName(1), '2.0.0')])).code).toBe(0);
  git(dir, 'config', 'uploadpack.allowFilter', String(filters));
  return { name, dir, tips };
}

async function block(name: string): Promise<{ result: { proposals: unknown[] }; stderr: string }> {
  await objectsSent(); // (what the fixture's own reads fetched)
  const r = await ferry(['block', '--repo', daemon.url(name), '--app', app, '--image', bad, '--reason', 'CVE-2026-0001', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return { result: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('ferry block reads the proposal branches at a cost bounded by them, not by the history', () => {
  test.each([
    ['without filter support (uploadpack.allowFilter false)', false],
    ['with filter support', true],
  ])('%s: the objects sent for a block with a fresh proposal are the same for 2,000 commits of history as for 8,000, a small part of either', async (_, filters) => {
    const sent: number[] = [];
    for (const history of [2000, 8000]) {
      const { name, dir, tips } = await servedRepo(history, filters as boolean, { 'ferry/dev/fresh': 0 });
      const { result } = await block(name);
      expect(result.proposals).toEqual([{ branch: 'ferry/dev/fresh', commit: tips['ferry/dev/fresh'], verdict: 'pins', commits: [tips['ferry/dev/fresh']] }]);
      const n = await objectsSent();
      const inRepo = Number(/in-pack: (\d+)/.exec(git(dir, 'count-objects', '-v'))![1]);
      expect(n).toBeLessThan(inRepo / 10);
      sent.push(n);
    }
    // (The same but for the few objects of the head's tree that differ.)
    expect(Math.abs(sent[1]! - sent[0]!)).toBeLessThanOrEqual(10);
  }, 120_000);

  test('a proposal forked further back than the first depth is read deeper; one forked beyond the bound is unknown, saying why, and nothing is fetched past the bound', async () => {
    const { name, dir, tips } = await servedRepo(4000, false, { 'ferry/dev/fresh': 0, 'ferry/dev/behind': 300, 'ferry/dev/ancient': 3000 });
    const { result, stderr } = await block(name);
    const why = 'its fork point from main is further back than Ferry reads to tell a branch\'s own commits from main\'s (1024 commits of main, 64 of the branch): a branch that old, one merged long ago and not deleted, or one of more than 63 commits';
    expect(result.proposals).toEqual([
      { branch: 'ferry/dev/ancient', commit: tips['ferry/dev/ancient'], verdict: 'unknown', commits: [], unread: why },
      { branch: 'ferry/dev/behind', commit: tips['ferry/dev/behind'], verdict: 'pins', commits: [tips['ferry/dev/behind']] },
      { branch: 'ferry/dev/fresh', commit: tips['ferry/dev/fresh'], verdict: 'pins', commits: [tips['ferry/dev/fresh']] },
    ]);
    expect(stderr).toContain(`ferry block: warning: branch ferry/dev/ancient (at ${tips['ferry/dev/ancient']!.slice(0, 12)}): whether it pins the blocked digest is not known: ${why}; a pull request from it may still merge it: check it before it merges, or delete the branch\n`);
    const inRepo = Number(/in-pack: (\d+)/.exec(git(dir, 'count-objects', '-v'))![1]);
    const n = await objectsSent();
    expect(n).toBeLessThan(inRepo / 3);
    expect(digest).toMatch(/^sha256:/);
  }, 120_000);
});
