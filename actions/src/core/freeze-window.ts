// Freeze windows (ferry.yaml's `gates.freeze`): whether a time falls in one, judged on the wall
// clock of the window's time zone. Promote judges them when it plans (core/promote.ts), audit when
// a promotion landed (core/audit.ts): a small module of its own, which audit loads for every
// promotion of the history without the promotion code.
import type { FreezeWindow } from './config.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A wall clock's formatter per zone, made once: audit judges the freeze windows at every promotion of the history, and making one costs more than using it. */
const clocks = new Map<string, Intl.DateTimeFormat>();
function clockOf(zone: string): Intl.DateTimeFormat {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    clocks.set(zone, clock);
  }
  return clock;
}

/** `now` as seen on a wall clock in `zone`: `2026-11-27 17:03` and `Fri 17:03`, and minutes into the week (Monday 00:00 = 0). */
export function localTime(now: Date, zone: string): { text: string; date: string; weekMinute: number } {
  const parts = Object.fromEntries(clockOf(zone).formatToParts(now).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  const day = (DAYS.indexOf(parts.weekday!) + 6) % 7;
  return { text: `${parts.weekday} ${date}`, date, weekMinute: day * 1440 + Number(parts.hour) * 60 + Number(parts.minute) };
}

function weekMinute(text: string): number {
  const [day, time] = text.split(' ') as [string, string];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return ((DAYS.indexOf(day) + 6) % 7) * 1440 + h * 60 + m;
}

/**
 * Whether `now` falls in the window: [from, to), a weekly one wrapping over the week's end. A date
 * without a time is the start of that day as `from`, and its end as `to`: 2026-12-24 to
 * 2026-12-26 freezes the 26th too.
 */
export function inFreeze(window: FreezeWindow, now: Date): boolean {
  const local = localTime(now, window.timezone);
  if (/^[A-Z]/.test(window.from)) {
    const from = weekMinute(window.from);
    const to = weekMinute(window.to);
    return from <= to ? local.weekMinute >= from && local.weekMinute < to : local.weekMinute >= from || local.weekMinute < to;
  }
  // (Compared as text, `YYYY-MM-DD HH:MM`: `24:00` sorts after every minute of the day.)
  const from = window.from.length === 10 ? `${window.from} 00:00` : window.from;
  const to = window.to.length === 10 ? `${window.to} 24:00` : window.to;
  return local.date >= from && local.date < to;
}
