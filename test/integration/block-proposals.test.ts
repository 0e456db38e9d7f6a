// ferry block, and ferry rollback --block, tell of the proposal branches (ferry/*, where the actions'
// mode: pull-request proposes a change) that may still merge the digest just blocked: a block
// refuses Ferry's bumps, promotions and rollbacks, not the merge of a pull request (helper-145).
// Plain git branches in bare repositories: a warning line on stderr per branch, and `proposals` in
// --json. The branches are read in one batch: as many gits for 300 branches as for 3.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REGISTRY, appName, createEnvRepo, imageRef, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
let counter = 0;
const identity = { GIT_AUTHOR_NAME: 'Mallory', GIT_AUTHOR_EMAIL: 'm@example.invalid', GIT_COMMITTER_NAME: 'Mallory', GIT_COMMITTER_EMAIL: 'm@example.invalid' };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-block-proposals-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newRepo(): Promise<string> {
  const dir = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir, apps: 2 });
  return dir;
}

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, ...identity } }).toString().trim();

const app = appName(0);
const other = appName(1);
const bad = imageRef(app, '6.6.6');
const digest = bad.slice(bad.indexOf('@') + 1);
const d12 = digest.slice('sha256:'.length, 'sha256:'.length + 12);

/** A commit of Ferry's on `branch` (made from `from` when it is not there yet), as a pull request's branch holds it: `ferry bump --branch`. */
async function propose(repo: string, branch: string, env: string, name: string, image: string, from = 'main'): Promise<string> {
  if (!git(repo, 'branch', '--list', branch)) git(repo, 'branch', branch, from);
  const r = await ferry(['bump', '--repo', repo, '--branch', branch, '--env', env, '--app', name, '--image', image, '--requested-by', 'ci']);
  expect(r.code, r.stderr).toBe(0);
  return remoteHead(repo, branch);
}

