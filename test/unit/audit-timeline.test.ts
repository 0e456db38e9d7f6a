// The Auditor's memory of which digests each environment had, driven commit by commit: a digest
// promoted or rolled back to need not be the last one pinned where it comes from. Each case
// against the rule as DESIGN.md states it (skipped-stage), with the commits Ferry writes.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Auditor, formatAuditMarkdown, type AuditCommit, type PreviousClaim } from '../../actions/src/core/audit.js';
import { parseConfig, type FerryConfig } from '../../actions/src/core/config.js';
import { BLOCKLIST_FILE as BLOCKLIST, CONFIG_FILE as CONFIG } from '../../actions/src/core/env-repo-files.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';

const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
const config = await parseConfig(template);
/** The template's ferry.yaml with one change. */
const changed = (from: string, to: string) => parseConfig(template.replace(from, to));
const twoApprovals = await changed('approvals: 1', 'approvals: 2');
const noApprovals = await changed('approvals: 1', 'approvals: 0');
const userServiceMoved = await changed('"{env}/user-service/kustomization.yaml"', '"{env}/user-service/x/kustomization.yaml"');
const app = config.apps[0]!;
const image = (n: number) => `${app.registry}/${app.image}:1.${n}.0@sha256:${String(n).padStart(64, '0')}`;
const path = (env: string) => app.manifest.replaceAll('{env}', env).replaceAll('{app}', app.name);

let seq = 0;
/** A Ferry pin of image(n) in env, the way Ferry writes it (previous: what it replaced). */
function pin(action: 'bump' | 'promote' | 'rollback', env: string, n: number, previous?: number): AuditCommit {
  const trailers: Trailer[] = [['Ferry-Action', action], ['Ferry-Env', env], ['Ferry-App', app.name], ['Ferry-Image', image(n)]];
  // (A promotion records where it came from: env's promoteFrom, the template's.)
  if (action === 'promote') trailers.splice(2, 0, ['Ferry-From', env === 'prod' ? 'stage' : 'dev']);
  if (previous !== undefined) trailers.push(['Ferry-Previous-Image', image(previous)]);
  // A promotion records a verdict for each gate its environment has (the template's: soak, and approvals in prod).
  if (action === 'promote') trailers.push(['Ferry-Gate', 'blocked=pass(no digest is blocked) soak=pass(3h>=2h) approvals=pass(1/1)']);
  trailers.push(['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']);
  const message = commitMessage(`${action}(${env}): ${app.name} 1.${n}.0`, trailers);
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(message), files: [path(env)] };
}

/** The skipped-stage violations of a history, as [commit index, env]. */
function skipped(history: AuditCommit[]): [number, string][] {
  const auditor = new Auditor();
  for (const c of history) auditor.check(c, config);
  return auditor.violations.filter((v) => v.rule === 'skipped-stage').map((v) => [history.findIndex((c) => c.commit === v.commit), v.env!]);
}

