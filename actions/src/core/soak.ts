// Soak: how long the source environment has run a digest without a break. It counts from the Ferry
// pin that began the digest's current run in the source manifest, and that run is read from what
// the file held after each first-parent commit that changed it, not from trailers alone: a digest
// changed by hand and put back has run only since it was put back (and no Ferry pin says when),
// and a digest pinned again under another tag has run since its first pin.
import { ConfigurationError, quote } from './errors.js';
import type { PinEvent } from './history.js';
import { shortDigest } from './image-ref.js';

/** `30m`, `2h`, `1d12h`, `45s` in milliseconds (a soak duration). */
export function parseDuration(text: string): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') throw new ConfigurationError({ field: 'soak', message: `expected a duration like 30m or 2h, found ${quote(text)}` });
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 + Number(m[4] ?? 0) * 1000;
}

/** Since when: the Ferry pin that began the run (its commit, and when it landed), or why that cannot be told. */
export type SourceSince = { commit: string; date: string } | { unknown: string };

/** The source manifest after a first-parent commit that changed it: the digest it pinned (undefined: none, or unreadable). */
export interface SourceVersion {
  commit: string;
  digest: string | undefined;
}

/**
 * How many of `versions` (newest first) make the current run of `digest`: the leading versions
 * that pin it. All of them (the count is versions.length): older versions may hold it too.
 */
export function runLength(versions: readonly SourceVersion[], digest: string): number {
  const other = versions.findIndex((v) => v.digest !== digest);
  return other < 0 ? versions.length : other;
}

/**
 * Since when `env` has run `digest` for `app`. `start` is the first-parent commit that began the
 * run (the oldest version of it); the Ferry pin of the digest that landed with it (itself, or a
 * commit its merge brought in: `landedWith`) is where soak counts from, at the time it landed.
 * `pins` carry the dates soak counts from: when each landed, never before its own date (a merge
 * dated before the pin it brings in: landing.ts, landedSince()). No such pin: the digest was put
 * there another way, and how long it ran cannot be told (the gate fails closed).
 */
export function soakSince(
  start: string,
  pins: readonly PinEvent[],
  landedWith: (commit: string) => string | undefined,
  where: { env: string; app: string; digest: string },
  /** Whether `start` is ferry init's commit (the repository's first, marked so). */
  startIsInit = false,
): SourceSince {
  const { env, app, digest } = where;
  const pin = pins.find((p) => p.env === env && p.app === app && p.image.endsWith(`@${digest}`) && landedWith(p.commit) === start);
  if (pin) return { commit: pin.commit, date: pin.date };
  // (The template's pin: a placeholder no pipeline built, pinned by no bump; not a change by hand.)
  if (startIsInit) return { unknown: `${shortDigest(digest)} is the template's pin, put there by ferry init (${start.slice(0, 12)}), not by a bump or promotion, so its time there is unknown` };
  return { unknown: `${start.slice(0, 12)} put ${shortDigest(digest)} there without a Ferry pin of it (a change by hand), so its time there is unknown` };
}
