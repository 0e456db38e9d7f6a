import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/manifest-path.ts
var dnsLabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var placeholderRe = /\{([^{}]*)\}/g;
var DNS_LABEL = "a DNS label (lowercase letters, digits and '-', at most 63)";
function manifestPath(app, env) {
  if (!dnsLabelRe.test(env) || env.length > 63) {
    throw new ConfigurationError({ field: "env", message: `expected an environment name, ${DNS_LABEL}, found ${quote(env)}` });
  }
  return substitute(app.manifest, env, app.name);
}
function substitute(template, env, app) {
  if (!env.includes("{") && !app.includes("{")) return template.replaceAll("{env}", env).replaceAll("{app}", app);
  return template.replace(placeholderRe, (whole, name) => name === "env" ? env : name === "app" ? app : whole);
}

// actions/src/core/freeze-window.ts
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MINUTE = 6e4;
var DAY = 1440 * MINUTE;
var WEEK = 7 * DAY;
var WEEK_MINUTES = 7 * 1440;
var clocks = /* @__PURE__ */ new Map();
function clockOf(zone) {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short", era: "short" });
    clocks.set(zone, clock);
  }
  return clock;
}
function utc(year, month, day, hour = 0, minute = 0, second = 0) {
  const d = /* @__PURE__ */ new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}