describe('skipped-stage, whatever digest the source environment had last', () => {
  test('an older digest of dev promoted to stage was in dev: not flagged; one never in dev is', () => {
    expect(skipped([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 3, 2), pin('promote', 'stage', 1), pin('promote', 'stage', 2, 1), pin('promote', 'stage', 9, 2)])).toEqual([[5, 'stage']]);
  });

  test('digests dev got after it was asked about an older one: had, the last and the others', () => {
    expect(skipped([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('promote', 'stage', 1), pin('bump', 'dev', 3, 2), pin('bump', 'dev', 4, 3), pin('promote', 'stage', 3, 1), pin('promote', 'stage', 4, 3), pin('promote', 'stage', 2, 4), pin('promote', 'stage', 5, 2)])).toEqual([[8, 'stage']]);
  });

  test('a rollback in prod to a digest prod had before (not its last): not flagged; to one neither prod nor stage had: flagged', () => {
    const history = [pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 3, 2), pin('promote', 'stage', 1), pin('promote', 'prod', 1), pin('promote', 'stage', 2, 1), pin('promote', 'prod', 2, 1), pin('promote', 'stage', 3, 2), pin('promote', 'prod', 3, 2)];
    expect(skipped([...history, pin('rollback', 'prod', 1, 3)])).toEqual([]);
    expect(skipped([...history, pin('rollback', 'prod', 7, 3)])).toEqual([[history.length, 'prod']]);
  });

  test('a digest an environment had only as the previous image of its first Ferry pin counts as had only if the manifest held it before that pin (the entry reads it: claimsToCheck / settleClaims)', () => {
    // prod's first pin says it replaced 8 (nothing on record to check it against); a rollback to 8 rests on that.
    const history = [pin('bump', 'dev', 1), pin('promote', 'stage', 1), pin('promote', 'prod', 1, 8), pin('rollback', 'prod', 8, 1)];
    // The manifest before a claim's pin: holding the digest as a value, or only in a comment (or not at all).
    const manifest = (claim: PreviousClaim, held: boolean) => (held ? `images:\n  - name: x\n    digest: ${claim.digest}\n` : `images:\n  - name: x\n    digest: sha256:${'0'.repeat(64)} # was ${claim.digest}\n`);
    const settled = (held: boolean): [number, string, string][] => {
      const auditor = new Auditor();
      for (const c of history) auditor.check(c, config);
      expect(auditor.violations).toEqual([]); // (pending until the claims are settled)
      const claims = auditor.claimsToCheck();
      expect(claims.map((claim) => [claim.commit, claim.env, claim.app, claim.path, claim.image])).toEqual([[history[2]!.commit, 'prod', app.name, path('prod'), image(8)]]);
      auditor.settleClaims(new Map(claims.map((claim) => [claim, manifest(claim, held)])));
      return auditor.violations.map((v) => [history.findIndex((c) => c.commit === v.commit), v.rule, v.message]);
    };
    expect(settled(true)).toEqual([]);
    // A made-up previous image (8 was never in prod's manifest): the rollback skipped a stage, and the first pin's trailers lie.
    expect(settled(false)).toEqual([
      [2, 'trailers-disagree', `the commit records ${shortImage(8)} as the image it replaced, but ${path('prod')} did not hold that digest before it`],
      [3, 'skipped-stage', `${shortImage(8)} reached prod without having been pinned in stage first`],
    ]);
    // Reported in the order of the commits they are about, with those found during the walk.
    const edited = [...history, commitWith([], [path('dev')])];
    const auditor0 = new Auditor();
    for (const c of edited) auditor0.check(c, config);
    auditor0.settleClaims(new Map(auditor0.claimsToCheck().map((claim) => [claim, undefined])));
    expect(auditor0.violations.map((v) => [edited.findIndex((c) => c.commit === v.commit), v.rule])).toEqual([[2, 'trailers-disagree'], [3, 'skipped-stage'], [4, 'unrecorded-change']]);
    // The same for a promotion that rests on the source's first pin's previous image.
    const promoted = [pin('bump', 'dev', 1, 8), pin('promote', 'stage', 8)];
    const auditor = new Auditor();
    for (const c of promoted) auditor.check(c, config);
    const [claim] = auditor.claimsToCheck();
    expect([claim?.env, claim?.image]).toEqual(['dev', image(8)]);
    auditor.settleClaims(new Map([[claim!, manifest(claim!, false)]]));
    expect(auditor.violations.map((v) => [promoted.findIndex((c) => c.commit === v.commit), v.rule])).toEqual([[0, 'trailers-disagree'], [1, 'skipped-stage']]);
  });

  test('a digest prod had only as the previous image of a Ferry pin (pinned there by hand) counts as had', () => {
    const history = [pin('bump', 'dev', 1), pin('promote', 'stage', 1), pin('promote', 'prod', 1, 8), pin('rollback', 'prod', 8, 1)];
    expect(skipped(history)).toEqual([]);
    // and nowhere else: stage never had 8
    expect(skipped([...history, pin('rollback', 'stage', 8, 1)])).toEqual([[history.length, 'stage']]);
  });

  test('the same digest pinned again after another: still had', () => {
    expect(skipped([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 1, 2), pin('bump', 'dev', 3, 1), pin('promote', 'stage', 2), pin('promote', 'stage', 1, 2), pin('promote', 'stage', 3, 1)])).toEqual([]);
  });
});

describe('trailers-disagree', () => {
  /** The trailers-disagree violations of a history, as [commit index, message]. */
  function disagree(history: AuditCommit[]): [number, string][] {
    const auditor = new Auditor();
    for (const c of history) auditor.check(c, config);
    return auditor.violations.filter((v) => v.rule === 'trailers-disagree').map((v) => [history.findIndex((c) => c.commit === v.commit), v.message]);
  }

  test('a pin that changed the one manifest it names: not flagged; one that changed another app\'s: flagged', () => {
    const other = config.apps[1]!.manifest.replaceAll('{env}', 'dev').replaceAll('{app}', config.apps[1]!.name);
    expect(disagree([pin('bump', 'dev', 1), { ...pin('bump', 'dev', 2, 1), files: [other] }])).toEqual([
      [1, `a Ferry bump commit changed ${other}, which its trailers do not name`],
      [1, `the trailers name ${path('dev')}, which the commit did not change`],
    ]);
  });

  test('a pin in an environment ferry.yaml does not have: flagged as such, whether or not the commit changed the file', () => {
    const message = `the trailers name ${path('qa')}, in qa, an environment ferry.yaml did not have at the time`;
    expect(disagree([{ ...pin('bump', 'qa', 1), files: [path('qa')] }, pin('bump', 'qa', 2, 1), { ...pin('bump', 'qa', 3, 2), files: [] }])).toEqual([[0, message], [1, message], [2, message]]);
  });
});

