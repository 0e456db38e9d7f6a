// What a reviewer reads in a promotion's plan: where each digest comes from (the bump behind the
// source pin, its source revision and who asked, the versions the bumped environment ran between
// the target's digest and this one), in lines that fit a terminal, every time in UTC, ending with
// the --expect that writes exactly that plan. Real bare repositories and bin/ferry; pins backdated
// with GIT_COMMITTER_DATE (in committers' own zones) so that soak is measured for real.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-provenance-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const digest = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
/** `1.2.0 sha256:<12 hex>`, as the plan shows an image. */
const pin = (app: string, tag: string) => `${tag} ${digest(app, tag).slice(0, 19)}`;
/** An instant as a committer in another zone writes it: `2026-11-24T15:30:00+05:30`. */
function inZone(iso: string, offsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
/** As status shows a date: `2026-11-24 10:00:00Z`. */
const utc = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z').replace('T', ' ');
const head12 = (repo: string) => remoteHead(repo).slice(0, 12);
const rev = (n: number) => `${String(n).repeat(8)}abcdef0123456789abcdef01234567`.slice(0, 40);

/**
 * user-service: 1.1.0 bumped (alice, revision 1…), promoted to stage and prod; then 1.2.0 (bob,
 * revision 2…) and 1.3.0 (carol, revision 3…) bumped into dev, by committers in +05:30, and 1.3.0
 * promoted to stage by rm from -08:00. Returns the commits of the 1.3.0 bump and promotion.
 */
async function history(repo: string): Promise<{ bump: string; stage: string; at: { bump: string; stage: string; passed: string } }> {
  const us = ['--app', 'user-service'];
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice', '--source-revision', rev(1)], hoursAgo(30));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', ...us, '--requested-by', 'rm'], hoursAgo(29));
  await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', ...us, '--requested-by', 'rm', '--approved-by', 'dave'], hoursAgo(27));
  const at = { passed: hoursAgo(10), bump: hoursAgo(9), stage: hoursAgo(8) };
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.2.0'), '--requested-by', 'bob', '--source-revision', rev(2)], inZone(at.passed, 330));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.3.0'), '--requested-by', 'carol', '--source-revision', rev(3)], inZone(at.bump, 330));
  const bump = remoteHead(repo);
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', ...us, '--requested-by', 'rm'], inZone(at.stage, -480));
  return { bump, stage: remoteHead(repo), at };
}

/** A commit by hand (by `who`, at `at`): `edit` changes the clone's files (none: an empty commit), pushed to main. */
async function byHand(repo: string, who: string, at: string, message: string, edit?: (file: (path: string, change: (text: string) => string) => Promise<void>) => Promise<void>): Promise<string> {
  const dir = join(root, `work-${++counter}`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } }).toString();
  execFileSync('git', ['clone', '-q', repo, dir]);
  if (edit) await edit(async (path, change) => writeFile(join(dir, path), change(await readFile(join(dir, path), 'utf8'))));
  git('-c', `user.name=${who}`, '-c', `user.email=${who}@example.com`, 'commit', '-q', '--allow-empty', '-am', message);
  git('push', '-q', 'origin', 'HEAD:main');
  return git('rev-parse', 'HEAD').trim();
}

