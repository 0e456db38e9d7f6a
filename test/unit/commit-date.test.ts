// The committer date as the git adapter reads it (%ct and the stored offset, not %cI): every date
// a Date can hold reads as one, never NaN; one it cannot hold is kept as no date.
import { describe, expect, test } from 'vitest';
import { commitDate } from '../../actions/src/adapters/git-log.js';

describe('commitDate: ISO 8601 from the seconds git stored and the offset', () => {
  test.each([
    ['an ordinary date, as %cI prints it', '1700000000 Tue, 14 Nov 2023 23:13:20 +0100', '2023-11-14T23:13:20+01:00'],
    ['UTC', '1700000000 Tue, 14 Nov 2023 22:13:20 +0000', '2023-11-14T22:13:20+00:00'],
    ['a negative offset', '1700000000 Tue, 14 Nov 2023 17:13:20 -0500', '2023-11-14T17:13:20-05:00'],
    ['the largest offset a Date reads', '1700000000 Wed, 15 Nov 2023 22:12:20 +2359', '2023-11-15T22:12:20+23:59'],
    ['the year 10000 (git accepts it; %cI printed 10000-01-01T00:00:00+00:00, which Date cannot read)', '253402300800 Sat, 1 Jan 10000 00:00:00 +0000', '+010000-01-01T00:00:00+00:00'],
    ['an offset of 25 hours (%cI: +25:00): the instant in UTC', '1700000000 Wed, 15 Nov 2023 23:13:20 +2500', '2023-11-14T22:13:20Z'],
    ['-9999 as git widens it, -10039 (%cI: -100:39)', '1700000000 Fri, 10 Nov 2023 17:34:20 -10039', '2023-11-14T22:13:20Z'],
    ['minutes past 59 (%cI: +00:99)', '1700000000 Tue, 14 Nov 2023 23:52:20 +0099', '2023-11-14T22:13:20Z'],
    ['past what a Date holds (year 318857): no date, as git stored it', '9999999999999 Sun, 20 May 318857 17:46:39 +0000', '@9999999999999'],
    ['within two years of what a Date holds (a freeze window read a day or a year on would throw): no date', '8639999999999 Fri, 12 Sep 275760 23:59:59 +0000', '@8639999999999'],
    ['the last second read as a date, two years (of 366 days) before it', '8639936755200 Tue, 12 Sep 275758 00:00:00 +0000', '+275758-09-12T00:00:00+00:00'],
    ['past what git itself reads', '99999999999999999999999 Thu, 1 Jan 1970 00:00:00 +0000', '@99999999999999999999999'],
    ['a date git cannot read at all', ' ', ''],
  ])('%s', (_name, field, expected) => {
    const date = commitDate(field);
    expect(date).toBe(expected);
    // Every date a Date can hold reads as one, at the instant git stored.
    if (date && !date.startsWith('@')) expect(Date.parse(date) / 1000).toBe(Number(field.split(' ')[0]));
    else expect(Number.isNaN(Date.parse(date))).toBe(true);
  });
});

describe('commitDate: the text of an ordinary date, read without a Date, is the instant git stored', () => {
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  /** `%ct %cD` as git prints them: the seconds, and the time on the committer's clock with its offset. */
  const field = (seconds: number, offsetMinutes: number) => {
    const local = new Date((seconds + offsetMinutes * 60) * 1000);
    const off = Math.abs(offsetMinutes);
    return `${seconds} ${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(off / 60))}${pad(off % 60)}`;
  };

  test('2,000 dates from 1970 to 9999 with offsets of either sign (a fixed sequence): the instant and the offset kept', () => {
    let x = 7;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const seconds = Math.floor(next() * 253402300799);
      const offset = Math.round((next() * 2 - 1) * (23 * 60 + 59));
      const date = commitDate(field(seconds, offset));
      expect(Date.parse(date) / 1000, `${field(seconds, offset)} -> ${date}`).toBe(seconds);
      expect(date.slice(-6)).toBe(`${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`);
    }
  });
});
