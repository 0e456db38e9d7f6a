// Commit dates that git takes and Ferry must read, or refuse, whatever they are: a pin dated in
// the year 10000 or past what a Date holds (git stores both), a promotion dated by
// GIT_COMMITTER_DATE inside a freeze window that the wall clock is outside of, a merge dated
// before the pin it brings in, and a block's `at:`. Soak and freeze fail closed; a date Ferry
// cannot read is never NaN passing for a number.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;
const app = 'user-service';
const image = templateImage(app, '1.1.0');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-commit-dates-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newRepo(): Promise<string> {
  return initTemplateRepo(join(root, `env-${++counter}.git`));
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args]).toString().trim();
}

/** Main's head commit made again with its committer date as git stores it (`<seconds> <offset>`), what a hand-made commit may hold: main moved to it. */
function redateHead(bare: string, raw: string): string {
  const head = git(bare, 'rev-parse', 'main');
  const object = execFileSync('git', ['-C', bare, 'cat-file', 'commit', head]);
  const text = object.toString('latin1').replace(/^(committer .*>) \d+ [+-]\d{4}$/m, `$1 ${raw}`);
  const made = execFileSync('git', ['-C', bare, 'hash-object', '--literally', '-t', 'commit', '-w', '--stdin'], { input: Buffer.from(text, 'latin1') }).toString().trim();
  git(bare, 'update-ref', 'refs/heads/main', made, head);
  return made;
}

/** stage's gates: a freeze window in June 2020 (UTC) beside its soak. */
async function freezeStageJune2020(bare: string): Promise<void> {
  const config = readRemoteFile(bare, 'ferry.yaml')!;
  const frozen = config.replace(/^ {6}soak: 30m .*$/m, '$&\n      freeze:\n        - { from: "2020-06-01", to: "2020-06-30", timezone: UTC }');
  expect(frozen).not.toBe(config);
  await commitByHand(bare, { 'ferry.yaml': frozen }, 'stage: a freeze in June 2020');
}

type Gate = { gate: string; verdict: string; reason: string };

describe('a pin dated where Date cannot read git\'s ISO date', () => {
  test('the year 10000 (git takes @253402300800): read as a date, a pin after now, so soak is an error; never pass(NaNs>=30m)', async () => {
    const repo = await newRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], '@253402300800 +0000');
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { status: string; gates: Gate[]; promotions: { sourceDate: string }[] };
    expect(out.status).toBe('stopped');
    expect(out.promotions[0]!.sourceDate).toBe('+010000-01-01T00:00:00+00:00');
    const soak = out.gates.find((g) => g.gate === 'soak')!;
    expect(soak.verdict).toBe('error');
    expect(soak.reason).toMatch(/^cannot tell how long user-service ran in dev: user-service pinned at \+010000-01-01T00:00:00\+00:00, \d+d(?:\d+h)?(?:\d+m)?(?:\d+s)? after now/);
    expect(soak.reason).not.toContain('NaN');
    expect(remoteHead(repo)).toBe(head);
  });

  test('past what a Date holds (a hand-made date in the year 318857): soak is an error naming the pin\'s commit', async () => {
    const repo = await newRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], hoursAgo(2));
    const pin = redateHead(repo, '9999999999999 +0000');
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { gates: Gate[] };
    expect(out.gates.find((g) => g.gate === 'soak')).toEqual({ gate: 'soak', verdict: 'error', reason: `cannot tell how long user-service ran in dev: user-service pinned by ${pin.slice(0, 12)} dated "@9999999999999", a date that cannot be read` });
    expect(remoteHead(repo)).toBe(pin);
  });

  test.each([
    ['past what a Date holds', '9999999999999'],
    ['within two years of it (a freeze window read a day on threw RangeError)', '8639999999999'],
  ])('audit: a promotion that landed at a date that cannot be read (%s) is reported where freeze windows applied, not skipped', async (_name, seconds) => {
    const repo = await newRepo();
    await freezeStageJune2020(repo);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], hoursAgo(2));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice']);
    const promotion = redateHead(repo, `${seconds} +0000`);
    const r = await ferry(['audit', '--repo', repo, '--env', 'stage', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const { violations } = JSON.parse(r.stdout) as { violations: { commit: string; rule: string; message: string }[] };
    expect(violations).toEqual([expect.objectContaining({
      commit: promotion, rule: 'gate-not-passed',
      message: `the promotion landed at a date that cannot be read ("@${seconds}"), so whether it landed inside a freeze window of stage cannot be told, and no override of freeze with a reason was recorded`,
    })]);
  });

  test('audit --since: a commit dated in the year 10000 is after the date, compared as an instant, not as text', async () => {
    const repo = join(root, `env-${++counter}.git`);
    await ferryOk(['init', '--bare', repo], '2020-01-01T00:00:00Z');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], '@253402300800 +0000');
    const r = await ferry(['audit', '--repo', repo, '--since', '2021-01-01', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ range: { first: remoteHead(repo), last: remoteHead(repo) }, violations: [] });
  });
});

