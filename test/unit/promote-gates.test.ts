// The promotion gates' pure parts: freeze windows in a time zone, soak and approvals verdicts, durations.
import { describe, expect, test } from 'vitest';
import { parseConfig, type FerryConfig } from '../../actions/src/core/config.js';
import { inFreeze, localTime } from '../../actions/src/core/freeze-window.js';
import { appList, checkPromoteRequest, evaluateGates, formatDuration, gateTrailer, parseDuration, type AppPromotion, type PromoteRequest } from '../../actions/src/core/promote.js';
import { GATE_RECORD, unpassedGates } from '../../actions/src/core/trailers.js';

const weekend = { from: 'Fri 16:00', to: 'Mon 08:00', timezone: 'Europe/Berlin' };

describe('freeze windows', () => {
  test.each([
    ['2026-11-27T14:59:00Z', false, 'Fri 15:59 in Berlin (UTC+1)'],
    ['2026-11-27T15:00:00Z', true, 'Fri 16:00 in Berlin: the window starts'],
    ['2026-11-28T12:00:00Z', true, 'Saturday'],
    ['2026-11-30T06:59:00Z', true, 'Mon 07:59 in Berlin'],
    ['2026-11-30T07:00:00Z', false, 'Mon 08:00 in Berlin: the window has ended'],
    ['2026-11-25T12:00:00Z', false, 'Wednesday'],
    ['2026-03-29T12:00:00Z', true, 'the Sunday clocks go forward (Berlin 14:00 CEST)'],
    ['2026-07-03T14:30:00Z', true, 'Fri 16:30 in summer time (UTC+2)'],
    ['2026-07-03T13:30:00Z', false, 'Fri 15:30 in summer time'],
  ])('weekly Fri 16:00 to Mon 08:00 Europe/Berlin at %s: %s (%s)', (at, frozen) => {
    expect(inFreeze(weekend, new Date(at))).toBe(frozen);
  });

  test('a weekly window within one day', () => {
    const w = { from: 'Mon 09:00', to: 'Mon 10:00', timezone: 'UTC' };
    expect(inFreeze(w, new Date('2026-11-30T09:30:00Z'))).toBe(true);
    expect(inFreeze(w, new Date('2026-11-30T10:00:00Z'))).toBe(false);
    expect(inFreeze(w, new Date('2026-12-01T09:30:00Z'))).toBe(false);
  });

  test.each([
    ['2026-12-19T22:59:00Z', false], // Berlin 23:59 on the 19th
    ['2026-12-19T23:00:00Z', true], // Berlin 00:00 on the 20th
    ['2027-01-01T23:00:00Z', true], // Berlin 00:00 on the 2nd: a date without a time as `to` is frozen all day
    ['2027-01-02T22:59:00Z', true], // Berlin 23:59 on the 2nd
    ['2027-01-02T23:00:00Z', false], // Berlin 00:00 on the 3rd
  ])('dates 2026-12-20 to 2027-01-02 Europe/Berlin at %s: %s', (at, frozen) => {
    expect(inFreeze({ from: '2026-12-20', to: '2027-01-02', timezone: 'Europe/Berlin' }, new Date(at))).toBe(frozen);
  });

  test('one date as from and to: that whole day', () => {
    const w = { from: '2026-12-24', to: '2026-12-24', timezone: 'UTC' };
    expect(inFreeze(w, new Date('2026-12-23T23:59:00Z'))).toBe(false);
    expect(inFreeze(w, new Date('2026-12-24T00:00:00Z'))).toBe(true);
    expect(inFreeze(w, new Date('2026-12-24T23:59:00Z'))).toBe(true);
    expect(inFreeze(w, new Date('2026-12-25T00:00:00Z'))).toBe(false);
  });

  test('dates with times: the end minute is not frozen', () => {
    const w = { from: '2026-11-23 18:00', to: '2026-11-23 20:00', timezone: 'America/New_York' };
    expect(inFreeze(w, new Date('2026-11-23T23:30:00Z'))).toBe(true); // 18:30 in New York
    expect(inFreeze(w, new Date('2026-11-24T01:00:00Z'))).toBe(false); // 20:00
  });

  test('localTime names the weekday and the wall-clock time in the zone', () => {
    expect(localTime(new Date('2026-11-27T15:05:00Z'), 'Europe/Berlin')).toEqual({ text: 'Fri 2026-11-27 16:05', date: '2026-11-27 16:05', weekMinute: 4 * 1440 + 16 * 60 + 5 });
  });
});

