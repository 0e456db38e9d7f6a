// The freeze gate as audit judges it: a promotion is judged when it is planned, but what it
// changes reaches the line when it lands there, at its commit's date, or with the merge that
// brought it in (a pull request merged later). Landed inside a freeze window of ferry.yaml in
// force, it did not pass the freeze gate, whatever the commit records, unless the commit records
// an override of freeze with a reason.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Auditor, type AuditCommit } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';

const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
/** The template with prod's freeze windows. */
async function withFreeze(...windows: string[]) {
  const text = template.replace('      approvals: 1     # and one person other than the requester approved\n', `      approvals: 1\n      freeze:\n${windows.map((w) => `        - ${w}\n`).join('')}`);
  expect(text).not.toBe(template);
  return parseConfig(text, 'ferry.yaml');
}
// Christmas in Berlin (CET, UTC+1), and Sunday 16:00 to Monday 08:00 in UTC (over the week's end).
const config = await withFreeze("{ from: '2026-12-24', to: '2026-12-26', timezone: Europe/Berlin }", "{ from: 'Sun 16:00', to: 'Mon 08:00', timezone: UTC }");
const app = config.apps[0]!;
const image = (n: number) => `${app.registry}/${app.image}:1.${n}.0@sha256:${String(n).padStart(64, '0')}`;
const path = (env: string) => app.manifest.replaceAll('{env}', env).replaceAll('{app}', app.name);