describe('the gates of time are judged now and at the date the commit bears (GIT_COMMITTER_DATE), which audit judges', () => {
  test('a promotion dated inside a freeze window, run outside it, is stopped, saying which instant; nothing written', async () => {
    const repo = await newRepo();
    await freezeStageJune2020(repo);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], '2020-01-01T00:00:00Z');
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice', '--json'], { env: { GIT_COMMITTER_DATE: '2020-06-15T12:00:00Z' } });
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { status: string; gates: Gate[] };
    expect(out.status).toBe('stopped');
    expect(out.gates.find((g) => g.gate === 'freeze')).toEqual({ gate: 'freeze', verdict: 'fail', reason: "frozen 2020-06-01 to 2020-06-30 UTC at the commit's date 2020-06-15T12:00:00Z, Mon 2020-06-15 12:00 there, though not now" });
    expect(remoteHead(repo)).toBe(head);
    // Dated after the window: written, its record saying both instants were judged, and audit agrees.
    const ok = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice'], { env: { GIT_COMMITTER_DATE: '2020-07-01T12:00:00Z' } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(git(repo, 'log', '-1', '--format=%(trailers:key=Ferry-Gate,valueonly)', 'main')).toBe("blocked=pass(no digest is blocked) soak=pass(182d12h>=30m at the commit's date 2020-07-01T12:00:00Z) freeze=pass(outside 1 freeze window now and at the commit's date 2020-07-01T12:00:00Z)");
    expect((await ferry(['audit', '--repo', repo, '--env', 'stage'])).code).toBe(0);
  });

  test('soak is measured at the earlier instant: a promotion backdated to an hour after the pin has soaked an hour; a GIT_COMMITTER_DATE git reads as one Ferry cannot commit with is refused first (exit 2)', async () => {
    const repo = await newRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], hoursAgo(5));
    const dated = hoursAgo(4.9);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice', '--dry-run', '--json'], { env: { GIT_COMMITTER_DATE: dated } });
    expect(r.code, r.stderr).toBe(1);
    const soak = (JSON.parse(r.stdout) as { gates: Gate[] }).gates.find((g) => g.gate === 'soak')!;
    expect(soak.verdict).toBe('fail');
    expect(soak.reason).toMatch(new RegExp(`^6m(?:\\d+s)?<30m at the commit's date ${dated}$`));
    const bad = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice', '--dry-run'], { env: { GIT_COMMITTER_DATE: '@1700000000 +2500' } });
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain('GIT_COMMITTER_DATE: expected a date git reads');
  });

  test('ferry block: blocked.yaml\'s at: is the date its commit bears', async () => {
    const repo = await newRepo();
    const r = await ferry(['block', '--repo', repo, '--app', app, '--image', image, '--reason', 'CVE-2026-0001'], { env: { GIT_COMMITTER_DATE: '2020-06-15T12:00:00Z' } });
    expect(r.code, r.stderr).toBe(0);
    expect(git(repo, 'log', '-1', '--format=%cI', 'main')).toBe('2020-06-15T12:00:00+00:00');
    expect(readRemoteFile(repo, 'blocked.yaml')).toContain('    at: 2020-06-15T12:00:00Z\n');
  });

  test('ferry rollback --block: blocked.yaml\'s at: is the date its commit bears', async () => {
    const repo = await newRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', image]);
    const r = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', app, '--block', '--reason', 'CVE-2026-0002'], { env: { GIT_COMMITTER_DATE: '2020-06-15T12:00:00Z' } });
    expect(r.code, r.stderr).toBe(0);
    expect(git(repo, 'log', '-1', '--format=%cI', 'main')).toBe('2020-06-15T12:00:00+00:00');
    expect(readRemoteFile(repo, 'blocked.yaml')).toContain('    at: 2020-06-15T12:00:00Z\n');
  });
});

describe('soak counts from a merge, never before the pin it brings in', () => {
  test('a pin made 3 hours ago, merged by a commit dated 4 hours ago, has soaked 3 hours', async () => {
    const repo = await newRepo();
    git(repo, 'branch', 'pr', 'main');
    const pinnedAt = hoursAgo(3);
    await ferryOk(['bump', '--repo', repo, '--branch', 'pr', '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice'], pinnedAt);
    const work = await mkdtemp(join(root, 'work-'));
    execFileSync('git', ['clone', '--quiet', repo, work]);
    const mergedAt = hoursAgo(4);
    execFileSync('git', ['-C', work, '-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', 'merge', '--quiet', '--no-ff', '-m', 'Merge pull request #1', 'origin/pr'], { env: { ...process.env, GIT_COMMITTER_DATE: mergedAt, GIT_AUTHOR_DATE: mergedAt } });
    git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { gates: Gate[]; promotions: { sourceDate: string }[] };
    expect(Date.parse(out.promotions[0]!.sourceDate)).toBe(Date.parse(pinnedAt));
    expect(out.gates.find((g) => g.gate === 'soak')?.reason).toMatch(/^3h(?:\d+s)?>=30m$/);
  });
});
