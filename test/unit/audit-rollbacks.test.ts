// A rollback record held against the history (helper-138's finding): a "rollback" goes back to an
// image its environment had, and its Ferry-Rollback-To names the commit that put that image in
// place there. A hand commit labelled rollback that pins what stage had into prod skipped prod's
// soak, approvals and freeze, and was a clean audit. Also: trailer keys in another case, read as
// git reads them; gate names outside Ferry's set; --env relabelling a violation that names none.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Auditor, type AuditCommit } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { GATE_NAMES } from '../../actions/src/core/promote.js';
import { RECORDED_GATES, commitMessage, parseTrailers, trailerList, unpassedGates, type Trailer } from '../../actions/src/core/trailers.js';

const config = await parseConfig(readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8'));
const app = config.apps[0]!;
/** image(n): tag 1.n.0, digest n repeated (n a digit). */
const image = (n: number) => `${app.registry}/${app.image}:1.${n}.0@sha256:${String(n).repeat(64)}`;
const shortImage = (n: number) => `${app.image}:1.${n}.0@sha256:${String(n).repeat(12)}`;
const shortDigest = (n: number) => `sha256:${String(n).repeat(12)}`;
const path = (env: string) => app.manifest.replaceAll('{env}', env).replaceAll('{app}', app.name);

let seq = 0;
function commit(trailers: Trailer[], files: string[]): AuditCommit {
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(commitMessage('change', trailers)), files };
}
/** A Ferry pin of image(n) in env, as Ferry writes it (previous: what it replaced). */
function pin(action: 'bump' | 'promote', env: string, n: number, previous?: number): AuditCommit {
  const trailers: Trailer[] = [['Ferry-Action', action], ['Ferry-Env', env], ['Ferry-App', app.name], ['Ferry-Image', image(n)]];
  // (A promotion records where it came from: env's promoteFrom, the template's.)
  if (action === 'promote') trailers.splice(2, 0, ['Ferry-From', env === 'prod' ? 'stage' : 'dev']);
  if (previous !== undefined) trailers.push(['Ferry-Previous-Image', image(previous)]);
  if (action === 'promote') trailers.push(['Ferry-Gate', 'blocked=pass(no digest is blocked) soak=pass(3h>=2h) approvals=pass(1/1)']);
  trailers.push(['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']);
  return commit(trailers, [path(env)]);
}
/** A rollback of `env` to image(n) from image(from), as ferry rollback writes it; `to`, its Ferry-Rollback-To (none: as older Ferry wrote it). */
function rollback(env: string, n: number, from: number, to?: string): AuditCommit {
  const trailers: Trailer[] = [['Ferry-Action', 'rollback'], ['Ferry-Env', env], ['Ferry-App', app.name], ['Ferry-Image', image(n)], ['Ferry-Previous-Image', image(from)]];
  if (to !== undefined) trailers.push(['Ferry-Rollback-To', to]);
  trailers.push(['Ferry-Reason', 'bad release'], ['Ferry-Requested-By', 'bob']);
  return commit(trailers, [path(env)]);
}

/** The violations of a history, as [commit index, rule, message]. */
function violations(history: AuditCommit[], options = {}): [number, string, string][] {
  const auditor = new Auditor(options);
  for (const c of history) auditor.check(c, config);
  return auditor.violations.map((v) => [history.findIndex((c) => c.commit === v.commit), v.rule, v.message]);
}

/** 1 through dev, stage and prod; then 2 through dev and stage (prod still has 1). */
function released(): AuditCommit[] {
  return [pin('bump', 'dev', 1), pin('promote', 'stage', 1), pin('promote', 'prod', 1), pin('bump', 'dev', 2, 1), pin('promote', 'stage', 2, 1)];
}
const neverHad = (n: number, env: string, by: string) => `a rollback to ${shortImage(n)}, which ${env} never had before it: a rollback goes back to an image pinned there earlier (a new image reaches ${env} by ${by})`;