var wallClockReads = 0;
function wallAt(t, zone) {
  wallClockReads++;
  const parts = Object.fromEntries(clockOf(zone).formatToParts(t).map((p) => [p.type, p.value]));
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  return utc(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}
function offsetAt(zone, t) {
  const second = Math.floor(t / 1e3) * 1e3;
  return wallAt(second, zone) - second;
}
var instants = /* @__PURE__ */ new Map();
function trimInstants() {
  if (instants.size >= 2e4) instants.clear();
}
function instantOf(zone, wall, side) {
  const key = `${zone} ${wall} ${side}`;
  const known = instants.get(key);
  if (known !== void 0) return known;
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const fits = (before === after ? [before] : [before, after]).map((o) => wall - o).filter((t2) => wall - t2 === offsetAt(zone, t2)).sort((a, b) => a - b);
  let t;
  if (fits.length) t = side === "start" ? fits[0] : fits[fits.length - 1];
  else if (before < after) {
    let [lo, hi] = [wall - after, wall - before];
    while (hi - lo > 1e3) {
      const mid = lo + Math.floor((hi - lo) / 2e3) * 1e3;
      if (offsetAt(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    t = hi;
  } else t = wall - before;
  instants.set(key, t);
  return t;
}
function formatOffset(ms) {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  return `${ms < 0 ? "-" : "+"}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
function formatWall(wall) {
  const d = new Date(wall);
  const year = d.getUTCFullYear();
  const two = (n) => String(n).padStart(2, "0");
  return `${year < 0 ? "-" : ""}${String(Math.abs(year)).padStart(4, "0")}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
function weekMinuteOf(wall) {
  const d = new Date(wall);
  return (d.getUTCDay() + 6) % 7 * 1440 + d.getUTCHours() * 60 + d.getUTCMinutes();
}
function localTime(now, zone) {
  trimInstants();
  return localTimeOf(now, zone);
}
function localTimeOf(now, zone) {
  const t = now.getTime();
  const wall = Math.floor(wallAt(t, zone) / MINUTE) * MINUTE;
  const date = formatWall(wall);
  const twice = instantOf(zone, wall, "start") !== instantOf(zone, wall, "end");
  return { text: `${DAYS[new Date(wall).getUTCDay()]} ${date}${twice ? formatOffset(offsetAt(zone, t)) : ""}`, date, weekMinute: weekMinuteOf(wall) };
}
function weekMinute(text) {
  const [day, time] = text.split(" ");
  const [h, m] = time.split(":").map(Number);
  return (DAYS.indexOf(day) + 6) % 7 * 1440 + h * 60 + m;
}
function isWeekly(window) {
  return /^[A-Z]/.test(window.from);
}
function weeklyLength(window) {
  return (weekMinute(window.to) - weekMinute(window.from) + WEEK_MINUTES) % WEEK_MINUTES;
}
function wallOfDate(text, key) {
  const [y, mo, d, h, mi] = text.split(/[- :]/).map(Number);
  return utc(y, mo, d, h ?? 0, mi ?? 0) + (h === void 0 && key === "to" ? DAY : 0);
}
function datedRange(window) {
  return [instantOf(window.timezone, wallOfDate(window.from, "from"), "start"), instantOf(window.timezone, wallOfDate(window.to, "to"), "end")];
}
function occurrence(window, wall) {
  return [instantOf(window.timezone, wall, "start"), instantOf(window.timezone, wall + weeklyLength(window) * MINUTE, "end")];
}
function latestStart(window, wall) {
  const start = Math.floor(wall / MINUTE) * MINUTE - weekMinuteOf(wall) * MINUTE + weekMinute(window.from) * MINUTE;
  return start > wall ? start - WEEK : start;
}
function inFreeze(window, now) {
  trimInstants();
  const t = now.getTime();
  if (!isWeekly(window)) {
    const [start, end] = datedRange(window);
    return start <= t && t < end;
  }
  if (weeklyLength(window) === 0) return false;
  const last = latestStart(window, wallAt(t, window.timezone) + DAY);
  return [last, last - WEEK].some((wall) => {
    const [start, end] = occurrence(window, wall);
    return start <= t && t < end;
  });
}
function skippedBy(window) {
  trimInstants();
  const [start, end] = datedRange(window);
  if (start < end) return void 0;
  const zone = window.timezone;
  const [from, to] = [formatWall(start + offsetAt(zone, start - 1e3)), formatWall(start + offsetAt(zone, start))];
  return { from, to: to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to };
}
function union(spans) {
  const out = [];
  for (const [a, b] of [...spans].filter(([a2, b2]) => a2 < b2).sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
function minus(spans, cover, joined = false) {
  const holes = joined ? cover : union(cover);
  const out = [];
  for (const [a0, b] of union(spans)) {
    let a = a0;
    let [lo, hi] = [0, holes.length];
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (holes[mid][1] <= a) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < holes.length; i++) {
      const [c, d] = holes[i];
      if (c >= b) break;
      if (c > a) out.push([a, c]);
      a = Math.max(a, d);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}
function weekSpans(window) {
  const from = weekMinute(window.from);
  const to = from + weeklyLength(window);
  return to <= WEEK_MINUTES ? [[from, to]] : [[from, WEEK_MINUTES], [0, to - WEEK_MINUTES]];
}
function canonicalZone(zone) {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}
function formatWeekMinute(m) {
  const day = Math.floor(m / 1440) % 7;
  return `${DAYS[(day + 1) % 7]} ${String(Math.floor(m % 1440 / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
function describeWeek(spans, origin) {
  const joined = union(spans);
  const first = joined[0];
  const last = joined[joined.length - 1];
  if (joined.length > 1 && first && last && first[0] === 0 && last[1] === WEEK_MINUTES) {
    joined.pop();
    joined[0] = [last[0], first[1] + WEEK_MINUTES];
  }
  const after = (m) => (m - origin + WEEK_MINUTES) % WEEK_MINUTES;
  return joined.sort((x, y) => after(x[0]) - after(y[0])).map(([a, b]) => `${formatWeekMinute(a)} to ${formatWeekMinute(b % WEEK_MINUTES)}`).join(", ");
}
function localText(t, zone) {
  const text = localTimeOf(new Date(t), zone).text;
  return text.slice(text.indexOf(" ") + 1);
}
function occurrences(windows, from, to) {
  const out = [];
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
var YEAR_AND_WEEK = 366 * DAY + WEEK;
var WEEKLY_COVER = 2 * 366 * DAY;
function freezeLost(before, after, at) {
  trimInstants();
  const out = [];
  const weekly = after.filter(isWeekly).map((w) => ({ w, zone: canonicalZone(w.timezone) }));
  const dated = after.filter((w) => !isWeekly(w));
  const name = (w) => `freeze window ${w.from} to ${w.to} ${w.timezone}`;
  const kept = new Set(after.map((w) => `${w.from}|${w.to}|${w.timezone}`));
  let weeklyCover;
  for (const was of before) {
    if (kept.has(`${was.from}|${was.to}|${was.timezone}`)) continue;
    const zone = canonicalZone(was.timezone);
    if (isWeekly(was)) {
      const own = weekSpans(was);
      const lost2 = minus(own, weekly.filter((n) => n.zone === zone).flatMap((n) => weekSpans(n.w)));
      if (!lost2.length) continue;
      const others = weekly.some((n) => n.zone !== zone);
      if (!others || Number.isNaN(at)) {
        out.push(minus(own, lost2).length ? `${name(was)}: ${describeWeek(lost2, weekMinute(was.from))} no longer frozen` : `${name(was)} removed`);
        continue;
      }
      const cover2 = weeklyCover ??= union(occurrences(weekly.map((n) => n.w), at - WEEK, at + YEAR_AND_WEEK + WEEK));
      const mine = occurrences([was], at, at + YEAR_AND_WEEK).filter(([a]) => a >= at);
      const gone = mine.map((s) => minus([s], cover2, true));
      const hit = gone.filter((g) => g.length);
      if (!hit.length) continue;
      const minutes = hit.flat().map(([a, b]) => {
        const [wa, wb] = [wallAt(a, was.timezone), wallAt(b, was.timezone)];
        const start2 = weekMinuteOf(wa);
        return [start2, start2 + Math.max(1, Math.round((wb > wa ? wb - wa : b - a) / MINUTE))];
      }).flatMap(([a, b]) => b <= WEEK_MINUTES ? [[a, b]] : [[a, WEEK_MINUTES], [0, b - WEEK_MINUTES]]);
      const whole = gone.every((g, i) => g.length === 1 && g[0][0] === mine[i][0] && g[0][1] === mine[i][1]);
      const some = hit.length < mine.length ? ` in some weeks, the first at ${localText(hit[0][0][0], was.timezone)}` : "";
      out.push(whole ? `${name(was)} removed` : `${name(was)}: ${describeWeek(minutes, weekMinute(was.from))} no longer frozen${some}`);
      continue;
    }
    const [start, end] = datedRange(was);
    const from = Number.isNaN(at) ? start : Math.max(start, at);
    if (end <= from) continue;
    const allWeek = weekly.some((n) => union(weekly.filter((m) => m.zone === n.zone).flatMap((m) => weekSpans(m.w))).some(([a, b]) => a === 0 && b === WEEK_MINUTES));
    const cover = [...dated.map(datedRange), ...allWeek ? [[from, end]] : occurrences(weekly.map((n) => n.w), from, Math.min(end, from + WEEKLY_COVER))];
    const lost = minus([[from, end]], cover);
    if (!lost.length) continue;
    if (lost.length === 1 && lost[0][0] === from && lost[0][1] === end) {
      out.push(`${name(was)} removed`);
      continue;
    }
    const told = lost.slice(0, 3).map(([a, b]) => `${localText(a, was.timezone)} to ${localText(b, was.timezone)}`).join(", ");
    out.push(`${name(was)}: ${told}${lost.length > 3 ? ` and ${lost.length - 3} more` : ""} no longer frozen`);
  }
  return [...new Set(out)];
}
function overWindows(before, after, at) {
  if (Number.isNaN(at)) return [];
  trimInstants();
  const kept = new Set(after.map((w) => `${w.from}|${w.to}|${w.timezone}`));
  return before.filter((w) => {
    if (isWeekly(w) || kept.has(`${w.from}|${w.to}|${w.timezone}`)) return false;
    const [start, end] = datedRange(w);
    return start < end && end <= at;
  });
}
function zoneWarning(zone) {
  const upper = zone.toUpperCase();
  if (upper === "EST") return `${zone} is UTC-5 all year, without daylight saving time: write America/New_York for US Eastern time, unless the fixed offset is meant`;
  if (upper === "MST") return `${zone} is UTC-7 all year, without daylight saving time: write America/Denver for US Mountain time (America/Phoenix keeps MST all year), unless the fixed offset is meant`;
  const etc = /^etc\/gmt([+-])(\d{1,2})$/i.exec(zone);
  if (etc && Number(etc[2]) !== 0) {
    const [sign, n] = [etc[1] === "+" ? "-" : "+", Number(etc[2])];
    return `${zone} is UTC${sign}${n}, not UTC${etc[1]}${n}: IANA's Etc/GMT zones have the sign the other way round (POSIX's); write Etc/GMT${sign}${n} for UTC${etc[1]}${n}, or a region's zone like Europe/Berlin, unless UTC${sign}${n} is meant`;
  }
  return void 0;
}

export {
  dnsLabelRe,
  placeholderRe,
  DNS_LABEL,
  manifestPath,
  substitute,
  localTime,
  inFreeze,
  skippedBy,
  freezeLost,
  overWindows,
  zoneWarning
};
