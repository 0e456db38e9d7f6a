import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  shortDigest
} from "./chunk-Q662SBGV.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-RWAOTREE.mjs";

// actions/src/core/freeze-window.ts
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var clocks = /* @__PURE__ */ new Map();
function clockOf(zone) {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "short" });
    clocks.set(zone, clock);
  }
  return clock;
}
function localTime(now, zone) {
  const parts = Object.fromEntries(clockOf(zone).formatToParts(now).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  const day = (DAYS.indexOf(parts.weekday) + 6) % 7;
  return { text: `${parts.weekday} ${date}`, date, weekMinute: day * 1440 + Number(parts.hour) * 60 + Number(parts.minute) };
}
function weekMinute(text) {
  const [day, time] = text.split(" ");
  const [h, m] = time.split(":").map(Number);
  return (DAYS.indexOf(day) + 6) % 7 * 1440 + h * 60 + m;
}
function inFreeze(window, now) {
  const local = localTime(now, window.timezone);
  if (/^[A-Z]/.test(window.from)) {
    const from2 = weekMinute(window.from);
    const to2 = weekMinute(window.to);
    return from2 <= to2 ? local.weekMinute >= from2 && local.weekMinute < to2 : local.weekMinute >= from2 || local.weekMinute < to2;
  }
  const from = window.from.length === 10 ? `${window.from} 00:00` : window.from;
  const to = window.to.length === 10 ? `${window.to} 24:00` : window.to;
  return local.date >= from && local.date < to;
}

// actions/src/core/soak.ts
function parseDuration(text) {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === "") throw new ConfigurationError({ field: "soak", message: `expected a duration like 30m or 2h, found ${quote(text)}` });
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 6e4 + Number(m[4] ?? 0) * 1e3;
}
function runLength(versions, digest) {
  const other = versions.findIndex((v) => v.digest !== digest);
  return other < 0 ? versions.length : other;
}
function soakSince(start, pins, landedWith, where) {
  const { env, app, digest } = where;
  const pin = pins.find((p) => p.env === env && p.app === app && p.image.endsWith(`@${digest}`) && landedWith(p.commit) === start);
  if (pin) return { commit: pin.commit, date: pin.date };
  return { unknown: `${start.slice(0, 12)} put ${shortDigest(digest)} there without a Ferry pin of it (a change by hand), so its time there is unknown` };
}

export {
  localTime,
  inFreeze,
  parseDuration,
  runLength,
  soakSince
};
