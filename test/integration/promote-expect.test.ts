// ferry promote --expect: the plan shown (a dry run's, in promote.yml the plan job's) is the plan
// written, or nothing is. Reviewers approve the promote job after reading the plan; if the source
// environment moves on meanwhile (a bump and a promotion land there), the approval given for the
// plan shown must not be applied to whatever the source pins when the promote job runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-expect-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const digest = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
const short = (app: string, tag: string) => `${tag} (${digest(app, tag).slice(0, 19)})`;

/** A template repo whose stage has run user-service 1.1.0 for 5 hours (prod's soak is 2h). */
async function stageRepo(): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(6));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(5));
  return repo;
}

/** A bump of dev and a promotion of it to stage, landed 4 and 3 hours ago (prod's soak passes). */
async function landInStage(repo: string, app: string, tag: string): Promise<void> {
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', templateImage(app, tag)], hoursAgo(4));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app], hoursAgo(3));
}

/** `app@digest` of each promotion of a `ferry promote --dry-run --json` plan. */
async function planOf(args: string[]): Promise<string[]> {
  const r = await ferry([...args, '--dry-run', '--json']);
  expect(r.code, r.stderr).toBe(0);
  const plan = JSON.parse(r.stdout) as { status: string; promotions: { app: string; digest: string }[] };
  expect(plan.status).toBe('planned');
  return plan.promotions.map((p) => `${p.app}@${p.digest}`);
}

const toProd = (repo: string, ...more: string[]) => ['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', ...more, '--requested-by', 'alice', '--approved-by', 'bob'];

describe('ferry promote --expect: the plan shown, or nothing', () => {
  test('stage moves on after the plan was shown: refused (exit 1), nothing written, naming old -> new and the approval given for the plan shown; the plan of now goes through', async () => {
    const repo = await stageRepo();
    const shown = await planOf(toProd(repo, '--app', 'user-service'));
    expect(shown).toEqual([`user-service@${digest('user-service', '1.1.0')}`]);
    await landInStage(repo, 'user-service', '1.2.0');
    const head = remoteHead(repo);

    const r = await ferry([...toProd(repo, '--app', 'user-service'), ...shown.flatMap((e) => ['--expect', e]), '--json']);
    expect(r.code, r.stderr).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(`the promotion from stage to prod is not the plan expected (the plan shown, which its approvals were given for): user-service: expected ${digest('user-service', '1.1.0').slice(0, 19)} (--expect), stage pins ${short('user-service', '1.2.0')}; nothing written. Look first (ferry status, ferry history); a new run plans again on what is there now, to be shown and approved`);
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.2.0'));

    // A dry run with the old plan says so too, and a dry run's plan of now is what is written.
    const dry = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', shown[0]!, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('ferry promote: the promotion from stage to prod is not the plan expected');
    const now = await planOf(toProd(repo, '--app', 'user-service'));
    const ok = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', now.join(','), '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo) });
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).toContain(digest('user-service', '1.2.0'));
  });

  test('--all: an app that reached stage after the plan was shown is not promoted with it: the plan is (the newcomer waits for a plan of its own)', async () => {
    const repo = await stageRepo();
    const shown = await planOf(toProd(repo, '--all'));
    await landInStage(repo, 'order-service', '2.0.0');
    const r = await ferry([...toProd(repo, '--all'), '--expect', shown.join(','), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', promotions: [{ app: 'user-service', digest: digest('user-service', '1.1.0') }] });
    expect(JSON.parse(r.stdout).promotions).toHaveLength(1);
    expect(readRemoteFile(repo, 'prod/order-service/kustomization.yaml')).not.toContain(digest('order-service', '2.0.0'));
  });

  test('the plan shown, unchanged: promoted (exit 0); promoted already by another run: skipped (exit 0), no commit', async () => {
    const repo = await stageRepo();
    const shown = await planOf(toProd(repo, '--all'));
    const args = [...toProd(repo, '--all'), ...shown.flatMap((e) => ['--expect', e]), '--json'];
    const r = await ferry(args);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', promotions: [{ app: 'user-service', digest: digest('user-service', '1.1.0') }] });
    const head = remoteHead(repo);
    const again = await ferry(args);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', commit: head });
    expect(remoteHead(repo)).toBe(head);
  });

  test('an app of the plan that another run promoted meanwhile, with another still to promote: that part is done, the rest is written', async () => {
    const repo = await stageRepo();
    await landInStage(repo, 'order-service', '2.0.0');
    const shown = await planOf(toProd(repo, '--all'));
    expect(shown).toHaveLength(2);
    await ferryOk(toProd(repo, '--app', 'user-service'));
    const r = await ferry([...toProd(repo, '--all'), '--expect', shown.join(','), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', promotions: [{ app: 'order-service', digest: digest('order-service', '2.0.0') }] });
    expect(JSON.parse(r.stdout).promotions).toHaveLength(1);
    expect(readRemoteFile(repo, 'prod/order-service/kustomization.yaml')).toContain(digest('order-service', '2.0.0'));
  });

  test('an app of the plan whose source moved on and the target has that new digest already: refused, nothing written', async () => {
    const repo = await stageRepo();
    await landInStage(repo, 'order-service', '2.0.0');
    const shown = await planOf(toProd(repo, '--all'));
    await landInStage(repo, 'user-service', '1.2.0');
    await ferryOk(toProd(repo, '--app', 'user-service'));
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, '--all'), '--expect', shown.join(',')]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain(`: user-service: expected ${digest('user-service', '1.1.0').slice(0, 19)} (--expect), stage pins ${short('user-service', '1.2.0')}, which prod pins already: nothing to promote of it; nothing written.`);
    expect(remoteHead(repo)).toBe(head);
  });

  const valid = `user-service@${digest('user-service', '1.1.0')}`;
  test.each([
    [['--app', 'user-service', '--expect', 'user-service@sha256:abc'], 'expect: expected <app>@sha256:<64 lowercase hex digits>, found "user-service@sha256:abc"'],
    [['--app', 'user-service', '--expect', digest('user-service', '1.1.0')], `expect: expected <app>@sha256:<64 lowercase hex digits>, found "${digest('user-service', '1.1.0')}"`],
    [['--app', 'user-service', '--expect', `${valid},`], `expect: expected <app>@sha256:<64 lowercase hex digits>, found ""`],
    [['--app', 'user-service', '--expect', valid, '--expect', valid.replace('1', '2')], 'expect: "user-service" is given more than once'],
    [['--all', '--expect', `billing@${digest('user-service', '1.1.0')}`], 'expect: no app "billing" in ferry.yaml (apps: user-service, order-service)'],
    [['--app', 'user-service', '--expect', `order-service@${digest('order-service', '1.0.0')}`], 'expect: "order-service" is not among the apps asked for (user-service): a plan of them never promotes it'],
  ])('bad --expect %j: exit 2, naming the field; nothing written', async (more, message) => {
    const repo = await stageRepo();
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, ...more)]);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toBe(`ferry promote: error: ${message}\n`);
    expect(remoteHead(repo)).toBe(head);
  });

  test('--help names --expect', async () => {
    const help = (await ferry(['promote', '--help'])).stdout;
    expect(help).toContain('--expect <app>@<digest>');
  });
});