describe('a rollback goes back to an image its environment had', () => {
  test('into prod, of a digest stage had and prod never did, naming the stage promotion as the pin gone back to: reported (helper-138\'s reproducer)', () => {
    const history = released();
    const stagePromotion = history[4]!.commit;
    const forged = rollback('prod', 2, 1, stagePromotion);
    expect(violations([...history, forged])).toEqual([[5, 'trailers-disagree', neverHad(2, 'prod', 'ferry promote, through its gates')]]);
    // Without Ferry-Rollback-To (as no Ferry writes it now): the digest alone tells.
    expect(violations([...history, rollback('prod', 2, 1)])).toEqual([[5, 'trailers-disagree', neverHad(2, 'prod', 'ferry promote, through its gates')]]);
    // In dev (no promoteFrom, no gates): a bump labelled rollback is reported all the same.
    expect(violations([pin('bump', 'dev', 1), rollback('dev', 7, 1)])).toEqual([[1, 'trailers-disagree', neverHad(7, 'dev', 'ferry bump')]]);
  });

  test('Ferry-Rollback-To must name a commit before it, one that pinned that very digest where it is a Ferry pin of the app there', () => {
    const history = [...released(), pin('promote', 'prod', 2, 1)];
    const prodOf1 = history[2]!.commit;
    const prodOf2 = history[5]!.commit;
    // The way ferry rollback writes it (--steps, --to the image, its tag or its commit: the commit that pinned it).
    expect(violations([...history, rollback('prod', 1, 2, prodOf1)])).toEqual([]);
    // Another pin of prod (2's, not 1's); one after it; itself; no commit id at all.
    const wrongPin = rollback('prod', 1, 2, prodOf2);
    expect(violations([...history, wrongPin])).toEqual([[6, 'trailers-disagree', `the rollback records Ferry-Rollback-To ${prodOf2.slice(0, 12)}, which pinned ${shortDigest(2)} for ${app.name} in prod, not ${shortDigest(1)}`]]);
    const notBefore = (to: string) => `the rollback records Ferry-Rollback-To ${to}, which is no commit before it in the history audited (the commit that pinned the image gone back to)`;
    // A commit of another environment, or another app: as a Ferry of 23-24 Nov 2026 named the
    // commit before an environment's first pin, whatever it changed (helper-143); the digest tells.
    expect(violations([...history, rollback('prod', 1, 2, history[1]!.commit)])).toEqual([]);
    const later = (seq + 2).toString(16).padStart(40, '0'); // (the commit after the rollback)
    expect(violations([...history, rollback('prod', 1, 2, later), pin('bump', 'dev', 3, 2)])).toEqual([[6, 'trailers-disagree', notBefore(later.slice(0, 12))]]);
    const itself = (seq + 1).toString(16).padStart(40, '0');
    expect(violations([...history, rollback('prod', 1, 2, itself)])).toEqual([[6, 'trailers-disagree', notBefore(itself.slice(0, 12))]]);
    expect(violations([...history, rollback('prod', 1, 2, 'HEAD~3')])).toEqual([[6, 'trailers-disagree', notBefore('"HEAD~3"')]]);
    // Recorded twice: Ferry writes it once.
    const twice = commit([['Ferry-Action', 'rollback'], ['Ferry-Env', 'prod'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Previous-Image', image(2)], ['Ferry-Rollback-To', prodOf1], ['Ferry-Rollback-To', prodOf2], ['Ferry-Requested-By', 'bob']], [path('prod')]);
    expect(violations([...history, twice])).toEqual([[6, 'trailers-disagree', 'Ferry-Rollback-To is recorded 2 times; Ferry writes it once']]);
  });

  test('a pin gone back to that no Ferry pin records (ferry init\'s, a hand edit\'s, a merge\'s): the digest must have been there before, as the history tells', () => {
    const init = commit([['Ferry-Action', 'init']], ['ferry.yaml', path('dev'), path('stage'), path('prod')]);
    // dev's first pin replaced the template's image (8): a rollback to it names the init commit (to.action init).
    const history = [init, pin('bump', 'dev', 1, 8)];
    const auditor = new Auditor();
    for (const c of [...history, rollback('dev', 8, 1, init.commit)]) auditor.check(c, config);
    auditor.settleClaims(new Map(auditor.claimsToCheck().map((claim) => [claim, `images:\n  - name: x\n    digest: ${claim.digest}\n`])));
    expect(auditor.violations).toEqual([]);
    // A hand edit of prod (reported), then back to the Ferry pin before it: only the hand edit.
    const edit = commit([], [path('prod')]);
    const before = [...released(), edit];
    expect(violations([...before, rollback('prod', 1, 9, before[2]!.commit)]).map(([i, rule]) => [i, rule])).toEqual([[5, 'unrecorded-change']]);
    // Back to the hand edit's pin (9) by its commit: prod had 9 only as that edit, which the next
    // Ferry pin says it replaced: so only if the file held it before that pin (else a digest stage never had).
    const later = [...before, pin('promote', 'prod', 2, 9), rollback('prod', 9, 2, edit.commit)];
    const settled = (held: boolean) => {
      const auditor = new Auditor();
      for (const c of later) auditor.check(c, config);
      auditor.settleClaims(new Map(auditor.claimsToCheck().map((claim) => [claim, held ? `images:\n  - name: x\n    digest: ${claim.digest}\n` : undefined])));
      return auditor.violations.map((v) => [later.findIndex((c) => c.commit === v.commit), v.rule]);
    };
    expect(settled(true)).toEqual([[5, 'unrecorded-change']]);
    expect(settled(false)).toEqual([[5, 'unrecorded-change'], [6, 'trailers-disagree'], [7, 'skipped-stage']]);
  });

  test('a pin a merge brought in: the merge is the commit that put it in place on the line, as ferry rollback names it', () => {
    const auditor = new Auditor();
    for (const c of [pin('bump', 'dev', 1)]) auditor.check(c, config);
    const merge = { commit: 'f'.repeat(40), date: '2026-11-24T10:00:00Z' };
    const mark = auditor.beginMerge(config, [path('dev')], merge);
    auditor.check(pin('bump', 'dev', 2, 1), config); // on the branch
    auditor.endMerge(mark, new Set([path('dev')]));
    auditor.check({ ...merge, trailers: trailerList('Merge pull request #1\n'), files: [] }, config);
    for (const c of [pin('bump', 'dev', 3, 2), rollback('dev', 2, 3, merge.commit)]) auditor.check(c, config);
    expect(auditor.violations).toEqual([]);
    // The merge did not pin 1: naming it for 1 is reported.
    auditor.check(rollback('dev', 1, 2, merge.commit), config);
    expect(auditor.violations.map((v) => v.message)).toEqual([`the rollback records Ferry-Rollback-To ${merge.commit.slice(0, 12)}, which pinned ${shortDigest(2)} for ${app.name} in dev, not ${shortDigest(1)}`]);
  });

  test('a rollback to a digest neither prod nor stage had is still a skipped stage (once, not twice)', () => {
    const history = released();
    expect(violations([...history, rollback('prod', 7, 1)])).toEqual([[5, 'skipped-stage', `${shortImage(7)} reached prod without having been pinned in stage first`]]);
  });
});

describe('trailer keys in another case are the keys Ferry writes, as git reads them', () => {
  test('parseTrailers reads ferry-gate, FERRY-APPROVED-BY and Ferry-GATE as Ferry-Gate and Ferry-Approved-By; other keys as before', () => {
    expect(parseTrailers('x\n\nFerry-Gate: soak=pass(3h>=2h)\nferry-gate: soak=fail(1m<2h)\nFERRY-APPROVED-BY: alice\nFerry-GATE: a\nferry-whatever: b\nSigned-off-by: c\n')).toEqual([
      ['Ferry-Gate', 'soak=pass(3h>=2h)'], ['Ferry-Gate', 'soak=fail(1m<2h)'], ['Ferry-Approved-By', 'alice'], ['Ferry-Gate', 'a'],
    ]);
  });

  test('a promotion record with a second gate record and approver in lowercase: both read, the second of each reported (helper-138\'s reproducer)', () => {
    const history = released();
    const message = [
      'promote(prod): user-service 1.2.0', '',
      'Ferry-Action: promote', 'Ferry-Env: prod', 'Ferry-From: stage', `Ferry-App: ${app.name}`, `Ferry-Image: ${image(2)}`, `Ferry-Previous-Image: ${image(1)}`,
      'Ferry-Gate: blocked=pass(no digest is blocked) soak=pass(13h>=2h) approvals=pass(1/1)', 'ferry-gate: soak=fail(1m<2h)',
      'Ferry-Requested-By: alice', 'Ferry-Approved-By: bob', 'ferry-approved-by: alice', '',
    ].join('\n');
    const promotion: AuditCommit = { commit: 'e'.repeat(40), date: '2026-11-24T10:00:00Z', trailers: trailerList(message), files: [path('prod')] };
    expect(violations([...history, promotion])).toEqual([
      [5, 'trailers-disagree', 'Ferry-Gate is recorded 2 times; Ferry writes it once'],
      [5, 'gate-not-passed', 'gate soak was fail and no override with a reason was recorded'],
      [5, 'self-approval', 'alice approved their own promotion'],
    ]);
  });
});

describe('a gate record is Ferry\'s only with the gate names and verdicts Ferry writes', () => {
  test('the names are promote\'s', () => {
    expect([...RECORDED_GATES].sort()).toEqual([...GATE_NAMES].sort());
  });

  test.each([
    ['no-soak=pass(skipped)', 'blocked=pass(x) no-soak=pass(skipped) approvals=pass(1/1)'],
    ['a name Ferry has no gate of', 'blocked=pass(x) soak=pass(3h>=2h) approvals=pass(1/1) scan=pass(clean)'],
    ['a verdict Ferry does not give', 'blocked=pass(x) soak=ok(3h>=2h) approvals=pass(1/1)'],
  ])('%s: not as Ferry writes it, no verdict in it passed (and prod\'s soak gate is not recorded as passed)', (_name, gate) => {
    const promotion = commit([['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'], ['Ferry-App', app.name], ['Ferry-Image', image(2)], ['Ferry-Previous-Image', image(1)], ['Ferry-Gate', gate], ['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']], [path('prod')]);
    expect(violations([...released(), promotion])).toEqual([[5, 'gate-not-passed', `the gate record ${JSON.stringify(gate)} is not as Ferry writes it; no verdict in it counts as pass`]]);
    expect(unpassedGates(`promote(prod): x\n\nFerry-Action: promote\nFerry-Gate: ${gate}\n`)).toEqual([`Ferry-Gate ${JSON.stringify(gate.slice(0, 80))}, not as Ferry writes it`]);
  });

  test('each verdict Ferry gives is read as one', () => {
    const promotion = commit([['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'], ['Ferry-App', app.name], ['Ferry-Image', image(2)], ['Ferry-Previous-Image', image(1)], ['Ferry-Gate', 'blocked=pass(x) soak=inconclusive(y) approvals=error(z) freeze=fail(w)'], ['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']], [path('prod')]);
    expect(violations([...released(), promotion]).map(([, rule, m]) => [rule, m])).toEqual([
      ['gate-not-passed', 'gate soak was inconclusive and no override with a reason was recorded'],
      ['gate-not-passed', 'gate approvals was error and no override with a reason was recorded'],
      ['gate-not-passed', 'gate freeze was fail and no override with a reason was recorded'],
    ]);
  });
});

describe('--env keeps a violation that names no environment as it is', () => {
  test('unrelated-history names none, with --env as without', () => {
    for (const options of [{}, { env: 'dev' }]) {
      const auditor = new Auditor(options);
      auditor.check(pin('bump', 'dev', 1), config);
      auditor.unrelatedHistory({ commit: 'a'.repeat(40), date: '2026-11-24T10:00:00Z' }, 'b'.repeat(40), ['c'.repeat(40), 'd'.repeat(40)]);
      expect(auditor.violations.map((v) => [v.rule, 'env' in v])).toEqual([['unrelated-history', false]]);
    }
  });
});