/** An AuditCommit with these trailers (in order) and files, dated like the others. */
function commitWith(trailers: Trailer[], files: string[], subject = 'change'): AuditCommit {
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(commitMessage(subject, trailers)), files };
}

/** The violations of a history checked with ferry.yaml as given per commit ([after, before]; the template's when not), as [commit index, rule, message]. */
function violations(history: (AuditCommit | [AuditCommit, FerryConfig, FerryConfig])[]): [number, string, string][] {
  const auditor = new Auditor();
  const commits = history.map((h) => (Array.isArray(h) ? h[0] : h));
  for (const h of history) {
    if (Array.isArray(h)) auditor.check(h[0], h[1], h[2]);
    else auditor.check(h, config);
  }
  return auditor.violations.map((v) => [commits.findIndex((c) => c.commit === v.commit), v.rule, v.message]);
}

const shortImage = (n: number) => `${app.image}:1.${n}.0@sha256:${String(n).padStart(64, '0').slice(0, 12)}`;
describe('what a commit records against what the history pinned before it', () => {
  test('a pin that replaced something other than the last recorded pin is flagged (a commit pinned other than its trailers said)', () => {
    // 2 says it pinned 2; the next pin found 9 in the manifest.
    expect(violations([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 3, 9)])).toEqual([
      [2, 'trailers-disagree', `the commit records ${shortImage(9)} as the image it replaced, but ${(seq - 1).toString(16).padStart(40, '0').slice(0, 12)} pinned ${shortImage(2)} there last`],
    ]);
  });

  test('a forged previous image does not make a digest count as had in the environment', () => {
    const history = [pin('bump', 'dev', 1), pin('promote', 'stage', 1), pin('promote', 'prod', 1), pin('bump', 'dev', 2, 1), pin('promote', 'stage', 2, 1), pin('promote', 'prod', 2, 8), pin('rollback', 'prod', 8, 2)];
    expect(violations(history).map(([i, rule]) => [i, rule])).toEqual([[5, 'trailers-disagree'], [6, 'skipped-stage']]);
  });

  test('a pin that records no image is flagged; so is a pin with no previous image where the history had one', () => {
    const noImage = commitWith([['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', app.name]], [path('dev')]);
    const noPrevious = pin('bump', 'dev', 3);
    expect(violations([pin('bump', 'dev', 1), noImage, pin('bump', 'dev', 2), noPrevious]).map(([i, rule, m]) => [i, rule, m.replace(/[0-9a-f]{12} pinned/, '<commit> pinned')])).toEqual([
      [1, 'trailers-disagree', `a Ferry bump commit that records no image for ${app.name}`],
      [3, 'trailers-disagree', `the commit records nothing as the image it replaced, but <commit> pinned ${shortImage(2)} there last`],
    ]);
  });

  test('after a manual edit, the next Ferry pin\'s previous image is taken as it is', () => {
    const manual = commitWith([], [path('dev')]);
    expect(violations([pin('bump', 'dev', 1), manual, pin('bump', 'dev', 2, 9)]).map(([i, rule]) => [i, rule])).toEqual([[1, 'unrecorded-change']]);
  });
});

