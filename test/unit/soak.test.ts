// Soak's start: the run of a digest in the source manifest (what the file held after each
// first-parent commit that changed it, newest first), and the Ferry pin that landed with its start.
import { describe, expect, test } from 'vitest';
import type { PinEvent } from '../../actions/src/core/history.js';
import { runLength, soakSince, type SourceVersion } from '../../actions/src/core/soak.js';

const D = `sha256:${'d'.repeat(64)}`;
const E = `sha256:${'e'.repeat(64)}`;
const v = (commit: string, digest?: string): SourceVersion => ({ commit, digest });

describe('runLength', () => {
  test.each<[string, SourceVersion[], number]>([
    ['pinned once', [v('c3', D), v('c2', E)], 1],
    ['pinned again under another tag (the file changed, the digest did not)', [v('c4', D), v('c3', D), v('c2', E)], 2],
    ['replaced and put back', [v('c5', D), v('c4', E), v('c3', D)], 1],
    ['all the versions read hold it (read more)', [v('c2', D), v('c1', D)], 2],
    ['a version that pins nothing ends the run', [v('c3', D), v('c2'), v('c1', D)], 1],
    ['the newest holds another', [v('c3', E), v('c2', D)], 0],
  ])('%s', (_title, versions, n) => {
    expect(runLength(versions, D)).toBe(n);
  });
});

describe('soakSince', () => {
  const pin = (commit: string, env: string, app: string, image: string, date: string): PinEvent => ({ commit, date, action: 'bump', env, app, image });
  const pins = [
    pin('side', 'dev', 'api', `r/api:2@${D}`, '2026-11-24T12:00:00Z'), // brought in by merge M
    pin('c3', 'dev', 'api', `r/api:1@${D}`, '2026-11-24T09:00:00Z'),
    pin('c2', 'stage', 'api', `r/api:1@${D}`, '2026-11-24T08:00:00Z'),
  ];
  const landedWith = (commit: string) => ({ side: 'M', c3: 'c3', c2: 'c2' } as Record<string, string>)[commit];
  const where = { env: 'dev', app: 'api', digest: D };

  test('the Ferry pin that began the run: its commit and landing date', () => {
    expect(soakSince('c3', pins, landedWith, where)).toEqual({ commit: 'c3', date: '2026-11-24T09:00:00Z' });
  });
  test('a run begun by a merge: the pin its branch brought in', () => {
    expect(soakSince('M', pins, landedWith, where)).toEqual({ commit: 'side', date: '2026-11-24T12:00:00Z' });
  });
  test.each<[string, string, typeof where]>([
    ['a run begun by a commit without a Ferry pin (a change by hand)', 'h1', where],
    ['a pin of another environment', 'c2', where],
    ['a pin of another app', 'c3', { ...where, app: 'web' }],
    ['a pin of another digest', 'c3', { ...where, digest: E }],
  ])('no time when the run did not begin with a Ferry pin of it: %s', (_title, start, w) => {
    const since = soakSince(start, pins, landedWith, w);
    expect(since).toEqual({ unknown: `${start} put ${w.digest.slice(0, 19)} there without a Ferry pin of it (a change by hand), so its time there is unknown` });
  });
});