describe('durations', () => {
  test.each([['45s', 45_000], ['30m', 1_800_000], ['2h', 7_200_000], ['1h30m', 5_400_000], ['1d', 86_400_000], ['0s', 0]])('parseDuration(%s)', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  test.each([[0, '0s'], [59_000, '59s'], [90_000, '1m30s'], [8_040_000, '2h14m'], [90_061_000, '1d1h']])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

const gatesConfig: FerryConfig = await parseConfig([
  'registry: 123456789012.dkr.ecr.eu-central-1.amazonaws.com',
  'environments:',
  '  - name: dev',
  '  - name: prod',
  '    promoteFrom: dev',
  '    gates:',
  '      soak: 2h',
  '      approvals: 2',
  '      freeze: [{ from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Berlin }]',
  'apps:',
  '  - name: api',
  '    image: api',
  '    manifest: "{env}/api/kustomization.yaml"',
  '',
].join('\n'));

describe('evaluateGates', () => {
  const config = gatesConfig;
  const promotion = (app: string, sourceDate?: string): AppPromotion => ({ app, image: `x/${app}@sha256:${'0'.repeat(64)}`, digest: `sha256:${'0'.repeat(64)}`, previousImage: '', manifest: '', diff: '', ...(sourceDate ? { sourceDate } : {}) });
  const req = (approvedBy: string[], requestedBy = 'alice'): PromoteRequest => ({ from: 'dev', to: 'prod', apps: ['api'], all: false, approvedBy, requestedBy });
  const wednesday = new Date('2026-11-25T12:00:00Z');

  test('every gate passes: soak long enough, two approvers other than the requester, no freeze', () => {
    const verdicts = evaluateGates(config, req(['bob', 'carol', 'alice']), [promotion('api', '2026-11-25T09:00:00Z')], [], wednesday);
    expect(verdicts).toEqual([
      { gate: 'blocked', verdict: 'pass', reason: 'no digest is blocked' },
      { gate: 'soak', verdict: 'pass', reason: '3h>=2h' },
      { gate: 'approvals', verdict: 'pass', reason: "2/2, the requester's own approval does not count" },
      { gate: 'freeze', verdict: 'pass', reason: 'outside 1 freeze window' },
    ]);
    expect(gateTrailer(verdicts)).toBe("blocked=pass(no digest is blocked) soak=pass(3h>=2h) approvals=pass(2/2, the requester's own approval does not count) freeze=pass(outside 1 freeze window)");
  });

  test('soak: the youngest app decides; a digest no Ferry commit pinned is an error', () => {
    const young = evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-25T09:00:00Z'), promotion('web', '2026-11-25T11:00:00Z')], [], wednesday);
    expect(young).toContainEqual({ gate: 'soak', verdict: 'fail', reason: '1h<2h (web)', shortOfTime: [{ app: 'web', passesAt: '2026-11-25T13:00:00Z' }] });
    const old = evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-25T08:00:00Z'), promotion('web', '2026-11-25T09:30:00Z')], [], wednesday);
    expect(old).toContainEqual({ gate: 'soak', verdict: 'pass', reason: '2h30m>=2h (web)' });
    const unknown = evaluateGates(config, req(['bob', 'carol']), [promotion('api')], [], wednesday);
    expect(unknown).toContainEqual({ gate: 'soak', verdict: 'error', reason: 'cannot tell since when api ran in dev: no Ferry pin put the digest there' });
  });

  test('soak: every app short of the time is named with its own time (one override lets them all through)', () => {
    const apps = [promotion('api', '2026-11-25T09:00:00Z'), promotion('web', '2026-11-25T11:50:00Z'), promotion('jobs', '2026-11-25T11:00:00Z')];
    expect(evaluateGates(config, req(['bob', 'carol']), apps, [], wednesday)).toContainEqual({
      gate: 'soak', verdict: 'fail', reason: '10m<2h (web), 1h<2h (jobs)',
      // (When each passes, youngest first: the others may be promoted by name meanwhile.)
      shortOfTime: [{ app: 'web', passesAt: '2026-11-25T13:50:00Z' }, { app: 'jobs', passesAt: '2026-11-25T13:00:00Z' }],
    });
  });

  test('soak: each app whose time cannot be told says why', () => {
    const apps = [{ ...promotion('api'), sourceUnknown: 'abc put it there by hand' }, promotion('web', '2026-11-25T09:00:00Z'), promotion('jobs')];
    expect(evaluateGates(config, req(['bob', 'carol']), apps, [], wednesday))
      .toContainEqual({ gate: 'soak', verdict: 'error', reason: 'cannot tell since when api, jobs ran in dev: api: abc put it there by hand; jobs: no Ferry pin put the digest there' });
  });

  test('soak: a pin dated after now (a date set by hand, a wrong clock) is an error that says so; minutes ahead, another machine\'s clock, have run no time yet', () => {
    const ahead = evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-25T09:00:00Z'), promotion('web', '2026-11-26T15:00:00Z')], [], wednesday);
    expect(ahead).toContainEqual({ gate: 'soak', verdict: 'error', reason: 'cannot tell how long web ran in dev: web pinned at 2026-11-26T15:00:00Z, 1d3h after now (a commit date set by hand, or a clock that is wrong)' });
    // An app short of the time beside it is named too (an override of the error lets it through).
    const both = evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-25T11:50:00Z'), promotion('web', '2026-11-26T15:00:00Z')], [], wednesday);
    expect(both).toContainEqual({ gate: 'soak', verdict: 'error', reason: 'cannot tell how long web ran in dev: web pinned at 2026-11-26T15:00:00Z, 1d3h after now (a commit date set by hand, or a clock that is wrong); short of the time: 10m<2h (api)' });
    const skewed = evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-25T12:04:00Z')], [], wednesday);
    expect(skewed).toContainEqual({ gate: 'soak', verdict: 'fail', reason: '0s<2h', shortOfTime: [{ app: 'api', passesAt: '2026-11-25T14:04:00Z' }] });
    const noSoak: FerryConfig = { ...config, environments: config.environments.map((e) => (e.name === 'prod' ? { ...e, gates: { soak: '0s' } } : e)) };
    expect(evaluateGates(noSoak, req([]), [promotion('api', '2026-11-25T12:04:00Z')], [], wednesday)).toContainEqual({ gate: 'soak', verdict: 'pass', reason: '0s>=0s' });
  });

  test('approvals: without a requester no approval can be told apart from the requester\'s own: an error, whoever approved', () => {
    const noRequester: PromoteRequest = { from: 'dev', to: 'prod', apps: ['api'], all: false, approvedBy: ['bob', 'carol'] };
    expect(evaluateGates(config, noRequester, [promotion('api', '2026-11-25T09:00:00Z')], [], wednesday))
      .toContainEqual({ gate: 'approvals', verdict: 'error', reason: "no requester given, so no approval can be told apart from the requester's own: give --requested-by, as the actions do with the run's actor" });
  });

  test('approvals: duplicates count once, the requester never', () => {
    expect(evaluateGates(config, req(['bob', 'bob', 'alice']), [promotion('api', '2026-11-25T09:00:00Z')], [], wednesday))
      .toContainEqual({ gate: 'approvals', verdict: 'fail', reason: "1/2, the requester's own approval does not count" });
  });

  test('approvals: people are told apart as GitHub logins are, whatever the case or an invisible character', () => {
    // Alice is alice, the requester; BOB and bo\u200bb are bob: one approver of the two needed.
    expect(evaluateGates(config, req(['Alice', 'bob', 'BOB', 'bo\u200bb']), [promotion('api', '2026-11-25T09:00:00Z')], [], wednesday))
      .toContainEqual({ gate: 'approvals', verdict: 'fail', reason: "1/2, the requester's own approval does not count" });
    expect(evaluateGates(config, req(['Bob', 'carol'], 'ALICE'), [promotion('api', '2026-11-25T09:00:00Z')], [], wednesday))
      .toContainEqual({ gate: 'approvals', verdict: 'pass', reason: '2/2' });
  });

  test('freeze: a promotion on Saturday in Berlin fails with the window and the local time', () => {
    expect(evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-27T09:00:00Z')], [], new Date('2026-11-28T12:00:00Z')))
      .toContainEqual({ gate: 'freeze', verdict: 'fail', reason: 'frozen Fri 16:00 to Mon 08:00 Europe/Berlin, now Sat 2026-11-28 13:00' });
  });

  test('blocked digests fail the blocked gate', () => {
    expect(evaluateGates(config, req(['bob', 'carol']), [promotion('api', '2026-11-25T09:00:00Z')], ['api@sha256:000000000000'], wednesday)[0])
      .toEqual({ gate: 'blocked', verdict: 'fail', reason: 'blocked: api@sha256:000000000000' });
  });
});

describe('soak: the age shown never contradicts the verdict', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const withSoak = (soak: string): FerryConfig => ({ ...gatesConfig, environments: gatesConfig.environments.map((e) => (e.name === 'prod' ? { ...e, gates: { soak } } : e)) });
  const pinnedAgo = (ms: number): AppPromotion => ({ app: 'api', image: `x/api@sha256:${'0'.repeat(64)}`, digest: `sha256:${'0'.repeat(64)}`, previousImage: '', manifest: '', diff: '', sourceCommit: 'c'.repeat(40), sourceDate: new Date(now.getTime() - ms).toISOString() });
  const req: PromoteRequest = { from: 'dev', to: 'prod', apps: ['api'], all: false, approvedBy: [], requestedBy: 'alice' };
  const soakOf = (soak: string, ms: number) => evaluateGates(withSoak(soak), req, [pinnedAgo(ms)], [], now).find((v) => v.gate === 'soak');

  test.each([
    // (need, age: the age is shown down to the need's finest unit, the need as configured)
    ['1h30m30s', 5_445_000, 'pass', '1h30m45s>=1h30m30s'],
    ['5401s', 5_401_500, 'pass', '1h30m1s>=5401s'],
    ['1d1h1m', 90_090_000, 'pass', '1d1h1m>=1d1h1m'],
    // (A fail says when it passes, rounded up to the second: 0.1 s short is 12:00:01.)
    ['1h30m30s', 5_429_900, 'fail', '1h30m29s<1h30m30s', '2026-11-25T12:00:01Z'],
    // Today's short form where it is exact enough: the two largest units.
    ['30m', 11_560_000, 'pass', '3h12m>=30m'],
    ['2h', 8_050_000, 'pass', '2h14m>=2h'],
    ['30m', 721_000, 'fail', '12m1s<30m', '2026-11-25T12:17:59Z'],
  ])('soak %s, pinned %i ms ago: %s(%s)', (need, ago, verdict, reason, passesAt?: string) => {
    expect(soakOf(need, ago)).toEqual({ gate: 'soak', verdict, reason, ...(passesAt ? { shortOfTime: [{ app: 'api', passesAt }] } : {}) });
  });

  test('formatDuration down to a finest unit; the two largest units otherwise, as ever', () => {
    expect(formatDuration(5_445_000)).toBe('1h30m');
    expect(formatDuration(5_445_000, 1)).toBe('1h30m45s');
    expect(formatDuration(90_090_000, 60)).toBe('1d1h1m');
    expect(formatDuration(90_090_000, 3600)).toBe('1d1h');
    expect(formatDuration(0, 1)).toBe('0s');
  });

  test('a pin just over 5 minutes after now says how far over, rounded up: not "5m after now", which reads as the limit', () => {
    const ahead = evaluateGates(withSoak('30m'), req, [pinnedAgo(-300_400)], [], now).find((v) => v.gate === 'soak');
    expect(ahead).toEqual({ gate: 'soak', verdict: 'error', reason: 'cannot tell how long api ran in dev: api pinned at 2026-11-25T12:05:00.400Z, 5m1s after now (a commit date set by hand, or a clock that is wrong)' });
  });

  test('a pin whose date cannot be read is an error naming its commit, never an age (NaN)', () => {
    const unreadable = { ...pinnedAgo(0), sourceDate: '@9999999999999' };
    expect(evaluateGates(withSoak('30m'), req, [unreadable], [], now).find((v) => v.gate === 'soak'))
      .toEqual({ gate: 'soak', verdict: 'error', reason: `cannot tell how long api ran in dev: api pinned by cccccccccccc dated "@9999999999999", a date that cannot be read` });
    const empty = { ...pinnedAgo(0), sourceDate: '' };
    expect(evaluateGates(withSoak('30m'), req, [empty], [], now).find((v) => v.gate === 'soak')?.verdict).toBe('error');
  });
});

describe('the gates of time at both instants: now and the commit\'s date (GIT_COMMITTER_DATE)', () => {
  const config = gatesConfig;
  const promotion = (sourceDate: string): AppPromotion => ({ app: 'api', image: `x/api@sha256:${'0'.repeat(64)}`, digest: `sha256:${'0'.repeat(64)}`, previousImage: '', manifest: '', diff: '', sourceDate });
  const req: PromoteRequest = { from: 'dev', to: 'prod', apps: ['api'], all: false, approvedBy: ['bob', 'carol'], requestedBy: 'alice' };
  const wednesday = new Date('2026-11-25T12:00:00Z');
  const saturday = new Date('2026-11-28T12:00:00Z');
  const gate = (name: string, sourceDate: string, now: Date, commit?: Date) => evaluateGates(config, req, [promotion(sourceDate)], [], { now, ...(commit ? { commit } : {}) }).find((v) => v.gate === name);

  test('freeze: a commit dated inside a window fails, though now is outside it; the reason says which instant', () => {
    expect(gate('freeze', '2026-11-20T09:00:00Z', wednesday, saturday))
      .toEqual({ gate: 'freeze', verdict: 'fail', reason: "frozen Fri 16:00 to Mon 08:00 Europe/Berlin at the commit's date 2026-11-28T12:00:00Z, Sat 2026-11-28 13:00 there, though not now" });
  });

  test('freeze: now inside a window fails as ever, whatever the commit\'s date', () => {
    expect(gate('freeze', '2026-11-20T09:00:00Z', saturday, wednesday))
      .toEqual({ gate: 'freeze', verdict: 'fail', reason: 'frozen Fri 16:00 to Mon 08:00 Europe/Berlin, now Sat 2026-11-28 13:00' });
  });

  test('freeze: outside at both instants passes, saying both were judged', () => {
    expect(gate('freeze', '2026-11-20T09:00:00Z', wednesday, new Date('2026-11-24T12:00:00Z')))
      .toEqual({ gate: 'freeze', verdict: 'pass', reason: "outside 1 freeze window now and at the commit's date 2026-11-24T12:00:00Z" });
  });

  test('soak: measured at the commit\'s date where it is earlier (a backdated promotion claims less time run)', () => {
    // Pinned 3 h before now, the commit dated 2 h before now: 1 h run at the commit's date.
    expect(gate('soak', '2026-11-25T09:00:00Z', wednesday, new Date('2026-11-25T10:00:00Z')))
      .toEqual({ gate: 'soak', verdict: 'fail', reason: "1h<2h at the commit's date 2026-11-25T10:00:00Z", shortOfTime: [{ app: 'api', passesAt: '2026-11-25T11:00:00Z' }] });
    expect(gate('soak', '2026-11-25T07:00:00Z', wednesday, new Date('2026-11-25T10:00:00Z')))
      .toEqual({ gate: 'soak', verdict: 'pass', reason: "3h>=2h at the commit's date 2026-11-25T10:00:00Z" });
    // A commit dated before the pin itself: no time run at that date.
    expect(gate('soak', '2026-11-25T09:00:00Z', wednesday, new Date('2026-11-25T08:00:00Z'))?.verdict).toBe('fail');
  });

  test('soak: measured now where the commit is dated later (a commit dated ahead claims no more time run)', () => {
    expect(gate('soak', '2026-11-25T09:00:00Z', wednesday, new Date('2026-11-26T12:00:00Z')))
      .toEqual({ gate: 'soak', verdict: 'pass', reason: '3h>=2h now 2026-11-25T12:00:00Z, the commit dated later 2026-11-26T12:00:00Z' });
  });

  test('the commit dated now (the same second), or not dated: the verdicts of one instant, as ever', () => {
    const plain = evaluateGates(config, req, [promotion('2026-11-25T09:00:00Z')], [], wednesday);
    expect(evaluateGates(config, req, [promotion('2026-11-25T09:00:00Z')], [], { now: new Date('2026-11-25T12:00:00.700Z'), commit: wednesday })).toEqual(plain);
    expect(evaluateGates(config, req, [promotion('2026-11-25T09:00:00Z')], [], { now: wednesday })).toEqual(plain);
  });

  test('the reasons that name an instant stay one Ferry-Gate item each, as audit reads it', () => {
    for (const commit of [saturday, new Date('2026-11-25T10:00:00Z'), new Date('2026-11-26T12:00:00Z')]) {
      expect(gateTrailer(evaluateGates(config, req, [promotion('2026-11-25T09:00:00Z')], [], { now: wednesday, commit }))).toMatch(GATE_RECORD);
    }
  });
});

describe('checkPromoteRequest', () => {
  const base: PromoteRequest = { from: 'dev', to: 'stage', apps: ['api'], all: false, approvedBy: [] };
  test.each([
    ['an app given twice', { apps: ['api', 'web', 'api'] }, /app: "api" is given more than once/],
    ['an override of the blocked gate', { override: { gate: 'blocked', reason: 'ship it' } }, /override: a blocked digest cannot be overridden: leave its app out \(--all leaves it out; or name the others with --app\), or `ferry unblock` it first/],
    ['an override of no gate', { override: { gate: 'luck', reason: 'x' } }, /override: expected one of soak, approvals, freeze, analysis, compare, found "luck"/],
  ])('%s is bad input', (_name, change, message) => {
    expect(() => checkPromoteRequest({ ...base, ...change })).toThrow(message);
  });

  test('an override of a gate that may be overridden is taken', () => {
    expect(() => checkPromoteRequest({ ...base, override: { gate: 'soak', reason: 'hotfix' } })).not.toThrow();
  });
});

describe('appList: the apps of a commit subject, as many as fit', () => {
  const apps = Array.from({ length: 10 }, (_, i) => `payments-ledger-reconciler-${i}`);
  test('all of them when they fit', () => {
    expect(appList(['a', 'b', 'c'], 50)).toBe('a, b, c');
  });
  test.each([60, 120, 170])('within %i characters, the first ones and how many more', (room) => {
    const text = appList(apps, room);
    expect(text.length).toBeLessThanOrEqual(room);
    const shown = text.split(', ').filter((x) => x.startsWith('payments'));
    expect(shown).toEqual(apps.slice(0, shown.length));
    expect(text).toMatch(new RegExp(`, … and ${apps.length - shown.length} more$`));
    expect(text.length + apps[shown.length]!.length + 2).toBeGreaterThan(room); // none more would fit
  });
});

describe('appList: the same subject as ever, in time linear in the apps', () => {
  /** appList as it was (joined again for every count tried): the subject's text must not change. */
  function quadratic(apps: readonly string[], room: number): string {
    const all = apps.join(', ');
    if (all.length <= room) return all;
    const some = (n: number) => `${apps.slice(0, n).join(', ')}, … and ${apps.length - n} more`;
    let n = apps.length - 1;
    while (n > 1 && some(n).length > room) n--;
    return some(n);
  }
  const names = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => name(i));
  const lists: [string, string[]][] = [
    ['none', []],
    ['one', ['payments-ledger-reconciler']],
    ['two', ['payments-ledger-reconciler', 'a']],
    ['three short', ['a', 'b', 'c']],
    ['names of every length', names(40, (i) => 'x'.repeat(i % 13 + 1))],
    ['empty names', names(30, () => '')],
    ['a count crossing 10 and 100', names(120, (i) => `s${i % 3}`)],
    ['300 apps', names(300, (i) => `app-${String(i).padStart(4, '0')}`)],
  ];
  test.each(lists)('%s', (_name, apps) => {
    for (const room of [-5, 0, 1, 5, 14, 15, 16, 17, 20, 30, 60, 120, 151, 170, 200, 5000]) expect(appList(apps, room), `room ${room}`).toBe(quadratic(apps, room));
  });

  test('2,000 names are each read a few times, not once per count tried', () => {
    const apps = names(2000, (i) => `app-${String(i).padStart(4, '0')}`);
    let reads = 0;
    const counted = new Proxy(apps, { get: (target, key, receiver) => (typeof key === 'string' && /^\d+$/.test(key) && reads++, Reflect.get(target, key, receiver)) });
    const text = appList(counted, 151);
    expect(text).toBe(quadratic(apps, 151));
    expect(reads).toBeLessThanOrEqual(3 * apps.length);
  });
});

describe('unpassedGates: what a commit records as not passed, as ferry audit reads it', () => {
  const message = (...trailers: string[]) => `promote(prod): api 1.0.0 (sha256:0123456789ab) from stage\n\nFerry-Action: promote\n${trailers.join('\n')}\n`;
  test.each([
    ['every gate passed', message('Ferry-Gate: soak=pass(3h>=2h) approvals=pass(1/1)'), []],
    ['a proposal made while its approval was pending', message('Ferry-Gate: soak=pass(3h>=2h) approvals=fail(0/1)'), ['approvals=fail']],
    ['the failing gate overridden with a reason', message('Ferry-Gate: soak=fail(1h<2h) approvals=pass(1/1)', 'Ferry-Override: soak', 'Ferry-Reason: hotfix'), []],
    ['another gate overridden than the one that failed', message('Ferry-Gate: soak=fail(1h<2h) analysis=error(timeout)', 'Ferry-Override: soak', 'Ferry-Reason: hotfix'), ['analysis=error']],
    ['an override without its reason', message('Ferry-Gate: approvals=fail(0/1)', 'Ferry-Override: approvals'), ['approvals=fail']],
    ['no gate record (a bump)', message('Ferry-Env: dev'), []],
    ['a record not as Ferry writes it passed nothing', message('Ferry-Gate: garbage'), ['Ferry-Gate "garbage", not as Ferry writes it']],
    ['gate text in the body, not a trailer', 'promote(prod): x\n\nFerry-Gate: approvals=fail(0/1) is what it said\nnot a trailer line\n\nFerry-Action: promote\n', []],
  ])('%s', (_name, text, expected) => {
    expect(unpassedGates(text)).toEqual(expected);
  });
});
