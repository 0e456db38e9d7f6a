// Freeze windows as stretches of instants: across the clocks' changes (a window never opens in its
// middle, and one within the hour the clocks skip freezes nothing), the offset named where the clock
// shows a time twice, what a change of the windows stops freezing (audit's rules-weakened), and
// zone names that read like another zone.
import { describe, expect, test } from 'vitest';
import { parseConfig, type FreezeWindow } from '../../actions/src/core/config.js';
import { freezeLost, inFreeze, localTime, wallClockReadCount, zoneWarning } from '../../actions/src/core/freeze-window.js';
import { weakenings } from '../../actions/src/core/audit.js';
import { evaluateGates, gateTrailer, type PromoteRequest } from '../../actions/src/core/promote.js';
import { GATE_RECORD } from '../../actions/src/core/trailers.js';

/** The stretches of `window` frozen from `from` to `to`, probed minute by minute, as `start..end` (UTC, to the minute). */
function frozen(window: FreezeWindow, from: string, to: string): string[] {
  const runs: string[] = [];
  let start: number | undefined;
  for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
    const f = inFreeze(window, new Date(t));
    if (f && start === undefined) start = t;
    if (!f && start !== undefined) {
      runs.push(`${new Date(start).toISOString().slice(0, 16)}Z..${new Date(t).toISOString().slice(0, 16)}Z`);
      start = undefined;
    }
  }
  return runs;
}