let seq = 0;
function commit(trailers: Trailer[], files: string[], date: string): AuditCommit {
  return { commit: (++seq).toString(16).padStart(40, '0'), date, trailers: trailerList(commitMessage('change', trailers)), files };
}
/** The same image bumped into dev and promoted to stage (long before), then the prod promotion as Ferry writes it at plan time (freeze passed then). */
function flow(auditor: Auditor, prodDate: string, extra: Trailer[] = [], gate = 'blocked=pass(no digest is blocked) soak=pass(3h>=2h) approvals=pass(1/1) freeze=pass(outside 2 freeze windows)') {
  const at = '2026-12-01T10:00:00Z';
  auditor.check(commit([['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Requested-By', 'alice']], [path('dev')], at), config);
  auditor.check(commit([['Ferry-Action', 'promote'], ['Ferry-Env', 'stage'], ['Ferry-From', 'dev'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Gate', 'blocked=pass(no digest is blocked) soak=pass(1h>=30m)'], ['Ferry-Requested-By', 'alice']], [path('stage')], at), config);
  return commit([['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Gate', gate], ...extra, ['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']], [path('prod')], prodDate);
}
const frozen = (auditor: Auditor) => auditor.violations.filter((v) => v.rule === 'gate-not-passed').map((v) => v.message);

describe('a promotion landed on the line by itself: judged at its committer date', () => {
  test.each([
    // 2026-12-24 00:00 in Berlin is 2026-12-23 23:00 UTC; the window ends with the 26th (Berlin).
    ['before the date window', '2026-12-23T22:59:59Z', undefined],
    ['at its start (Berlin midnight)', '2026-12-23T23:00:00Z', 'Thu 2026-12-24 00:00 Europe/Berlin, inside the freeze window 2026-12-24 to 2026-12-26 Europe/Berlin'],
    ['inside it', '2026-12-25T12:00:00+01:00', 'Fri 2026-12-25 12:00 Europe/Berlin'],
    ['on its last day', '2026-12-26T22:59:00Z', 'Sat 2026-12-26 23:59 Europe/Berlin'],
    ['at its end (the 27th in Berlin)', '2026-12-26T23:00:00Z', undefined],
    ['a Wednesday', '2026-12-02T12:00:00Z', undefined],
    ['a Sunday a minute before the weekly window', '2026-12-06T15:59:00Z', undefined],
    ['at the weekly window\'s start', '2026-12-06T16:00:00Z', 'Sun 2026-12-06 16:00 UTC, inside the freeze window Sun 16:00 to Mon 08:00 UTC'],
    ['a Monday night (the window wraps over the week\'s end)', '2026-12-07T00:30:00Z', 'Mon 2026-12-07 00:30 UTC'],
    ['a Monday a minute before the end', '2026-12-07T07:59:00Z', 'Mon 2026-12-07 07:59 UTC'],
    ['at the weekly window\'s end', '2026-12-07T08:00:00Z', undefined],
  ])('%s (%s)', (_, date, said) => {
    const auditor = new Auditor();
    const promote = flow(auditor, date);
    auditor.check(promote, config);
    const messages = frozen(auditor);
    if (said === undefined) {
      expect(auditor.violations).toEqual([]);
      return;
    }
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(said);
    expect(messages[0]).toContain(`the promotion landed at ${new Date(date).toISOString().replace('.000Z', 'Z')}`);
    expect(auditor.violations[0]).toMatchObject({ commit: promote.commit, env: 'prod', app: app.name, rule: 'gate-not-passed' });
  });

  test('an override of freeze with a reason: not reported; an override without a reason, or of another gate, is no override of freeze', () => {
    const cases: [Trailer[], number][] = [
      [[['Ferry-Override', 'freeze'], ['Ferry-Reason', 'hotfix for INC-42']], 0],
      [[['Ferry-Override', 'freeze']], 1],
      [[['Ferry-Override', 'soak'], ['Ferry-Reason', 'hotfix']], 1],
    ];
    for (const [extra, n] of cases) {
      const auditor = new Auditor();
      auditor.check(flow(auditor, '2026-12-25T12:00:00Z', extra), config);
      expect(frozen(auditor)).toHaveLength(n);
    }
  });

  test('a record of freeze not passed is reported once (as recorded), not again for when it landed', () => {
    const auditor = new Auditor();
    auditor.check(flow(auditor, '2026-12-25T12:00:00Z', [], 'blocked=pass(no digest is blocked) soak=pass(3h>=2h) approvals=pass(1/1) freeze=fail(frozen)'), config);
    expect(frozen(auditor)).toEqual(['gate freeze was fail and no override with a reason was recorded']);
  });

  test('the windows of ferry.yaml in force before the commit: none there, nothing frozen; and rollbacks, which freeze does not gate, are not judged', async () => {
    const plain = await parseConfig(template, 'ferry.yaml');
    const auditor = new Auditor();
    const promote = flow(auditor, '2026-12-25T12:00:00Z');
    auditor.check(promote, plain);
    expect(auditor.violations).toEqual([]);
    const rollback = commit([['Ferry-Action', 'rollback'], ['Ferry-Env', 'prod'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Previous-Image', image(1)], ['Ferry-Reason', 'bad'], ['Ferry-Requested-By', 'alice']], [path('prod')], '2026-12-25T13:00:00Z');
    auditor.check(rollback, config);
    expect(frozen(auditor)).toEqual([]);
  });
});

describe('a promotion brought in by a merge: judged when the merge landed it', () => {
  test.each([
    ['proposed outside, merged inside a window', '2026-12-23T12:00:00Z', '2026-12-24T09:00:00Z', true],
    ['proposed inside, merged outside', '2026-12-25T12:00:00Z', '2026-12-28T09:00:00Z', false],
    ['proposed and merged outside', '2026-12-02T12:00:00Z', '2026-12-02T13:00:00Z', false],
  ])('%s', (_, proposed, merged, reported) => {
    const auditor = new Auditor();
    const promote = flow(auditor, proposed);
    const merge = commit([], [path('prod')], merged);
    const mark = auditor.beginMerge(config, [path('prod')], merge);
    auditor.check(promote, config);
    auditor.endMerge(mark, new Set([path('prod')]), [], config);
    auditor.check({ ...merge, files: [] }, config);
    if (!reported) {
      expect(auditor.violations).toEqual([]);
      return;
    }
    expect(auditor.violations).toHaveLength(1);
    expect(auditor.violations[0]).toMatchObject({ commit: promote.commit, env: 'prod', app: app.name, rule: 'gate-not-passed' });
    expect(auditor.violations[0]!.message).toBe(`the promotion landed at ${merged}, with the merge ${merge.commit.slice(0, 12)} (the commit is dated ${proposed}), Thu 2026-12-24 10:00 Europe/Berlin, inside the freeze window 2026-12-24 to 2026-12-26 Europe/Berlin of prod, and no override of freeze with a reason was recorded`);
  });

  test('a merge on the branch (the base merged in) lands nothing itself: the line\'s merge does', () => {
    const auditor = new Auditor();
    const promote = flow(auditor, '2026-12-23T12:00:00Z');
    const lineMerge = commit([], [path('prod')], '2026-12-24T09:00:00Z');
    const outer = auditor.beginMerge(config, [path('prod')], lineMerge);
    const inner = auditor.beginMerge(config, [path('prod')], commit([], [], '2026-12-23T13:00:00Z'));
    auditor.check(promote, config);
    auditor.endMerge(inner, new Set([path('prod')]), [], config);
    auditor.endMerge(outer, new Set([path('prod')]), [], config);
    expect(frozen(auditor)).toHaveLength(1);
    expect(frozen(auditor)[0]).toContain(`with the merge ${lineMerge.commit.slice(0, 12)}`);
    // After the merge, a commit of the line lands at its own date again.
    const next = flow(auditor, '2026-12-28T12:00:00Z');
    auditor.check(next, config);
    expect(frozen(auditor)).toHaveLength(1);
  });
});
