import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

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
function soakSince(start, pins, landedWith, where, startIsInit = false) {
  const { env, app, digest } = where;
  const pin = pins.find((p) => p.env === env && p.app === app && p.image.endsWith(`@${digest}`) && landedWith(p.commit) === start);
  if (pin) return { commit: pin.commit, date: pin.date };
  if (startIsInit) return { unknown: `${shortDigest(digest)} is the template's pin, put there by ferry init (${start.slice(0, 12)}), not by a bump or promotion, so its time there is unknown` };
  return { unknown: `${start.slice(0, 12)} put ${shortDigest(digest)} there without a Ferry pin of it (a change by hand), so its time there is unknown` };
}

export {
  parseDuration,
  runLength,
  soakSince
};