describe('what a Ferry commit did to blocked.yaml (checkBlocklistChange, with the entries the entry read before and after it)', () => {
  const D = (n: number) => digestOfImage(image(n));
  const digestOfImage = (ref: string) => ref.slice(ref.indexOf('@') + 1);
  const block = (action: 'block' | 'unblock', n: number) => commitWith([['Ferry-Action', action], ['Ferry-App', app.name], ['Ferry-Image', image(n)], ['Ferry-Reason', 'r']], [BLOCKLIST]);
  const rollbackBlock = (n: number) => commitWith([['Ferry-Action', 'rollback'], ['Ferry-Env', 'dev'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Previous-Image', image(n)], ['Ferry-Blocked', image(n)], ['Ferry-Reason', 'r']], [path('dev'), BLOCKLIST]);
  const checked = (c: AuditCommit, change: Parameters<Auditor['checkBlocklistChange']>[1]) => {
    const auditor = new Auditor();
    auditor.checkBlocklistChange(c, change);
    return auditor.violations.map((v) => v.message);
  };

  test('each adds or removes its own entry only: nothing to report', () => {
    expect(checked(block('block', 5), { added: [`${D(5)} ${app.name}`], removed: [] })).toEqual([]);
    expect(checked(block('unblock', 5), { added: [], removed: [`${D(5)} ${app.name}`, `${D(5)} ${app.name}`] })).toEqual([]); // (an entry twice: unblock removes both)
    expect(checked(rollbackBlock(5), { added: [`${D(5)} ${app.name}`], removed: [] })).toEqual([]);
    expect(checked(block('block', 5), { added: [], removed: [] })).toEqual([]); // (already blocked: the file unchanged in entries)
  });

  test('anything else is reported: an entry of another digest or app added or removed, its own entry removed by a block or added by an unblock, a file left unreadable', () => {
    expect(checked(block('block', 5), { added: [`${D(5)} ${app.name}`], removed: [`${D(6)} other-app`] })).toEqual([`a Ferry block commit removed the block of ${D(6).slice(0, 19)} for other-app from blocked.yaml, which its trailers do not record`]);
    expect(checked(block('unblock', 5), { added: [`${D(5)} ${app.name}`], removed: [] })).toEqual([
      `a Ferry unblock commit that did not remove the block of ${D(5).slice(0, 19)} for ${app.name} from blocked.yaml: it unblocked nothing`,
      `a Ferry unblock commit added the block of ${D(5).slice(0, 19)} for ${app.name} to blocked.yaml, which its trailers do not record`,
    ]);
    expect(checked(rollbackBlock(5), { added: [`${D(7)} ${app.name}`], removed: [] })).toEqual([`a Ferry rollback commit added the block of ${D(7).slice(0, 19)} for ${app.name} to blocked.yaml, which its trailers do not record`]);
    expect(checked(block('block', 5), { unreadable: 'blocked.yaml:1:1: bad' })).toEqual(['a Ferry block commit left blocked.yaml unreadable (blocked.yaml:1:1: bad): no block in it can be told']);
  });

  test('an unblock that removed no entry of its own (a comment added instead) unblocked nothing: reported, and the digest stays blocked', () => {
    const blocked = block('block', 5);
    const unblock = block('unblock', 5);
    const pinned = pin('bump', 'dev', 5);
    const auditor = new Auditor();
    auditor.check(blocked, config);
    auditor.checkBlocklistChange(blocked, { added: [`${D(5)} ${app.name}`], removed: [] });
    auditor.check(unblock, config);
    auditor.checkBlocklistChange(unblock, { added: [], removed: [] });
    auditor.check(pinned, config);
    expect(auditor.violations.map((v) => [v.commit, v.rule, v.message])).toEqual([
      [unblock.commit, 'trailers-disagree', `a Ferry unblock commit that did not remove the block of ${D(5).slice(0, 19)} for ${app.name} from blocked.yaml: it unblocked nothing`],
      [pinned.commit, 'blocked-digest', expect.stringContaining('was pinned while it was blocked')],
    ]);
  });

  test('a Ferry commit of any other kind that changes blocked.yaml is reported without reading it; a rollback with Ferry-Blocked is not', () => {
    const bump = { ...pin('bump', 'dev', 2, 1), files: [path('dev'), BLOCKLIST] };
    expect(violations([pin('bump', 'dev', 1), bump]).map(([i, rule, m]) => [i, rule, m])).toEqual([[1, 'trailers-disagree', 'a Ferry bump commit changed blocked.yaml, which only ferry block, unblock and rollback --block change']]);
    // (A rollback goes back to an image dev had: 1, then 5.)
    expect(violations([pin('bump', 'dev', 1), pin('bump', 'dev', 5, 1), rollbackBlock(5)])).toEqual([]);
  });
});

describe('trailers Ferry does not write that way', () => {
  test('Ferry-Action: init exempts only the first commit', () => {
    const init = (files: string[]) => commitWith([['Ferry-Action', 'init']], files, 'init: Ferry environment repository');
    expect(violations([init([CONFIG, path('dev')]), pin('bump', 'dev', 1), init([path('prod')])])).toEqual([
      [2, 'trailers-disagree', `${path('prod')} changed in a commit marked Ferry-Action: init that is not the repository's first commit`],
    ]);
  });

  test('a gate verdict other than exactly pass, in any spelling, or a gate record Ferry did not write, did not pass', () => {
    // Each promotes 1 to stage anew (from what the one before left there, 2).
    const promote = (gates: string[]) => commitWith([['Ferry-Action', 'promote'], ['Ferry-Env', 'stage'], ['Ferry-From', 'dev'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Previous-Image', image(2)], ...gates.map((g): Trailer => ['Ferry-Gate', g])], [path('stage')]);
    const back = () => pin('promote', 'stage', 2, 1);
    const found = violations([pin('bump', 'dev', 2), pin('bump', 'dev', 1, 2), pin('promote', 'stage', 2), promote(['soak=FAIL(1m<30m)']), back(), promote(['soak=fail (1m<30m)']), back(), promote(['soak=pass(1h>=30m)', 'soak=fail(1m<30m)']), back(), promote(['soak=pass(1h>=30m) blocked=pass(no digest is blocked)'])]);
    expect(found.map(([i, rule, m]) => [i, rule, m])).toEqual([
      [3, 'gate-not-passed', 'the gate record "soak=FAIL(1m<30m)" is not as Ferry writes it; no verdict in it counts as pass'],
      [5, 'gate-not-passed', 'the gate record "soak=fail (1m<30m)" is not as Ferry writes it; no verdict in it counts as pass'],
      [7, 'trailers-disagree', 'Ferry-Gate is recorded 2 times; Ferry writes it once'],
      [7, 'gate-not-passed', 'gate soak was fail and no override with a reason was recorded'],
    ]);
  });

  test('an override whose reason shows nothing (zero-width or blank characters alone: Ferry refuses it now, an older one took it) is no override', () => {
    const overridden = (reason: string): AuditCommit => ({
      commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', files: [path('stage')],
      trailers: trailerList(`promote(stage): change\n\nFerry-Action: promote\nFerry-Env: stage\nFerry-From: dev\nFerry-App: ${app.name}\nFerry-Image: ${image(1)}\nFerry-Previous-Image: ${image(2)}\nFerry-Gate: soak=fail(1m<30m)\nFerry-Override: soak\nFerry-Reason: ${reason}\n`),
    });
    const before = [pin('bump', 'dev', 2), pin('bump', 'dev', 1, 2), pin('promote', 'stage', 2)];
    for (const blank of ['\u200b', '\u2060\ufeff', '\u3164']) {
      expect(violations([...before, overridden(blank)]).map(([i, rule, m]) => [i, rule, m])).toEqual([[3, 'gate-not-passed', 'gate soak was fail and no override with a reason was recorded']]);
    }
    expect(violations([...before, overridden('hotfix for INC-1234')])).toEqual([]);
  });

  test('approvers and the requester are told apart as GitHub logins are: by name, whatever the case or invisible characters', () => {
    const promoteProd = (requester: string, approvers: string[]) => commitWith([['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Gate', 'soak=pass(3h>=2h) approvals=pass(1/1)'], ['Ferry-Requested-By', requester], ...approvers.map((a): Trailer => ['Ferry-Approved-By', a])], [path('prod')]);
    const base = [pin('bump', 'dev', 1), pin('promote', 'stage', 1)];
    expect(violations([...base, promoteProd('alice', ['Alice'])]).map(([i, rule]) => [i, rule])).toEqual([[2, 'self-approval'], [2, 'approvals']]);
    expect(violations([...base, promoteProd('alice', ['bob'])])).toEqual([]);
    // A GitHub App's approval (an older Ferry recorded one) is no person's: not counted.
    expect(violations([...base, promoteProd('alice', ['release-bot[bot]'])]).map(([i, rule, m]) => [i, rule, m])).toEqual([[2, 'approvals', '0 approvers other than the requester; prod required 1 at the time']]);
    expect(violations([...base, promoteProd('alice', ['release-bot[bot]', 'bob'])])).toEqual([]);
    const twice = promoteProd('alice', ['bob', 'BOB', 'bo\u200bb']);
    expect(violations([...base, [twice, twoApprovals, twoApprovals]]).map(([i, rule, m]) => [i, rule, m])).toEqual([[2, 'approvals', '1 approver other than the requester; prod required 2 at the time']]);
  });

  test('an unblock that did not change blocked.yaml is flagged and unblocks nothing', () => {
    const blockTrailers = (action: string): Trailer[] => [['Ferry-Action', action], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Reason', 'bad']];
    const found = violations([commitWith(blockTrailers('block'), [BLOCKLIST]), commitWith(blockTrailers('unblock'), []), pin('bump', 'dev', 1)]);
    expect(found.map(([i, rule]) => [i, rule])).toEqual([[1, 'trailers-disagree'], [2, 'blocked-digest']]);
    expect(violations([commitWith(blockTrailers('block'), [BLOCKLIST]), commitWith(blockTrailers('unblock'), [BLOCKLIST]), pin('bump', 'dev', 1)])).toEqual([]);
  });

  test('a digest blocked for one app is blocked for every app (another app, or the app renamed), until every block of it is lifted', () => {
    const other = config.apps[1]!;
    const otherPath = other.manifest.replaceAll('{env}', 'dev').replaceAll('{app}', other.name);
    const blockFor = (action: string, name: string): AuditCommit => commitWith([['Ferry-Action', action], ['Ferry-App', name], ['Ferry-Image', image(1)], ['Ferry-Reason', 'bad']], [BLOCKLIST]);
    const otherPins = commitWith([['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', other.name], ['Ferry-Image', image(1)], ['Ferry-Requested-By', 'alice']], [otherPath]);
    expect(violations([blockFor('block', app.name), otherPins]).map(([i, rule, m]) => [i, rule, m])).toEqual([
      [1, 'blocked-digest', `${shortImage(1)} was pinned while it was blocked (for ${app.name}: a blocked digest is blocked for every app)`],
    ]);
    // Blocked for two apps: lifting one block leaves it blocked; lifting both unblocks it.
    expect(violations([blockFor('block', app.name), blockFor('block', other.name), blockFor('unblock', app.name), otherPins]).map(([i, rule]) => [i, rule])).toEqual([[3, 'blocked-digest']]);
    expect(violations([blockFor('block', app.name), blockFor('block', other.name), blockFor('unblock', app.name), blockFor('unblock', other.name), otherPins])).toEqual([]);
  });
});

describe('the analysis templates and the Prometheus the gates use are part of the rules', () => {
  // The template's ferry.yaml with an analysis gate on stage (and prod comparing with a baseline).
  const analysed = async () => changed('      soak: 30m        # the image ran in dev for at least 30 minutes\n', '      soak: 30m\n      analysis: [http-success-rate]\n');
  const withProm = (text: string) => parseConfig(`${text}prometheus:\n  address: https://prometheus.example:9090\n`);

  test('a hand edit of a template a gate names is reported for each environment whose gates name it; another file in analysis/ is not', async () => {
    const gated = await analysed();
    const edit = (file: string) => commitWith([], [file]);
    const found = (file: string) => violations([[edit(file), gated, gated]]).map(([, rule, m]) => [rule, m]);
    expect(found('analysis/http-success-rate.yaml')).toEqual([['rules-weakened', 'analysis/http-success-rate.yaml, an analysis template the gates of stage name, changed by hand: what the gate passes on is no longer what it was (Ferry cannot tell a relaxed template from a stricter one)']]);
    expect(found('analysis/image-running.yaml')).toEqual([]);
    // Without the gate, the template is just a file.
    expect(violations([edit('analysis/http-success-rate.yaml')])).toEqual([]);
    // A Ferry commit never changes a template.
    const ferryEdit = { ...pin('bump', 'dev', 1), files: [path('dev'), 'analysis/http-success-rate.yaml'] };
    expect(violations([[ferryEdit, gated, gated]]).map(([, rule, m]) => [rule, m])).toEqual([['trailers-disagree', 'a Ferry bump commit changed analysis/http-success-rate.yaml, an analysis template, which Ferry never does']]);
  });

  test('another Prometheus (or token) for the analysis gates is reported for the environments that query it', async () => {
    const text = template.replace('      soak: 30m        # the image ran in dev for at least 30 minutes\n', '      soak: 30m\n      analysis: [http-success-rate]\n');
    const before = await withProm(text);
    const after = await parseConfig(`${text}prometheus:\n  address: http://203.0.113.7:9090\n  bearerTokenEnv: PROMETHEUS_TOKEN\n`);
    expect(violations([[commitWith([], [CONFIG]), after, before]]).map(([, rule, m]) => [rule, m])).toEqual([
      ['rules-weakened', 'ferry.yaml relaxed the rules stage is judged by: the Prometheus its analysis queries is http://203.0.113.7:9090 (token from PROMETHEUS_TOKEN), was https://prometheus.example:9090'],
    ]);
    expect(violations([[commitWith([], [CONFIG]), before, before]])).toEqual([]);
  });
});

describe('the Markdown report', () => {
  test('every cell is text: a trailer value cannot render as a link, an image or HTML, or break the table', () => {
    const v = { commit: 'a'.repeat(40), date: '2026-11-24T10:00:00Z', env: 'prod', rule: 'self-approval' as const, message: '<img src="https://evil.example/t.png"> [Approve](https://evil.example/login) | x approved their own promotion' };
    const md = formatAuditMarkdown({ repo: 'file:///r', branch: 'main', commit: 'a'.repeat(40), checked: 1, violations: [v] });
    const row = md.split('\n').at(-1)!;
    expect(row).toBe('| 2026-11-24T10:00:00Z | aaaaaaaaaaaa | prod |  | self-approval | &lt;img src="https://evil.example/t.png"&gt; \\[Approve\\](https://evil.example/login) \\| x approved their own promotion |');
  });
});

describe('a promotion into an environment that required approvals records its requester', () => {
  /** A Ferry promotion of 1 into env (from what the template says it comes from) with these trailers after the image and soak verdict. */
  const promote = (env: string, rest: Trailer[]) => commitWith([['Ferry-Action', 'promote'], ['Ferry-Env', env], ['Ferry-From', env === 'prod' ? 'stage' : 'dev'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Gate', env === 'prod' ? 'soak=pass(3h>=2h) approvals=pass(1/1)' : 'soak=pass(1h>=30m)'], ...rest], [path(env)]);
  const noRequester = (env: string, required: number) => `no requester recorded: ${env} required ${required} approval${required === 1 ? '' : 's'} at the time, and whether an approver was the requester cannot be told`;
  const bob: Trailer = ['Ferry-Approved-By', 'bob'];
  const unconfigured = changed('      approvals: 1     # and one person other than the requester approved\n', '');

  test.each<[string, string, Trailer[], FerryConfig | Promise<FerryConfig>, [string, string][]]>([
    ['no requester, one approver, prod required 1: flagged once', 'prod', [bob], config, [['approvals', noRequester('prod', 1)]]],
    ['no requester, enough approvers, prod required 2: only the missing requester is flagged', 'prod', [bob, ['Ferry-Approved-By', 'carol']], twoApprovals, [['approvals', noRequester('prod', 2)]]],
    ['no requester and no approver: both facts flagged', 'prod', [], config, [['approvals', noRequester('prod', 1)], ['approvals', '0 approvers other than the requester; prod required 1 at the time']]],
    ['requester recorded: not flagged', 'prod', [['Ferry-Requested-By', 'alice'], bob], config, []],
    ['prod required approvals: 0: no requester needed', 'prod', [], noApprovals, []],
    ['prod with no approvals configured: no requester needed', 'prod', [], unconfigured, []],
    ['stage, which requires no approvals: no requester needed', 'stage', [], config, []],
    ['an override of approvals with a reason: not flagged', 'prod', [bob, ['Ferry-Override', 'approvals'], ['Ferry-Reason', 'requester lost in a CI migration; bob confirmed he did not request it']], config, []],
    ['an override of approvals without a reason: flagged', 'prod', [bob, ['Ferry-Override', 'approvals']], config, [['approvals', noRequester('prod', 1)]]],
    ['an override of another gate, with a reason: flagged', 'prod', [bob, ['Ferry-Override', 'soak'], ['Ferry-Reason', 'hotfix']], config, [['approvals', noRequester('prod', 1)]]],
  ])('%s', async (_, env, rest, rules, expected) => {
    const resolved = await rules;
    // 1 is pinned in dev, and in stage before a promotion to prod.
    const history: AuditCommit[] = env === 'prod' ? [pin('bump', 'dev', 1), pin('promote', 'stage', 1)] : [pin('bump', 'dev', 1)];
    const last = promote(env, rest);
    const found = violations([...history.map((c): [AuditCommit, FerryConfig, FerryConfig] => [c, resolved, resolved]), [last, resolved, resolved]]);
    expect(found).toEqual(expected.map(([rule, message]) => [history.length, rule, message]));
  });

  test('a requester of invisible characters only (Ferry refuses one now; an older Ferry, or a hand, wrote it) names nobody: flagged', () => {
    const trailers: Trailer[] = [['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Gate', 'soak=pass(3h>=2h) approvals=pass(1/1)'], ['Ferry-Requested-By', '\u200b'], bob];
    const last: AuditCommit = { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', files: [path('prod')], trailers: trailerList(`promote(prod): change\n\n${trailers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`) };
    expect(violations([pin('bump', 'dev', 1), pin('promote', 'stage', 1), last])).toEqual([[2, 'approvals', noRequester('prod', 1)]]);
  });
});

describe('a commit that changes ferry.yaml', () => {
  test('a pin is judged by the rules in force before its commit, and a Ferry pin that changes ferry.yaml is flagged', () => {
    const promoteProd = commitWith([['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'], ['Ferry-App', app.name], ['Ferry-Image', image(1)], ['Ferry-Gate', 'soak=pass(3h>=2h) approvals=pass(1/1)'], ['Ferry-Requested-By', 'alice']], [CONFIG, path('prod')]);
    expect(violations([pin('bump', 'dev', 1), pin('promote', 'stage', 1), [promoteProd, noApprovals, config]]).map(([i, rule]) => [i, rule])).toEqual([[2, 'rules-weakened'], [2, 'trailers-disagree'], [2, 'approvals']]);
  });

  test('a manual edit of a manifest in the commit that moves the app\'s manifest elsewhere is flagged', () => {
    const manual = commitWith([], [CONFIG, path('prod')]);
    expect(violations([pin('bump', 'dev', 1), [manual, userServiceMoved, config]]).map(([i, rule, m]) => [i, rule, m])).toEqual([
      ...['dev', 'stage', 'prod'].map((e) => [1, 'rules-weakened', `ferry.yaml relaxed the rules ${e} is judged by: user-service's manifest moved from ${path(e)} to ${e}/user-service/x/kustomization.yaml`]),
      [1, 'unrecorded-change', `${path('prod')} changed in a commit without Ferry trailers (a manual edit)`],
    ]);
  });

  test('a change of ferry.yaml that relaxes the rules is reported, whoever made it; one that tightens them is not', async () => {
    const edit = commitWith([], [CONFIG]);
    const relaxed = async (from: string, to: string) => violations([[edit, await changed(from, to), config]]).map(([, rule, m]) => [rule, m]);
    const said = (env: string, what: string) => [['rules-weakened', `ferry.yaml relaxed the rules ${env} is judged by: ${what}`]];
    expect(await relaxed('approvals: 1', 'approvals: 0')).toEqual(said('prod', 'approvals 0, was 1'));
    expect(await relaxed('soak: 2h ', 'soak: 1h ')).toEqual(said('prod', 'soak 1h, was 2h'));
    expect(await relaxed('    promoteFrom: stage\n', '    promoteFrom: dev\n')).toEqual(said('prod', 'promoted from dev, was stage'));
    expect(await relaxed('    gates:\n      soak: 30m        # the image ran in dev for at least 30 minutes\n', '')).toEqual(said('stage', 'soak none, was 30m'));
    // An app taken out of ferry.yaml: its manifests, which Argo CD may still deploy, are no longer guarded.
    const removed = await relaxed('  - name: order-service\n    image: order-service\n    manifest: "{env}/order-service/kustomization.yaml"\n', '');
    expect(removed).toEqual(['dev', 'stage', 'prod'].flatMap((e) => said(e, `order-service removed (its manifest ${e}/order-service/kustomization.yaml no longer guarded)`)));
    // An app added is not a relaxation.
    expect(await relaxed('  - name: order-service\n', '  - name: billing\n    image: billing\n    manifest: "{env}/billing/kustomization.yaml"\n  - name: order-service\n')).toEqual([]);
    // Stricter, or the same: nothing to report.
    expect(await relaxed('approvals: 1', 'approvals: 2')).toEqual([]);
    expect(await relaxed('soak: 2h ', 'soak: 120m ')).toEqual([]);
    expect(violations([[edit, config, config]])).toEqual([]);
  });
});

describe('the files at the head hold the pins on record', () => {
  test('a last pin whose file does not hold its digest is flagged on the commit that recorded it; a file that does: not', () => {
    const auditor = new Auditor();
    const history = [pin('bump', 'dev', 1), pin('promote', 'stage', 1), pin('bump', 'dev', 2, 1)];
    for (const c of history) auditor.check(c, config);
    const pins = auditor.recordedPins(config);
    expect(pins.map((p) => [p.env, p.app, p.path, p.digest, p.commit])).toEqual([
      ['dev', app.name, path('dev'), image(2).slice(image(2).indexOf('@') + 1), history[2]!.commit],
      ['stage', app.name, path('stage'), image(1).slice(image(1).indexOf('@') + 1), history[1]!.commit],
    ]);
    auditor.checkHead(pins, new Map([[path('dev'), `images:\n  - name: x\n    digest: ${image(9).slice(image(9).indexOf('@') + 1)}\n`], [path('stage'), `    digest: ${image(1).slice(image(1).indexOf('@') + 1)}\n`]]));
    expect(auditor.violations.map((v) => [v.commit, v.rule, v.env, v.message])).toEqual([
      [history[2]!.commit, 'trailers-disagree', 'dev', `the commit records ${shortImage(2)} as pinned, but ${path('dev')}, which no commit changed since, does not hold that digest at the head`],
    ]);
  });

  test('a pin changed since by a manual edit is not on record (the edit is what was reported)', () => {
    const auditor = new Auditor();
    for (const c of [pin('bump', 'dev', 1), commitWith([], [path('dev')])]) auditor.check(c, config);
    expect(auditor.recordedPins(config)).toEqual([]);
  });
});