const toProd = (repo: string) => ['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'rm', '--approved-by', 'dave'];

describe('ferry promote: where the digest comes from, in the plan', () => {
  test('text: one short line per app, since when and by whom in UTC, the bump behind the stage pin with its source revision, what dev ran between; ends with the --expect that writes it', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const { bump, stage, at } = await history(repo);
    const r = await ferry([...toProd(repo), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    // (The age to the second it took to get here: `8h3s`.)
    const plan = r.stdout.slice(0, r.stdout.indexOf('\ngates:\n')).replace(/ in stage 8h\d+s,/, ' in stage 8h,');
    expect(plan).toBe([
      'plan: stage -> prod',
      `  user-service  ${pin('user-service', '1.1.0')} -> ${pin('user-service', '1.3.0')}`,
      `    in stage 8h, since ${utc(at.stage)} (${stage.slice(0, 12)}, promoted by rm)`,
      `    bumped into dev ${utc(at.bump)} by carol (${bump.slice(0, 12)}), source revision ${rev(3).slice(0, 12)}`,
      "    dev ran between prod's and this one:",
      `      ${pin('user-service', '1.2.0')} ${utc(at.passed)} by bob, source revision ${rev(2).slice(0, 12)}`,
    ].join('\n'));
    // Every time in UTC, none in a committer's zone; no line of the plan or gates past 100 columns
    // (the diff is the file's own lines; the --expect line is for copying).
    expect(r.stdout).not.toMatch(/[+-]0[58]:[03]0\b/);
    const prose = r.stdout.slice(0, r.stdout.indexOf('\n--- a/')).split('\n');
    expect(prose.filter((l) => l.length > 100)).toEqual([]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toBe(`dry run: nothing written (head ${head12(repo)})`);
    expect(lines.at(-1)).toBe(`to write exactly this plan: --expect user-service@${digest('user-service', '1.1.0')}..${digest('user-service', '1.3.0')}`);

    // The line as printed is what the CLI takes: that plan is written.
    const expectValue = lines.at(-1)!.replace('to write exactly this plan: --expect ', '');
    const w = await ferry([...toProd(repo), '--expect', expectValue, '--json']);
    expect(w.code, w.stderr).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo) });
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).toContain(digest('user-service', '1.3.0'));
  });

  test('--json: the source pin\'s requester and action, the bump behind it (source revision, requester, commit), the versions between, the plan\'s --expect and the instant ages are judged at', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const { bump, stage } = await history(repo);
    const r = await ferry([...toProd(repo), '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.promotions).toHaveLength(1);
    expect(out.promotions[0]).toMatchObject({
      app: 'user-service', sourceCommit: stage, sourceRequestedBy: 'rm', sourceAction: 'promote',
      origin: { env: 'dev', commit: bump, date: expect.stringMatching(/\+05:30$/), sourceRevision: rev(3), requestedBy: 'carol' },
      passedThrough: [{ image: templateImage('user-service', '1.2.0'), commit: expect.stringMatching(/^[0-9a-f]{40}$/), action: 'bump', sourceRevision: rev(2), requestedBy: 'bob' }],
    });
    expect(out.promotions[0]).not.toHaveProperty('passedThroughMore');
    expect(out.expect).toBe(`user-service@${digest('user-service', '1.1.0')}..${digest('user-service', '1.3.0')}`);
    expect(out.judgedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // From dev, the source pin is the bump itself: its revision and requester; prod's 1.0.0 was ferry init's, so nothing is listed between.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0'), '--requested-by', 'erin', '--source-revision', rev(4)], hoursAgo(2));
    const dev = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--dry-run', '--json']);
    expect(dev.code, dev.stderr).toBe(0);
    const fromDev = JSON.parse(dev.stdout).promotions[0];
    expect(fromDev).toMatchObject({ sourceCommit: remoteHead(repo), sourceRequestedBy: 'erin', sourceAction: 'bump', origin: { env: 'dev', commit: remoteHead(repo), sourceRevision: rev(4), requestedBy: 'erin' } });
    expect(fromDev).not.toHaveProperty('passedThrough');
    const text = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--dry-run']);
    expect(text.stdout).toMatch(new RegExp(`\\n {4}in dev 2h(\\d+s)?, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ \\(${head12(repo)}, bumped by erin\\)\\n {4}source revision ${rev(4).slice(0, 12)}\\n`));
  });

  test('trailers alone are no bump: an empty commit by mallory with Ferry bump trailers for the digest dev pins is not the bump behind it; alice\'s is', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const us = ['--app', 'user-service'];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice', '--source-revision', rev(1)], hoursAgo(30));
    const bump = remoteHead(repo);
    await byHand(repo, 'mallory', hoursAgo(25), ['bump(dev): user-service 1.1.0', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: user-service',
      `Ferry-Image: ${templateImage('user-service', '1.1.0')}`, `Ferry-Source-Revision: ${'bad'.repeat(13)}0`, 'Ferry-Requested-By: mallory'].join('\n'));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', ...us, '--requested-by', 'rm'], hoursAgo(20));
    const r = await ferry([...toProd(repo), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`\n    bumped into dev ${utc(hoursAgo(30)).slice(0, 13)}`);
    expect(r.stdout).toMatch(new RegExp(` by alice \\(${bump.slice(0, 12)}\\), source revision ${rev(1).slice(0, 12)}\\n`));
    expect(r.stdout).not.toContain('mallory');
  });

  test('an app renamed in ferry.yaml (its manifest kept): the bump of that manifest under the old name is the one behind it, named', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice', '--source-revision', rev(1)], hoursAgo(30));
    const bump = remoteHead(repo);
    await byHand(repo, 'admin', hoursAgo(24), 'rename app', (file) => file('ferry.yaml', (t) => t.replace('- name: user-service', '- name: users')));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'users', '--requested-by', 'rm', '--override', 'soak', '--reason', 'renamed'], hoursAgo(20));
    const r = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'users', '--requested-by', 'rm', '--approved-by', 'dave', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    // (A line wrapped: its rest indented two more.)
    const flat = r.stdout.replace(/\n {6}/g, ' ');
    expect(flat).toMatch(new RegExp(`\\n {4}bumped into dev as "user-service" \\d{4}-[^\\n]* by alice \\(${bump.slice(0, 12)}\\), source revision ${rev(1).slice(0, 12)}\\n`));
    expect(r.stdout).not.toContain('no bump found');
  });

  test('who asked, as recorded: anything but a login quoted (a zero-width space shown), a source revision that is no commit id quoted and said', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '6.6.6'), '--requested-by', 'release-bot (0123456789ab), source revision 1f2e3d4c5b6a;'], hoursAgo(30));
    // (ferry bump takes a commit id alone: a commit by hand with Ferry's trailers, of a pin it made, records another.)
    await byHand(repo, 'ci', hoursAgo(30), ['bump(dev): order-service 6.6.6', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: order-service',
      `Ferry-Image: ${templateImage('order-service', '6.6.6')}`, 'Ferry-Source-Revision: main; approved by security', 'Ferry-Requested-By: release-bot\u200b'].join('\n'),
    (file) => file('dev/order-service/kustomization.yaml', (t) => t.replace(/newTag: .*/, 'newTag: 6.6.6').replace(/digest: .*/, `digest: ${digest('order-service', '6.6.6')}`)));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'rm'], hoursAgo(20));
    const r = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--all', '--requested-by', 'rm', '--approved-by', 'dave', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const flat = r.stdout.replace(/\n {6}/g, ' ');
    expect(flat).toMatch(/\n {4}bumped into dev [^\n]* by "release-bot \(0123456789ab\), source revi…" \([0-9a-f]{12}\), no source revision recorded\n/);
    expect(flat).toMatch(/\n {4}bumped into dev [^\n]* by "release-bot\\u200b" \([0-9a-f]{12}\), source revision "main; approved by security" \(not a commit id\)\n/);
    expect(r.stdout).not.toContain('\u200b');
  });

  test('a hotfix bumped into prod directly (never in stage): the plan notes that the promotion replaces it, with who, when and the commit (text, --json); a pin that came through stage, or a rollback to one, is not noted', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const us = ['--app', 'user-service'];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], hoursAgo(30));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', ...us, '--requested-by', 'rm'], hoursAgo(29));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', ...us, '--requested-by', 'rm', '--approved-by', 'dave'], hoursAgo(27));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.2.0'), '--requested-by', 'bob'], hoursAgo(20));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', ...us, '--requested-by', 'rm'], hoursAgo(19));
    // (Prod runs 1.1.0, which came through stage: nothing to note.)
    const before = await ferry([...toProd(repo), '--dry-run', '--json']);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout).promotions[0]).not.toHaveProperty('outOfBand');
    const at = hoursAgo(5);
    await ferryOk(['bump', '--repo', repo, '--env', 'prod', ...us, '--image', templateImage('user-service', '1.1.1-hotfix'), '--requested-by', 'oncall'], inZone(at, 330));
    const hotfix = remoteHead(repo);

    const r = await ferry([...toProd(repo), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const plan = r.stdout.slice(0, r.stdout.indexOf('\ngates:\n')).split('\n');
    expect(plan[1]).toBe(`  user-service  ${pin('user-service', '1.1.1-hotfix')} -> ${pin('user-service', '1.2.0')}`);
    expect(plan.slice(2).join('\n').replace(/\n {6}/g, ' ')).toContain(`\n    replaces a pin that never passed through stage: bumped into prod directly by oncall at ${utc(at)} (commit ${hotfix.slice(0, 12)})`);
    expect(plan.filter((l) => l.length > 100)).toEqual([]);
    const json = await ferry([...toProd(repo), '--dry-run', '--json']);
    expect(JSON.parse(json.stdout).promotions[0].outOfBand).toEqual({ env: 'prod', action: 'bump', commit: hotfix, date: expect.stringMatching(/\+05:30$/), by: 'oncall' });

    // Changed by hand after that: no Ferry pin put it there, said with the last Ferry pin there.
    await byHand(repo, 'sre', hoursAgo(4), 'prod: hand hotfix', (file) => file('prod/user-service/kustomization.yaml', (t) => t.replace(/newTag: .*/, 'newTag: 1.1.2-hand').replace(/digest: .*/, `digest: ${digest('user-service', '1.1.2-hand')}`)));
    const hand = await ferry([...toProd(repo), '--dry-run', '--json']);
    expect(JSON.parse(hand.stdout).promotions[0].outOfBand).toEqual({ env: 'prod', after: { image: templateImage('user-service', '1.1.1-hotfix'), commit: hotfix, date: expect.any(String) } });
    const handText = (await ferry([...toProd(repo), '--dry-run'])).stdout.replace(/\n {6}/g, ' ');
    expect(handText).toContain(`\n    replaces a pin that never passed through stage: no Ferry commit pinned it in prod: a change by hand or by another tool, after commit ${hotfix.slice(0, 12)} pinned another image there at `);

    // Rolled back to 1.1.0, which came through stage: nothing to note.
    await ferryOk(['rollback', '--repo', repo, '--env', 'prod', ...us, '--to', templateImage('user-service', '1.1.0'), '--reason', 'INC-7', '--requested-by', 'oncall']);
    const back = await ferry([...toProd(repo), '--dry-run', '--json']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout).promotions[0]).not.toHaveProperty('outOfBand');
    expect((await ferry([...toProd(repo), '--dry-run'])).stdout).not.toContain('never passed through');
  });

  test('an adopted repository (stage and prod pinned by hand before Ferry, no Ferry pin in prod): nothing is noted of what prod pins, of which nothing is known', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const us = ['--app', 'user-service'];
    const handPin = (env: string, tag: string) => (file: (path: string, change: (text: string) => string) => Promise<void>) =>
      file(`${env}/user-service/kustomization.yaml`, (t) => t.replace(/newTag: .*/, `newTag: ${tag}`).replace(/digest: .*/, `digest: ${digest('user-service', tag)}`));
    await byHand(repo, 'sre', hoursAgo(50), 'stage: 0.9.0', handPin('stage', '0.9.0'));
    await byHand(repo, 'sre', hoursAgo(49), 'prod: 0.9.0', handPin('prod', '0.9.0'));
    await byHand(repo, 'sre', hoursAgo(40), 'stage: 1.0.5', handPin('stage', '1.0.5'));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', ...us, '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], hoursAgo(30));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', ...us, '--override', 'soak', '--reason', 'adoption', '--requested-by', 'rm'], hoursAgo(29));

    const r = await ferry([...toProd(repo), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`  user-service  ${pin('user-service', '0.9.0')} -> ${pin('user-service', '1.1.0')}`);
    expect(r.stdout).not.toContain('never passed through');
    const json = await ferry([...toProd(repo), '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).promotions[0]).not.toHaveProperty('outOfBand');
  });

  test('no line of the plan or the gates past 100 columns: a source pinned by hand (its soak unknown), a long requester, a target pinned by tag alone', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await byHand(repo, 'h', hoursAgo(3), 'hand', (file) => file('dev/user-service/kustomization.yaml', (t) => t.replace(/newTag: .*/, 'newTag: 7.0.0').replace(/digest: .*/, `digest: ${digest('user-service', '7.0.0')}`)));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0'), '--requested-by', `a-very-long-requester-name-${'x'.repeat(60)}`], hoursAgo(3));
    await byHand(repo, 'h', hoursAgo(2), 'tag only', (file) => file('stage/order-service/kustomization.yaml', (t) => t.replace(/\n *digest: .*/, '').replace(/newTag: .*/, `newTag: 1.0.0-${'t'.repeat(100)}`)));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'rm', '--dry-run']);
    expect(r.code, r.stderr).toBe(1); // (soak cannot tell for the hand-pinned one)
    const prose = r.stdout.slice(0, r.stdout.indexOf('\n--- a/')).split('\n');
    expect(prose.filter((l) => l.length > 100)).toEqual([]);
    expect(prose).toContain('  (… marks a value cut short: --json has it whole)');
    // Each app's change in one column.
    const arrows = prose.filter((l) => / -> /.test(l) && /^ {2}\S/.test(l)).map((l) => l.indexOf(' -> '));
    expect(arrows).toHaveLength(2);
    expect(new Set(arrows).size).toBe(1);
    expect(r.stdout).toMatch(/\n {2}soak {6}error cannot tell since when user-service ran in dev: [^\n]*\n {18}\S/);
  });
});

