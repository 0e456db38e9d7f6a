// ferry audit's rules-weakened for freeze windows: a change of ferry.yaml's windows relaxes the
// rules only where an instant frozen before (and, of a dated window, not over at the commit's
// date) is frozen no longer. Widening a window, writing its zone in another case, or removing a
// dated window that had ended is no violation; narrowing, cutting short or removing one is, named.
// Commits made with plain git at set dates on a real bare repository; the audit runs bin/ferry.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let bare: string;
let work: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-freeze-rules-'));
  bare = await initTemplateRepo(join(root, 'env.git'));
  work = join(root, 'work');
  execFileSync('git', ['clone', '--quiet', bare, work]);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** ferry.yaml edited by `edit`, committed by hand at `at` (committer date) in the clone `dir`, pushed: the commit. */
async function change(edit: (text: string) => string, at: string, message: string, dir = work): Promise<string> {
  const file = join(dir, 'ferry.yaml');
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after, message).not.toBe(before);
  await writeFile(file, after);
  const env = { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at };
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args], { env }).toString().trim();
  git('commit', '--quiet', '-am', message);
  git('push', '--quiet', 'origin', 'HEAD:main');
  return git('rev-parse', 'HEAD');
}

test('widened, its zone respelt, a dated window removed once over: none relaxes the rules; narrowed, cut short, removed: each is told, naming what it lost', async () => {
  await change((t) => t.replace(/^( {6}soak: 30m .*\n)/m, `$1      freeze:\n        - { from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Berlin }\n        - { from: "2025-12-20", to: "2026-01-06", timezone: UTC }\n`), '2025-11-01T00:00:00Z', 'stage: freeze windows');
  await change((t) => t.replace('Fri 16:00', 'Fri 15:00'), '2026-02-01T00:00:00Z', 'the weekend freeze starts an hour earlier');
  await change((t) => t.replace('Europe/Berlin', 'europe/berlin'), '2026-02-02T00:00:00Z', 'the same zone, in lower case');
  await change((t) => t.replace(/^.*2025-12-20.*\n/m, ''), '2026-02-03T00:00:00Z', 'drop last winter\'s freeze (over on 2026-01-06)');
  const narrowed = await change((t) => t.replace('Fri 15:00', 'Sat 00:00'), '2026-02-04T00:00:00Z', 'the weekend freeze from Saturday');
  await change((t) => t.replace(/^( {8}- \{ from: "Sat 00:00".*\n)/m, '$1        - { from: "2026-12-20", to: "2027-01-06", timezone: UTC }\n'), '2026-02-05T00:00:00Z', 'this winter\'s freeze');
  const cut = await change((t) => t.replace('2027-01-06', '2027-01-02'), '2026-02-06T00:00:00Z', 'this winter\'s freeze ends earlier');
  const removed = await change((t) => t.replace(/^.*Sat 00:00.*\n/m, ''), '2026-02-07T00:00:00Z', 'no weekend freeze');

  const r = await ferry(['audit', '--repo', bare, '--format', 'json']);
  const report = JSON.parse(r.stdout) as { violations: { commit: string; rule: string; env?: string; message: string }[] };
  expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.message])).toEqual([
    [narrowed, 'rules-weakened', 'stage', 'ferry.yaml relaxed the rules stage is judged by: freeze window Fri 15:00 to Mon 08:00 europe/berlin: Fri 15:00 to Sat 00:00 no longer frozen'],
    [cut, 'rules-weakened', 'stage', 'ferry.yaml relaxed the rules stage is judged by: freeze window 2026-12-20 to 2027-01-06 UTC: 2027-01-04 07:00 to 2027-01-07 00:00 no longer frozen'], // (the weekend window still freezes Sunday the 3rd, to Mon 08:00 in Berlin)
    [removed, 'rules-weakened', 'stage', 'ferry.yaml relaxed the rules stage is judged by: freeze window Sat 00:00 to Mon 08:00 europe/berlin removed'],
  ]);
  expect(r.code).toBe(1);
});

test('ferry validate refuses a dated window the clocks skip', async () => {
  const gap = await change((t) => t.replace(/^( {6}freeze:\n)/m, '$1        - { from: "2026-03-29 02:00", to: "2026-03-29 03:00", timezone: Europe/Berlin }\n'), '2026-02-08T00:00:00Z', 'a freeze in the hour Berlin skips');
  expect(gap).toMatch(/^[0-9a-f]{40}$/);
  const r = await ferry(['validate', '--repo', bare]);
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toMatch(/ferry\.yaml:\d+:\d+: environments\[1\]\.gates\.freeze\[0\]\.to: expected an end after from "2026-03-29 02:00" in Europe\/Berlin's time, found "2026-03-29 03:00": its clocks go from 2026-03-29 02:00 straight to 03:00, skipping every minute of the window, which freezes nothing/);
});

test('a running dated window removed by a commit dated after its end is no weakening then, but a promotion that lands inside it afterwards is reported, naming the removal', async () => {
  const repo = await initTemplateRepo(join(root, 'env-retired.git'));
  const clone = join(root, 'work-retired');
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  await change((t) => t.replace(/^( {6}soak: 30m .*\n)/m, '$1      freeze:\n        - { from: "2020-06-01", to: "2020-06-30", timezone: UTC }\n'), '2020-05-01T00:00:00Z', 'stage: a freeze in June 2020', clone);
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], '2020-06-01T00:00:00Z');
  execFileSync('git', ['-C', clone, 'pull', '--quiet', '--ff-only']);
  // Pushed while the window runs (2020-06-15), dated a month on: over at the date it bears.
  const removal = await change((t) => t.replace(/^ {6}freeze:\n.*2020-06-01.*\n/m, ''), '2020-07-15T00:00:00Z', 'tidy ferry.yaml', clone);
  const r0 = await ferry(['audit', '--repo', repo, '--format', 'json']);
  expect(r0.code, r0.stderr).toBe(0);
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice'], '2020-06-15T12:00:00Z');
  const promotion = execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString().trim();

  const r = await ferry(['audit', '--repo', repo, '--format', 'json']);
  const report = JSON.parse(r.stdout) as { violations: { commit: string; rule: string; env?: string; message: string }[] };
  expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.message])).toEqual([
    [promotion, 'gate-not-passed', 'stage', `the promotion landed at 2020-06-15T12:00:00Z, Mon 2020-06-15 12:00 UTC, inside the freeze window 2020-06-01 to 2020-06-30 UTC of stage (removed by ${removal.slice(0, 12)} as over at the date that commit bears), and no override of freeze with a reason was recorded`],
  ]);
  expect(r.code).toBe(1);
});
