// Freeze windows (ferry.yaml's `gates.freeze`): whether a time falls in one, judged on the wall
// clock of the window's time zone. Promote judges them when it plans (core/promote.ts), audit when
// a promotion landed (core/audit.ts): a small module of its own, which audit loads for every
// promotion of the history without the promotion code. Audit also asks what a change of the
// windows stopped freezing (freezeLost), and validate whether a dated window freezes anything.
//
// A window is one stretch of instants (a weekly one, one each week), read off the wall clock of
// its zone: a time the clocks skip (a spring-forward gap) is the instant they jump at, the first
// after the gap; a time the clocks show twice (the hour repeated when they go back) is the first of
// the two as a start and the second as an end. So a window never opens in its middle, and it holds
// every instant its wall clock shows a time in it.
import type { FreezeWindow } from './config.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const WEEK = 7 * DAY;
const WEEK_MINUTES = 7 * 1440;

/** A wall clock's formatter per zone, made once: audit judges the freeze windows at every promotion of the history, and making one costs more than using it. */
const clocks = new Map<string, Intl.DateTimeFormat>();
function clockOf(zone: string): Intl.DateTimeFormat {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', era: 'short' });
    clocks.set(zone, clock);
  }
  return clock;
}

/** Milliseconds since the epoch of a wall-clock time read as if in UTC (years 0 to 99 too, which Date.UTC takes for 19xx). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** Wall clocks read (formatToParts calls) since the module was loaded: what the work of a judgement costs, which tests bound. */
let wallClockReads = 0;
export function wallClockReadCount(): number {
  return wallClockReads;
}