/** A commit with no trailers on `branch` (from `from`), as a person pushes one: a hand edit of a manifest. */
function byHand(repo: string, branch: string, from: string, path: string, text: string): string {
  const blob = execFileSync('git', ['-C', repo, 'hash-object', '-w', '--stdin'], { input: text }).toString().trim();
  const index = join(root, `index-${++counter}`);
  const env = { ...process.env, ...identity, GIT_INDEX_FILE: index };
  execFileSync('git', ['-C', repo, 'read-tree', from], { env });
  execFileSync('git', ['-C', repo, 'update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env });
  const tree = execFileSync('git', ['-C', repo, 'write-tree'], { env }).toString().trim();
  const commit = execFileSync('git', ['-C', repo, 'commit-tree', tree, '-p', from], { env, input: 'pin the fix by hand\n' }).toString().trim();
  git(repo, 'update-ref', `refs/heads/${branch}`, commit);
  return commit;
}

describe('ferry block', () => {
  test('names each proposal branch whose own commits pin the digest (for any app), or that has commits not Ferry\'s, with a warning on stderr and in --json proposals; not one merged, one of another digest, or outside ferry/', async () => {
    const repo = await newRepo();
    git(repo, 'branch', 'ferry/dev/merged', 'main'); // (at a commit of main: nothing of its own)
    const pins = await propose(repo, `ferry/dev/${app}-${d12}`, 'dev', app, bad);
    // The same bytes under the other app: a block names content.
    const sameBytes = await propose(repo, `ferry/dev/${other}-${d12}`, 'dev', other, `${REGISTRY}/${other}:6.6.6@${digest}`);
    // Ferry's pin of the digest under a later commit of Ferry's of another digest: the branch still merges it.
    const under = await propose(repo, `ferry/stage/${app}-${d12}`, 'stage', app, bad);
    await propose(repo, `ferry/stage/${app}-${d12}`, 'stage', other, imageRef(other, '7.0.0'));
    await propose(repo, `ferry/prod/${other}-0123456789ab`, 'prod', other, imageRef(other, '7.0.1'));
    const hand = byHand(repo, 'ferry/prod/hotfix', 'main', `prod/${app}/kustomization.yaml`, 'images: []\n');
    await propose(repo, 'feature/bad', 'dev', app, bad);
    // main moves on: the branches are behind it, their base commits are history.
    expect((await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', other, '--image', imageRef(other, '2.0.0')])).code).toBe(0);

    const r = await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'CVE-2026-0001', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', digest, commit: remoteHead(repo) });
    expect(result.proposals).toEqual([
      { branch: `ferry/dev/${app}-${d12}`, commit: pins, verdict: 'pins', commits: [pins] },
      { branch: `ferry/dev/${other}-${d12}`, commit: sameBytes, verdict: 'pins', commits: [sameBytes] },
      { branch: 'ferry/prod/hotfix', commit: hand, verdict: 'unknown', commits: [hand] },
      { branch: `ferry/stage/${app}-${d12}`, commit: remoteHead(repo, `ferry/stage/${app}-${d12}`), verdict: 'pins', commits: [under] },
    ]);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('ferry block: warning: '));
    expect(warnings).toEqual([
      `ferry block: warning: branch ferry/dev/${app}-${d12} (at ${pins.slice(0, 12)}) proposes the blocked digest (commit ${pins.slice(0, 12)}): a pull request from it may still merge it, which the block does not stop (it refuses Ferry's bumps, promotions and rollbacks); close that pull request (or turn its auto-merge off) and delete the branch`,
      expect.stringContaining(`ferry block: warning: branch ferry/dev/${other}-${d12} (at ${sameBytes.slice(0, 12)}) proposes the blocked digest`),
      `ferry block: warning: branch ferry/prod/hotfix (at ${hand.slice(0, 12)}) has commits that are not Ferry's (${hand.slice(0, 12)}): their trailers cannot tell whether it pins the blocked digest, and a pull request from it may still merge it; check it before it merges`,
      expect.stringContaining(`ferry block: warning: branch ferry/stage/${app}-${d12} (at ${remoteHead(repo, `ferry/stage/${app}-${d12}`).slice(0, 12)}) proposes the blocked digest (commit ${under.slice(0, 12)})`),
    ]);

    // Blocked already: skipped, and the branches are told of again (text output).
    const again = await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'CVE-2026-0001']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^skipped: /);
    expect(again.stderr.split('\n').filter((l) => l.startsWith('ferry block: warning: '))).toHaveLength(4);
    // An unblock looks for none.
    const unblock = await ferry(['unblock', '--repo', repo, '--app', app, '--image', bad, '--reason', 'fixed upstream', '--json']);
    expect(unblock.code, unblock.stderr).toBe(0);
    expect(JSON.parse(unblock.stdout).proposals).toBeUndefined();
    expect(unblock.stderr).not.toContain('warning');
  }, 60_000);

  test('without proposal branches: proposals is empty, and the only git more is one ls-remote of ferry/*', async () => {
    const repo = await newRepo();
    git(repo, 'branch', 'feature/x', 'main');
    const trace = join(root, `trace-${++counter}`);
    const r = await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'r', '--json'], { env: { GIT_TRACE_PERFORMANCE: trace } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).proposals).toEqual([]);
    expect(r.stderr).toBe('');
    const gits = cloneGits(await readFile(trace, 'utf8'));
    expect(gits.filter((g) => / ls-remote /.test(g))).toEqual([expect.stringMatching(/ ls-remote --quiet origin refs\/heads\/ferry\/\*$/)]);
    expect(gits.filter((g) => /refs\/ferry\/proposals|--is-shallow-repository/.test(g))).toEqual([]);
  }, 60_000);

  test('at scale: 300 proposal branches are read with as many gits as 3, and the one that pins the digest is found', async () => {
    const counts: number[] = [];
    for (const n of [3, 300]) {
      const repo = await newRepo();
      const base = remoteHead(repo);
      const tree = git(repo, 'rev-parse', 'main^{tree}');
      const refs: string[] = [];
      for (let i = 0; i < n; i++) {
        const image = i === 1 ? bad : imageRef(app, `9.${i}.0`);
        const message = `bump(dev): ${app} 9.${i}.0\n\nFerry-Action: bump\nFerry-Env: dev\nFerry-App: ${app}\nFerry-Image: ${image}\n`;
        const commit = execFileSync('git', ['-C', repo, 'commit-tree', tree, '-p', base], { input: message, env: { ...process.env, ...identity } }).toString().trim();
        refs.push(`create refs/heads/ferry/dev/p-${String(i).padStart(3, '0')} ${commit}`);
      }
      execFileSync('git', ['-C', repo, 'update-ref', '--stdin'], { input: `${refs.join('\n')}\n` });
      const trace = join(root, `trace-${++counter}`);
      const r = await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'r', '--json'], { env: { GIT_TRACE_PERFORMANCE: trace } });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).proposals).toEqual([{ branch: 'ferry/dev/p-001', commit: remoteHead(repo, 'ferry/dev/p-001'), verdict: 'pins', commits: [remoteHead(repo, 'ferry/dev/p-001')] }]);
      counts.push(cloneGits(await readFile(trace, 'utf8')).length);
    }
    expect(counts[1]).toBe(counts[0]);
  }, 120_000);
});

describe('ferry rollback --block', () => {
  test('names the proposal branches that may still merge the image rolled back from (here: its promotion to stage)', async () => {
    const repo = await newRepo();
    expect((await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', bad])).code).toBe(0);
    const proposal = await propose(repo, `ferry/stage/${app}-${d12}`, 'stage', app, bad);
    const r = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', app, '--block', '--reason', 'errors (5xx) after deploy', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', previousImage: bad, blocked: true });
    expect(result.proposals).toEqual([{ branch: `ferry/stage/${app}-${d12}`, commit: proposal, verdict: 'pins', commits: [proposal] }]);
    expect(r.stderr).toContain(`ferry rollback: warning: branch ferry/stage/${app}-${d12} (at ${proposal.slice(0, 12)}) proposes the blocked digest (commit ${proposal.slice(0, 12)})`);
    // Without --block, nothing is blocked: no branch is looked at.
    expect((await ferry(['bump', '--repo', repo, '--env', 'prod', '--app', app, '--image', imageRef(app, '6.7.0')])).code).toBe(0);
    const plain = await ferry(['rollback', '--repo', repo, '--env', 'prod', '--app', app, '--json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout).proposals).toBeUndefined();
  }, 60_000);
});

/** The gits Ferry ran in its clone (GIT_TRACE_PERFORMANCE's lines of commands with --git-dir=<the clone>), each as its command line. */
function cloneGits(trace: string): string[] {
  return trace.split('\n').map((line) => /git command: (git --git-dir=\S*ferry-git-\S* .*)$/.exec(line)?.[1]).filter((c): c is string => c !== undefined).map((c) => c.replace(/'/g, ''));
}
