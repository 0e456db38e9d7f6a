// ferry history against a real bare repository: the Ferry commits' trailers, newest first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';

let root: string;
let repo: string;
const commits: Record<string, string> = {};
const a = appName(0);
const b = appName(1);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-history-'));
  repo = join(root, 'env.git');
  await createEnvRepo({ dir: repo, apps: 2 });
  const run = async (name: string, args: string[]) => {
    const r = await ferry([...args, '--repo', repo]);
    expect(r.code, r.stderr).toBe(0);
    commits[name] = remoteHead(repo);
  };
  await run('bumpA', ['bump', '--env', 'stage', '--app', a, '--image', imageRef(a, '2.0.0'), '--requested-by', 'alice', '--source-revision', 'abc1234']);
  await run('bumpB', ['bump', '--env', 'dev', '--app', b, '--image', imageRef(b, '5.0.0'), '--requested-by', 'carol']);
  await run('rollbackA', ['rollback', '--env', 'stage', '--app', a, '--block', '--reason', 'crash loop', '--requested-by', 'bob']);
  await run('blockB', ['block', '--app', b, '--image', imageRef(b, '6.6.6'), '--reason', 'bad build']);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ferry history', () => {
  test('--json: every Ferry commit newest first, from its trailers', async () => {
    const r = await ferry(['history', '--repo', repo, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { events, commit } = JSON.parse(r.stdout);
    expect(commit).toBe(commits.blockB);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['block', 'rollback', 'bump', 'bump']);
    expect(events[0]).toEqual({ commit: commits.blockB, date: expect.any(String), action: 'block', app: b, image: imageRef(b, '6.6.6'), approvedBy: [], reason: 'bad build' });
    expect(events[1]).toEqual({
      commit: commits.rollbackA, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), action: 'rollback', env: 'stage', app: a,
      image: imageRef(a, '1.0.0'), previousImage: imageRef(a, '2.0.0'), requestedBy: 'bob', approvedBy: [], reason: 'crash loop',
      blockedImage: imageRef(a, '2.0.0'),
    });
    expect(events[3]).toEqual({
      commit: commits.bumpA, date: expect.any(String), action: 'bump', env: 'stage', app: a,
      image: imageRef(a, '2.0.0'), previousImage: imageRef(a, '1.0.0'), requestedBy: 'alice', approvedBy: [],
    });
  });

  test('--env and --app narrow it down', async () => {
    const dev = JSON.parse((await ferry(['history', '--repo', repo, '--env', 'dev', '--json'])).stdout);
    expect(dev.events.map((e: { commit: string }) => e.commit)).toEqual([commits.bumpB]);
    const appB = JSON.parse((await ferry(['history', '--repo', repo, '--app', b, '--json'])).stdout);
    expect(appB.events.map((e: { commit: string }) => e.commit)).toEqual([commits.blockB, commits.bumpB]);
    const appA = JSON.parse((await ferry(['history', '--repo', repo, '--app', a, '--json'])).stdout);
    expect(appA.events.map((e: { commit: string }) => e.commit)).toEqual([commits.rollbackA, commits.bumpA]);
  });

  test('the text form: one table per environment', async () => {
    const r = await ferry(['history', '--repo', repo]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const stage = lines.indexOf('stage');
    expect(stage).toBeGreaterThan(0);
    expect(lines[stage + 1]).toMatch(/^WHEN +ACTION +APP +IMAGE +BEFORE +BY +APPROVED BY +GATES \/ REASON +COMMIT$/);
    expect(lines[stage + 2]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +rollback +${a} +1\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +2\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +bob +reason: crash loop; blocked: 2\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +${commits.rollbackA!.slice(0, 12)}$`));
    const repository = lines.indexOf('(repository)');
    expect(lines[repository + 2]).toMatch(new RegExp(`^\\S+ \\S+ +block +${b} +6\\.6\\.6 \\(sha256:[0-9a-f]{12}\\) +reason: bad build +${commits.blockB!.slice(0, 12)}$`));
  });

  test('a promotion with an override: the gate it let through, in --json and the text form', async () => {
    const gated = join(root, 'gated.git');
    await createEnvRepo({ dir: gated, apps: 1 });
    const config = readRemoteFile(gated, 'ferry.yaml')!;
    expect(config).toContain('    promoteFrom: dev\n');
    await commitByHand(gated, { 'ferry.yaml': config.replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    gates: { soak: 2h }\n') }, 'soak gate');
    for (const args of [
      ['bump', '--env', 'dev', '--app', a, '--image', imageRef(a, '2.0.0')],
      ['promote', '--from', 'dev', '--to', 'stage', '--app', a, '--override', 'soak', '--reason', 'hotfix for INC-42', '--requested-by', 'alice'],
    ]) {
      const r = await ferry([...args, '--repo', gated]);
      expect(r.code, r.stderr).toBe(0);
    }
    const promoted = remoteHead(gated);
    const json = await ferry(['history', '--repo', gated, '--env', 'stage', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const [event] = JSON.parse(json.stdout).events;
    expect(event).toMatchObject({ commit: promoted, action: 'promote', from: 'dev', app: a, override: 'soak', reason: 'hotfix for INC-42', gates: expect.stringMatching(/(^| )soak=fail\(/) });
    const text = await ferry(['history', '--repo', gated, '--env', 'stage']);
    expect(text.stdout).toMatch(new RegExp(` soak=fail\\([^)]*\\); override: soak; reason: hotfix for INC-42 +${promoted.slice(0, 12)}\n`));
  });

  test('an unknown environment or app: exit 2', async () => {
    const env = await ferry(['history', '--repo', repo, '--env', 'qa']);
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('no environment "qa" in ferry.yaml');
    const app = await ferry(['history', '--repo', repo, '--app', 'nope']);
    expect(app.code).toBe(2);
  });

  test('--help', async () => {
    const r = await ferry(['history', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ferry history --repo <url|path> [--env <env>] [--app <app>] [--json]');
  });
});