/** The wall clock of `zone` at instant `t`, as milliseconds read as if in UTC (to the second). */
function wallAt(t: number, zone: string): number {
  wallClockReads++;
  const parts = Object.fromEntries(clockOf(zone).formatToParts(t).map((p) => [p.type, p.value]));
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year); // (year 0 is 1 BC)
  return utc(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The zone's offset from UTC at instant `t`, in milliseconds (the wall clock minus the instant). */
function offsetAt(zone: string, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  return wallAt(second, zone) - second;
}

/** Wall-clock times made instants, per zone and side: a window's ends are asked for again at every promotion judged. */
const instants = new Map<string, number>();

/** Bounds the cache of instants, between judgements only (each exported function begins with it): cleared within one, a call that needs more would make them all again. */
function trimInstants(): void {
  if (instants.size >= 20_000) instants.clear();
}

/**
 * The instant the wall clock of `zone` shows `wall` (milliseconds read as if in UTC): the first of
 * two as a window's start, the second as its end (the hour repeated when clocks go back), and for
 * a time the clocks skip, the instant they jump at. (Offsets are read a day either side: two
 * changes of a zone's offset within two days are taken for one.)
 */
function instantOf(zone: string, wall: number, side: 'start' | 'end'): number {
  const key = `${zone} ${wall} ${side}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const fits = (before === after ? [before] : [before, after]).map((o) => wall - o).filter((t) => wall - t === offsetAt(zone, t)).sort((a, b) => a - b);
  let t: number;
  if (fits.length) t = side === 'start' ? fits[0]! : fits[fits.length - 1]!;
  else if (before < after) {
    // In a gap: the instant of the jump lies in (wall - after, wall - before]; to the second.
    let [lo, hi] = [wall - after, wall - before];
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    t = hi;
  } else t = wall - before;
  instants.set(key, t);
  return t;
}

/** `+02:00`: an offset in milliseconds as ISO 8601 writes it (to the minute). */
function formatOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  return `${ms < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `2026-11-27 17:03` of a wall clock's milliseconds (a year past 9999 whole: `275760-09-12 00:00`, not toISOString's `+275760`). */
function formatWall(wall: number): string {
  const d = new Date(wall);
  const year = d.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year < 0 ? '-' : ''}${String(Math.abs(year)).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Minutes into the week of a wall clock's milliseconds, Monday 00:00 = 0. */
function weekMinuteOf(wall: number): number {
  const d = new Date(wall);
  return ((d.getUTCDay() + 6) % 7) * 1440 + d.getUTCHours() * 60 + d.getUTCMinutes();
}

/**
 * `now` as seen on a wall clock in `zone`: `2026-11-27 17:03` and `Fri 2026-11-27 17:03`, and
 * minutes into the week (Monday 00:00 = 0). In the hour the clock shows twice (clocks gone back),
 * `text` names the offset too, `Sun 2026-10-25 02:29+02:00`: without it, it names two instants.
 */
export function localTime(now: Date, zone: string): { text: string; date: string; weekMinute: number } {
  trimInstants();
  return localTimeOf(now, zone);
}

function localTimeOf(now: Date, zone: string): { text: string; date: string; weekMinute: number } {
  const t = now.getTime();
  const wall = Math.floor(wallAt(t, zone) / MINUTE) * MINUTE;
  const date = formatWall(wall);
  const twice = instantOf(zone, wall, 'start') !== instantOf(zone, wall, 'end');
  return { text: `${DAYS[new Date(wall).getUTCDay()]} ${date}${twice ? formatOffset(offsetAt(zone, t)) : ''}`, date, weekMinute: weekMinuteOf(wall) };
}

function weekMinute(text: string): number {
  const [day, time] = text.split(' ') as [string, string];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return ((DAYS.indexOf(day) + 6) % 7) * 1440 + h * 60 + m;
}

function isWeekly(window: FreezeWindow): boolean {
  return /^[A-Z]/.test(window.from);
}

/** A window's length on the wall clock, in minutes: over the week's end when `to` comes first (0: the same time twice, which validate refuses). */
function weeklyLength(window: FreezeWindow): number {
  return (weekMinute(window.to) - weekMinute(window.from) + WEEK_MINUTES) % WEEK_MINUTES;
}

/** The wall clock's milliseconds of `2026-12-20` or `2026-12-20 18:00`; a date alone as `to` is the end of that day. */
function wallOfDate(text: string, key: 'from' | 'to'): number {
  const [y, mo, d, h, mi] = text.split(/[- :]/).map(Number) as [number, number, number, number?, number?];
  return utc(y, mo, d, h ?? 0, mi ?? 0) + (h === undefined && key === 'to' ? DAY : 0);
}

/** A dated window's instants, [start, end): empty when end <= start (within a gap the clocks skip, say). */
export function datedFreezeRange(window: FreezeWindow): [number, number] {
  trimInstants();
  return datedRange(window);
}

function datedRange(window: FreezeWindow): [number, number] {
  return [instantOf(window.timezone, wallOfDate(window.from, 'from'), 'start'), instantOf(window.timezone, wallOfDate(window.to, 'to'), 'end')];
}

/** A weekly window's stretch that starts on the wall clock at `wall`, as instants [start, end). */
function occurrence(window: FreezeWindow, wall: number): [number, number] {
  return [instantOf(window.timezone, wall, 'start'), instantOf(window.timezone, wall + weeklyLength(window) * MINUTE, 'end')];
}

/** The wall clock's milliseconds of the weekly window's latest start at or before `wall`. */
function latestStart(window: FreezeWindow, wall: number): number {
  const start = Math.floor(wall / MINUTE) * MINUTE - weekMinuteOf(wall) * MINUTE + weekMinute(window.from) * MINUTE;
  return start > wall ? start - WEEK : start;
}

/**
 * Whether `now` falls in the window: [from, to), a weekly one wrapping over the week's end. A date
 * without a time is the start of that day as `from`, and its end as `to`: 2026-12-24 to
 * 2026-12-26 freezes the 26th too.
 */
export function inFreeze(window: FreezeWindow, now: Date): boolean {
  trimInstants();
  const t = now.getTime();
  if (!isWeekly(window)) {
    const [start, end] = datedRange(window);
    return start <= t && t < end;
  }
  if (weeklyLength(window) === 0) return false;
  // The stretch begun on the wall clock last (a day ahead: where the clocks went back, it may have
  // begun at a time the clock shows again later), or the one before it, holds now if any does.
  const last = latestStart(window, wallAt(t, window.timezone) + DAY);
  return [last, last - WEEK].some((wall) => {
    const [start, end] = occurrence(window, wall);
    return start <= t && t < end;
  });
}

/**
 * Where a dated window of a time zone freezes nothing though its wall-clock times do follow each
 * other: it lies in a gap the clocks skip. The gap, `2026-03-29 02:00` to `03:00` (with the date
 * where it ends on another day), or undefined.
 */
export function skippedBy(window: FreezeWindow): { from: string; to: string } | undefined {
  trimInstants();
  const [start, end] = datedRange(window);
  if (start < end) return undefined;
  const zone = window.timezone;
  const [from, to] = [formatWall(start + offsetAt(zone, start - 1000)), formatWall(start + offsetAt(zone, start))];
  return { from, to: to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to };
}

// ---------------------------------------------------------------------------------------------
// What a change of the windows stops freezing (audit's rules-weakened)

/** Stretches [a, b) of instants or of minutes of the week. */
type Span = [number, number];

/** The stretches sorted and joined where they meet or overlap. */
function union(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of [...spans].filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** What of `spans` none of `cover` holds (`joined`: cover is union()'s already, which a cover used again is made once). */
function minus(spans: readonly Span[], cover: readonly Span[], joined = false): Span[] {
  const holes = joined ? cover : union(cover);
  const out: Span[] = [];
  for (const [a0, b] of union(spans)) {
    let a = a0;
    // (The holes are sorted and apart, their ends too: the first that ends after a, found by halving.)
    let [lo, hi] = [0, holes.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holes[mid]![1] <= a) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < holes.length; i++) {
      const [c, d] = holes[i]!;
      if (c >= b) break;
      if (c > a) out.push([a, c]);
      a = Math.max(a, d);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

/** A weekly window's minutes of the week, split at the week's end. */
function weekSpans(window: FreezeWindow): Span[] {
  const from = weekMinute(window.from);
  const to = from + weeklyLength(window);
  return to <= WEEK_MINUTES ? [[from, to]] : [[from, WEEK_MINUTES], [0, to - WEEK_MINUTES]];
}

/** The zone as Intl names it (`europe/berlin` is `Europe/Berlin`, `Etc/UTC` is `UTC`); a name it does not know, as written. */
function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** `Fri 16:00` of a minute of the week (10080, the week's end, is `Mon 00:00`). */
function formatWeekMinute(m: number): string {
  const day = Math.floor(m / 1440) % 7;
  return `${DAYS[(day + 1) % 7]} ${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes of the week as `Sun 20:00 to Sun 21:00, Sun 22:00 to Mon 06:00`, in order from `origin` (a stretch over the week's end told as one). */
function describeWeek(spans: readonly Span[], origin: number): string {
  const joined = union(spans);
  const first = joined[0];
  const last = joined[joined.length - 1];
  if (joined.length > 1 && first && last && first[0] === 0 && last[1] === WEEK_MINUTES) {
    joined.pop();
    joined[0] = [last[0], first[1] + WEEK_MINUTES];
  }
  const after = (m: number) => (m - origin + WEEK_MINUTES) % WEEK_MINUTES;
  return joined.sort((x, y) => after(x[0]) - after(y[0])).map(([a, b]) => `${formatWeekMinute(a)} to ${formatWeekMinute(b % WEEK_MINUTES)}`).join(', ');
}

/** `2027-01-03 00:00` of an instant on the zone's wall clock, with the offset where the clock shows that time twice. */
function localText(t: number, zone: string): string {
  const text = localTimeOf(new Date(t), zone).text;
  return text.slice(text.indexOf(' ') + 1);
}

/** The weekly stretches of `windows` that begin from `from` up to `to` (a week before `from` too: one begun then may still run). */
function occurrences(windows: readonly FreezeWindow[], from: number, to: number): Span[] {
  const out: Span[] = [];
  for (const w of windows) {
    if (weeklyLength(w) === 0) continue;
    for (let wall = latestStart(w, wallAt(from, w.timezone) - DAY); ; wall += WEEK) {
      const span = occurrence(w, wall);
      if (span[0] >= to) break;
      out.push(span);
    }
  }
  return out;
}

/** How far ahead the weekly windows of several zones are compared as instants: a year of their clocks' changes, and a week. */
const YEAR_AND_WEEK = 366 * DAY + WEEK;
/** How far into a dated window weekly windows are counted as covering it (longer: only a week they freeze whole covers it). */
const WEEKLY_COVER = 2 * 366 * DAY;

/**
 * What `after`'s windows no longer freeze of what `before`'s froze, from `at` (ms; NaN: unknown,
 * every dated window counts) on: one sentence per window of `before` that lost some instant. A
 * window is compared by the instants it freezes, not as text: widened, its zone written another
 * way, or, dated, over before `at`, it lost nothing. A weekly window is compared minute by minute
 * of the week with the weekly windows of its own zone, and, where those leave some of it, as
 * instants with the weekly windows of every zone for a year and a week from `at` (the clocks of
 * several zones change on other days). Dated windows never cover a weekly one (it comes back every
 * week); a dated one is covered by windows of either kind.
 */
export function freezeLost(before: readonly FreezeWindow[], after: readonly FreezeWindow[], at: number): string[] {
  trimInstants();
  const out: string[] = [];
  const weekly = after.filter(isWeekly).map((w) => ({ w, zone: canonicalZone(w.timezone) }));
  const dated = after.filter((w) => !isWeekly(w));
  const name = (w: FreezeWindow) => `freeze window ${w.from} to ${w.to} ${w.timezone}`;
  const kept = new Set(after.map((w) => `${w.from}|${w.to}|${w.timezone}`));
  // The weekly windows of every zone as instants, for a year and two weeks from `at`: made once, when a window needs them.
  let weeklyCover: Span[] | undefined;
  for (const was of before) {
    if (kept.has(`${was.from}|${was.to}|${was.timezone}`)) continue; // (the same window: nothing lost)
    const zone = canonicalZone(was.timezone);
    if (isWeekly(was)) {
      const own = weekSpans(was);
      const lost = minus(own, weekly.filter((n) => n.zone === zone).flatMap((n) => weekSpans(n.w)));
      if (!lost.length) continue;
      const others = weekly.some((n) => n.zone !== zone);
      if (!others || Number.isNaN(at)) {
        out.push(minus(own, lost).length ? `${name(was)}: ${describeWeek(lost, weekMinute(was.from))} no longer frozen` : `${name(was)} removed`);
        continue;
      }
      // Windows of other zones may cover the rest: compare instants, week by week.
      const cover = (weeklyCover ??= union(occurrences(weekly.map((n) => n.w), at - WEEK, at + YEAR_AND_WEEK + WEEK)));
      const mine = occurrences([was], at, at + YEAR_AND_WEEK).filter(([a]) => a >= at);
      const gone = mine.map((s) => minus([s], cover, true));
      const hit = gone.filter((g) => g.length);
      if (!hit.length) continue;
      const minutes = hit.flat().map(([a, b]): Span => {
        const [wa, wb] = [wallAt(a, was.timezone), wallAt(b, was.timezone)];
        const start = weekMinuteOf(wa);
        return [start, start + Math.max(1, Math.round((wb > wa ? wb - wa : b - a) / MINUTE))];
      }).flatMap(([a, b]): Span[] => (b <= WEEK_MINUTES ? [[a, b]] : [[a, WEEK_MINUTES], [0, b - WEEK_MINUTES]]));
      const whole = gone.every((g, i) => g.length === 1 && g[0]![0] === mine[i]![0] && g[0]![1] === mine[i]![1]);
      const some = hit.length < mine.length ? ` in some weeks, the first at ${localText(hit[0]![0]![0], was.timezone)}` : '';
      out.push(whole ? `${name(was)} removed` : `${name(was)}: ${describeWeek(minutes, weekMinute(was.from))} no longer frozen${some}`);
      continue;
    }
    const [start, end] = datedRange(was);
    const from = Number.isNaN(at) ? start : Math.max(start, at);
    if (end <= from) continue; // over before the change (or never frozen anything)
    // (Weekly windows that freeze every minute of the week, in some zone, cover it all, however long.)
    const allWeek = weekly.some((n) => union(weekly.filter((m) => m.zone === n.zone).flatMap((m) => weekSpans(m.w))).some(([a, b]) => a === 0 && b === WEEK_MINUTES));
    const cover: Span[] = [...dated.map(datedRange), ...(allWeek ? [[from, end] as Span] : occurrences(weekly.map((n) => n.w), from, Math.min(end, from + WEEKLY_COVER)))];
    const lost = minus([[from, end]], cover);
    if (!lost.length) continue;
    if (lost.length === 1 && lost[0]![0] === from && lost[0]![1] === end) {
      out.push(`${name(was)} removed`);
      continue;
    }
    const told = lost.slice(0, 3).map(([a, b]) => `${localText(a, was.timezone)} to ${localText(b, was.timezone)}`).join(', ');
    out.push(`${name(was)}: ${told}${lost.length > 3 ? ` and ${lost.length - 3} more` : ''} no longer frozen`);
  }
  return [...new Set(out)];
}

/**
 * The dated windows of `before` that `after` no longer has and that were over at `at` (ms), which
 * freezeLost() does not tell (a clean-up is no weakening): audit still judges a later landing
 * against them, since `at` is the date the commit bears, which its pusher set (a removal dated
 * next year, pushed while the window runs, is no clean-up). NaN: none (every dated window counts).
 */
export function overWindows(before: readonly FreezeWindow[], after: readonly FreezeWindow[], at: number): FreezeWindow[] {
  if (Number.isNaN(at)) return [];
  trimInstants();
  const kept = new Set(after.map((w) => `${w.from}|${w.to}|${w.timezone}`));
  return before.filter((w) => {
    if (isWeekly(w) || kept.has(`${w.from}|${w.to}|${w.timezone}`)) return false;
    const [start, end] = datedRange(w);
    return start < end && end <= at;
  });
}

// ---------------------------------------------------------------------------------------------
// Time zones that read like another

/**
 * Why a freeze window's zone is likely not the one meant, or undefined. IANA keeps `EST` and `MST`
 * (in any case: Intl reads `est` as `EST`) as zones of a fixed offset, which read like a region's
 * time: `EST` is UTC-5 all year (Panama's time), where US Eastern time changes in summer; `MST` is
 * Arizona's, not Denver's. And `Etc/GMT+N` is UTC-N: POSIX's sign, the other way round from ISO
 * 8601's (Etc/GMT+1 is an hour behind UTC, not Berlin's winter time).
 */
export function zoneWarning(zone: string): string | undefined {
  const upper = zone.toUpperCase();
  if (upper === 'EST') return `${zone} is UTC-5 all year, without daylight saving time: write America/New_York for US Eastern time, unless the fixed offset is meant`;
  if (upper === 'MST') return `${zone} is UTC-7 all year, without daylight saving time: write America/Denver for US Mountain time (America/Phoenix keeps MST all year), unless the fixed offset is meant`;
  const etc = /^etc\/gmt([+-])(\d{1,2})$/i.exec(zone);
  if (etc && Number(etc[2]) !== 0) {
    const [sign, n] = [etc[1] === '+' ? '-' : '+', Number(etc[2])];
    return `${zone} is UTC${sign}${n}, not UTC${etc[1]}${n}: IANA's Etc/GMT zones have the sign the other way round (POSIX's); write Etc/GMT${sign}${n} for UTC${etc[1]}${n}, or a region's zone like Europe/Berlin, unless UTC${sign}${n} is meant`;
  }
  return undefined;
}