describe('a dated window is one stretch of instants, across the clocks\' changes', () => {
  test.each<[string, FreezeWindow, string, string, string[]]>([
    ['wholly within the hour Berlin skips (02:00 to 03:00 on 29 March 2026): nothing', { from: '2026-03-29 02:00', to: '2026-03-29 03:00', timezone: 'Europe/Berlin' }, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', []],
    ['from the skipped hour on: from the instant the clocks jump at (03:00 CEST)', { from: '2026-03-29 02:30', to: '2026-03-29 04:00', timezone: 'Europe/Berlin' }, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', ['2026-03-29T01:00Z..2026-03-29T02:00Z']],
    ['ending in the hour Berlin shows twice (02:30 on 25 October 2026): frozen through the second 02:30, never open between', { from: '2026-10-24 18:00', to: '2026-10-25 02:30', timezone: 'Europe/Berlin' }, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', ['2026-10-24T16:00Z..2026-10-25T01:30Z']],
    ['within the hour New York shows twice: from the first 01:30 to the second 01:45', { from: '2026-11-01 01:30', to: '2026-11-01 01:45', timezone: 'America/New_York' }, '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z', ['2026-11-01T05:30Z..2026-11-01T06:45Z']],
    ['a whole day the clocks go back on: 25 hours', { from: '2026-10-25', to: '2026-10-25', timezone: 'Europe/Berlin' }, '2026-10-24T00:00:00Z', '2026-10-26T12:00:00Z', ['2026-10-24T22:00Z..2026-10-25T23:00Z']],
  ])('%s', (_name, window, from, to, runs) => {
    expect(frozen(window, from, to)).toEqual(runs);
  });
});

describe('a weekly window never opens in its middle, across the clocks\' changes', () => {
  test.each<[string, FreezeWindow, string, string, string[]]>([
    ['Sat 18:00 to Sun 02:30 Berlin, the weekend the clocks go back: one stretch, through the second 02:30', { from: 'Sat 18:00', to: 'Sun 02:30', timezone: 'Europe/Berlin' }, '2026-10-17T00:00:00Z', '2026-11-02T00:00:00Z', [
      '2026-10-17T16:00Z..2026-10-18T00:30Z', '2026-10-24T16:00Z..2026-10-25T01:30Z', '2026-10-31T17:00Z..2026-11-01T01:30Z',
    ]],
    ['Sun 02:15 to Sun 02:45 Berlin: both times the clock shows them, the weekend it goes back', { from: 'Sun 02:15', to: 'Sun 02:45', timezone: 'Europe/Berlin' }, '2026-10-17T00:00:00Z', '2026-11-02T00:00:00Z', [
      '2026-10-18T00:15Z..2026-10-18T00:45Z', '2026-10-25T00:15Z..2026-10-25T01:45Z', '2026-11-01T01:15Z..2026-11-01T01:45Z',
    ]],
    ['Sun 01:30 to Sun 03:30 Berlin, the weekend the clocks go forward: an hour shorter, in one piece', { from: 'Sun 01:30', to: 'Sun 03:30', timezone: 'Europe/Berlin' }, '2026-03-21T00:00:00Z', '2026-04-06T00:00:00Z', [
      '2026-03-22T00:30Z..2026-03-22T02:30Z', '2026-03-29T00:30Z..2026-03-29T01:30Z', '2026-04-04T23:30Z..2026-04-05T01:30Z',
    ]],
  ])('%s', (_name, window, from, to, runs) => {
    expect(frozen(window, from, to)).toEqual(runs);
  });
});

describe('the local time names its offset where the clock shows it twice', () => {
  test.each([
    ['2026-10-25T00:29:00Z', 'Europe/Berlin', 'Sun 2026-10-25 02:29+02:00'],
    ['2026-10-25T01:29:00Z', 'Europe/Berlin', 'Sun 2026-10-25 02:29+01:00'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', 'Sun 2026-10-25 02:30+01:00'],
    ['2026-10-25T02:00:00Z', 'Europe/Berlin', 'Sun 2026-10-25 03:00'],
    ['2026-11-01T05:59:00Z', 'America/New_York', 'Sun 2026-11-01 01:59-04:00'],
    ['2026-11-01T06:59:00Z', 'America/New_York', 'Sun 2026-11-01 01:59-05:00'],
    ['2026-11-27T15:05:00Z', 'Europe/Berlin', 'Fri 2026-11-27 16:05'],
  ])('%s in %s: %s', (at, zone, text) => {
    expect(localTime(new Date(at), zone).text).toBe(text);
  });

  test('the freeze verdict at 00:29Z and at 01:29Z on the night Berlin goes back tells them apart, as a Ferry-Gate record', async () => {
    const config = await parseConfig([
      'registry: 123456789012.dkr.ecr.eu-central-1.amazonaws.com',
      'environments:',
      '  - name: dev',
      '  - name: prod',
      '    promoteFrom: dev',
      '    gates:',
      '      freeze: [{ from: "2026-10-24 18:00", to: "2026-10-25 02:30", timezone: Europe/Berlin }]',
      'apps: []',
      '',
    ].join('\n'));
    const req: PromoteRequest = { from: 'dev', to: 'prod', apps: [], all: false, approvedBy: [], requestedBy: 'alice' };
    const at = (iso: string) => evaluateGates(config, req, [], [], new Date(iso));
    const reason = (iso: string) => at(iso).find((v) => v.gate === 'freeze');
    expect(reason('2026-10-25T00:29:00Z')).toEqual({ gate: 'freeze', verdict: 'fail', reason: 'frozen 2026-10-24 18:00 to 2026-10-25 02:30 Europe/Berlin, now Sun 2026-10-25 02:29+02:00' });
    expect(reason('2026-10-25T00:45:00Z')).toMatchObject({ verdict: 'fail' });
    expect(reason('2026-10-25T01:29:00Z')).toEqual({ gate: 'freeze', verdict: 'fail', reason: 'frozen 2026-10-24 18:00 to 2026-10-25 02:30 Europe/Berlin, now Sun 2026-10-25 02:29+01:00' });
    expect(reason('2026-10-25T01:30:00Z')).toMatchObject({ verdict: 'pass' });
    expect(gateTrailer(at('2026-10-25T01:29:00Z'))).toMatch(GATE_RECORD);
  });
});

describe('what a change of the windows stops freezing', () => {
  const berlin = (from: string, to: string, timezone = 'Europe/Berlin'): FreezeWindow => ({ from, to, timezone });
  const weekend = berlin('Fri 16:00', 'Mon 08:00');
  const winter = berlin('2025-12-20', '2026-01-06', 'UTC');
  const feb = Date.parse('2026-02-03T00:00:00Z');

  test.each<[string, FreezeWindow[], FreezeWindow[], number, string[]]>([
    ['the same windows', [weekend, winter], [winter, weekend], feb, []],
    ['a weekly window widened (Fri 16:00 to Fri 15:00)', [weekend], [berlin('Fri 15:00', 'Mon 08:00')], feb, []],
    ['the zone written in lower case (the same zone)', [weekend], [berlin('Fri 16:00', 'Mon 08:00', 'europe/berlin')], feb, []],
    ['a weekly window split in two that meet', [weekend], [berlin('Fri 16:00', 'Sun 00:00'), berlin('Sat 23:00', 'Mon 08:00')], feb, []],
    ['a dated window removed after it ended', [winter], [], feb, []],
    ['a dated window covered by a longer one', [berlin('2026-12-24', '2026-12-26')], [berlin('2026-12-20', '2027-01-02')], feb, []],
    ['a dated weekend covered by a weekly window', [berlin('2026-12-19', '2026-12-20')], [berlin('Sat 00:00', 'Mon 00:00')], feb, []],
    ['a Berlin weekend covered all year by a wider one in UTC (Berlin is UTC+1 or +2)', [weekend], [berlin('Fri 14:00', 'Mon 07:00', 'UTC')], feb, []],
    ['a weekly window narrowed', [weekend], [berlin('Fri 17:00', 'Mon 08:00')], feb, ['freeze window Fri 16:00 to Mon 08:00 Europe/Berlin: Fri 16:00 to Fri 17:00 no longer frozen']],
    ['a weekly window moved', [weekend], [berlin('Sat 00:00', 'Tue 00:00')], feb, ['freeze window Fri 16:00 to Mon 08:00 Europe/Berlin: Fri 16:00 to Sat 00:00 no longer frozen']],
    ['a weekly window that loses the week\'s end', [berlin('Sun 20:00', 'Mon 06:00')], [berlin('Sun 21:00', 'Sun 22:00')], feb, ['freeze window Sun 20:00 to Mon 06:00 Europe/Berlin: Sun 20:00 to Sun 21:00, Sun 22:00 to Mon 06:00 no longer frozen']],
    ['a weekly window removed', [weekend, winter], [winter], feb, ['freeze window Fri 16:00 to Mon 08:00 Europe/Berlin removed']],
    ['a weekly window for a dated one (a weekly one comes back every week)', [weekend], [berlin('2026-01-01', '2099-12-31')], feb, ['freeze window Fri 16:00 to Mon 08:00 Europe/Berlin removed']],
    ['a Berlin weekend for a UTC one an hour behind it in winter only: lost in summer', [weekend], [berlin('Fri 15:00', 'Mon 07:00', 'UTC')], feb, ['freeze window Fri 16:00 to Mon 08:00 Europe/Berlin: Fri 16:00 to Fri 17:00 no longer frozen in some weeks, the first at 2026-04-03 16:00']],
    ['a dated window removed before it began', [berlin('2026-12-20', '2027-01-06', 'UTC')], [], feb, ['freeze window 2026-12-20 to 2027-01-06 UTC removed']],
    ['a dated window removed while it runs', [winter], [], Date.parse('2026-01-02T00:00:00Z'), ['freeze window 2025-12-20 to 2026-01-06 UTC removed']],
    ['a dated window cut short', [berlin('2026-12-20', '2027-01-06', 'UTC')], [berlin('2026-12-20', '2027-01-02', 'UTC')], feb, ['freeze window 2026-12-20 to 2027-01-06 UTC: 2027-01-03 00:00 to 2027-01-07 00:00 no longer frozen']],
    ['a dated window cut short while it runs, its past part aside', [winter], [berlin('2025-12-20', '2026-01-02', 'UTC')], Date.parse('2026-01-02T12:00:00Z'), ['freeze window 2025-12-20 to 2026-01-06 UTC: 2026-01-03 00:00 to 2026-01-07 00:00 no longer frozen']],
    ['a dated window moved to another zone, an hour later', [berlin('2026-12-24 18:00', '2026-12-24 20:00')], [berlin('2026-12-24 18:00', '2026-12-24 20:00', 'Europe/London')], feb, ['freeze window 2026-12-24 18:00 to 2026-12-24 20:00 Europe/Berlin: 2026-12-24 18:00 to 2026-12-24 19:00 no longer frozen']],
    ['an end in the hour the clock shows twice moved earlier: its second pass lost', [berlin('2026-10-24 18:00', '2026-10-25 02:30')], [berlin('2026-10-24 18:00', '2026-10-25 02:00')], feb, ['freeze window 2026-10-24 18:00 to 2026-10-25 02:30 Europe/Berlin: 2026-10-25 02:00+01:00 to 2026-10-25 02:30+01:00 no longer frozen']],
  ])('%s', (_name, before, after, at, lost) => {
    expect(freezeLost(before, after, at)).toEqual(lost);
  });

  test('weakenings() tells them as rules-weakened does, judged at the commit\'s date', async () => {
    const config = async (freeze: string) => parseConfig([
      'registry: 123456789012.dkr.ecr.eu-central-1.amazonaws.com',
      'environments:',
      '  - name: dev',
      '  - name: prod',
      '    promoteFrom: dev',
      '    gates:',
      `      freeze: ${freeze}`,
      'apps: []',
      '',
    ].join('\n'));
    const both = await config('[{ from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Berlin }, { from: "2025-12-20", to: "2026-01-06", timezone: UTC }]');
    const weeklyOnly = await config('[{ from: "Fri 15:00", to: "Mon 08:00", timezone: europe/berlin }]');
    expect(weakenings(both, weeklyOnly, '2026-02-03T01:00:00+01:00')).toEqual([]);
    // (On Monday 5 January the weekly window, Berlin's Fri 15:00 to Mon 08:00, still covers it until 07:00 UTC.)
    expect(weakenings(both, weeklyOnly, '2026-01-05T00:00:00Z')).toEqual([{ env: 'prod', what: 'freeze window 2025-12-20 to 2026-01-06 UTC: 2026-01-05 07:00 to 2026-01-07 00:00 no longer frozen' }]);
    expect(weakenings(both, await config('[{ from: "Sat 00:00", to: "Mon 08:00", timezone: Europe/Berlin }]'), '2026-02-03T00:00:00Z')).toEqual([
      { env: 'prod', what: 'freeze window Fri 16:00 to Mon 08:00 Europe/Berlin: Fri 16:00 to Sat 00:00 no longer frozen' },
    ]);
  });
});

describe('what a change of the windows stops freezing costs work in proportion to the windows, not their square', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/Santiago', 'Pacific/Chatham', 'Africa/Cairo', 'Asia/Tokyo', 'America/Los_Angeles'];
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  /** n weekly windows of half an hour over ten zones, each narrowed by a minute: the wall clocks read to tell what each lost, judged at `at`. */
  const reads = (n: number, at: string): { reads: number; lost: number } => {
    const windows = Array.from({ length: n }, (_, i) => ({ from: `${days[i % 7]} ${String(i % 24).padStart(2, '0')}:00`, to: `${days[i % 7]} ${String(i % 24).padStart(2, '0')}:30`, timezone: zones[i % 10]! }));
    const start = wallClockReadCount();
    const lost = freezeLost(windows, windows.map((w) => ({ ...w, to: w.to.replace(':30', ':29') })), Date.parse(at)).length;
    return { reads: wallClockReadCount() - start, lost };
  };

  test('200 weekly windows over 10 zones: the weekly windows of every zone are made instants once per change, not once per window (it took 210 s)', () => {
    // (Different years: no instant known from the other call.)
    const hundred = reads(100, '2030-11-25T12:00:00Z');
    const twoHundred = reads(200, '2040-11-25T12:00:00Z');
    expect([hundred.lost, twoHundred.lost]).toEqual([100, 200]);
    // A year and two weeks of each window, its two ends: some 110 instants a window, a few wall clocks read for each.
    expect(twoHundred.reads).toBeLessThan(200 * 110 * 8);
    expect(twoHundred.reads).toBeLessThan(2.5 * hundred.reads);
  });
});

describe('a year past 9999 is told whole', () => {
  test.each([
    ['+010000-01-01T00:00:00Z', 'UTC', 'Sat 10000-01-01 00:00'],
    ['+275758-09-05T02:07:00Z', 'UTC', 'Tue 275758-09-05 02:07'],
    ['+010000-01-01T00:00:00Z', 'Europe/Berlin', 'Sat 10000-01-01 01:00'],
  ])('%s in %s: %s', (iso, zone, text) => {
    expect(localTime(new Date(iso), zone).text).toBe(text);
  });
});

describe('zones that read like another', () => {
  test.each([
    ['EST', 'EST is UTC-5 all year, without daylight saving time: write America/New_York for US Eastern time, unless the fixed offset is meant'],
    ['est', 'est is UTC-5 all year, without daylight saving time: write America/New_York for US Eastern time, unless the fixed offset is meant'],
    ['Mst', 'Mst is UTC-7 all year, without daylight saving time: write America/Denver for US Mountain time (America/Phoenix keeps MST all year), unless the fixed offset is meant'],
    ['Etc/GMT+1', "Etc/GMT+1 is UTC-1, not UTC+1: IANA's Etc/GMT zones have the sign the other way round (POSIX's); write Etc/GMT-1 for UTC+1, or a region's zone like Europe/Berlin, unless UTC-1 is meant"],
    ['etc/gmt-14', "etc/gmt-14 is UTC+14, not UTC-14: IANA's Etc/GMT zones have the sign the other way round (POSIX's); write Etc/GMT+14 for UTC-14, or a region's zone like Europe/Berlin, unless UTC+14 is meant"],
  ])('%s: warned', (zone, message) => {
    expect(zoneWarning(zone)).toBe(message);
  });

  test.each(['America/New_York', 'Europe/Berlin', 'UTC', 'Etc/GMT', 'Etc/GMT+0', 'EST5EDT'])('%s: none', (zone) => {
    expect(zoneWarning(zone)).toBeUndefined();
  });
});
