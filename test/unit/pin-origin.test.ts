import { describe, expect, test } from 'vitest';
import { PASSED_MAX, pinOrigin, type OriginPin } from '../../actions/src/core/pin-origin.js';

const hex = (c: string) => `sha256:${c.repeat(64)}`;
const image = (tag: string, c: string) => `r.example/user-service:${tag}@${hex(c)}`;
let n = 0;
/** A pin, newest first as the caller gives them; commits c01, c02, … in the order written here. */
const pin = (action: string, env: string, tag: string, c: string, more: Partial<OriginPin> = {}): OriginPin => ({
  commit: `c${String(++n).padStart(2, '0')}`, date: `2026-11-2${n % 10}T10:00:00Z`, action, env, app: 'user-service', image: image(tag, c), ...more,
});

describe('pinOrigin: the bump behind a source pin, followed back', () => {
  n = 0;
  const stage13 = pin('promote', 'stage', '1.3.0', 'c', { from: 'dev', requestedBy: 'rm' });
  const dev13 = pin('bump', 'dev', '1.3.0', 'c', { requestedBy: 'carol', sourceRevision: '3333333', run: 'https://ci/run/3' });
  const dev12 = pin('bump', 'dev', '1.2.0', 'b', { requestedBy: 'bob', sourceRevision: '2222222' });
  const prod11 = pin('promote', 'prod', '1.1.0', 'a', { from: 'stage' });
  const stage11 = pin('promote', 'stage', '1.1.0', 'a', { from: 'dev' });
  const dev11 = pin('bump', 'dev', '1.1.0', 'a', { requestedBy: 'alice', sourceRevision: '1111111' });
  const pins = [stage13, dev13, dev12, prod11, stage11, dev11];

  test.each<[string, Parameters<typeof pinOrigin>[1], ReturnType<typeof pinOrigin>]>([
    ['a promotion: the bump in dev behind it, and what dev ran between prod\'s digest and it', { env: 'stage', digest: hex('c'), start: stage13.commit, targetDigest: hex('a') },
      {
        sourceRequestedBy: 'rm', sourceAction: 'promote',
        origin: { env: 'dev', commit: dev13.commit, date: dev13.date, sourceRevision: '3333333', requestedBy: 'carol', run: 'https://ci/run/3' },
        passedThrough: [{ image: dev12.image, commit: dev12.commit, date: dev12.date, action: 'bump', sourceRevision: '2222222', requestedBy: 'bob' }],
      }],
    ['the source pin is the bump itself', { env: 'dev', digest: hex('c'), start: dev13.commit, targetDigest: hex('a') },
      { sourceRequestedBy: 'carol', sourceAction: 'bump', origin: { env: 'dev', commit: dev13.commit, date: dev13.date, sourceRevision: '3333333', requestedBy: 'carol', run: 'https://ci/run/3' }, passedThrough: [{ image: dev12.image, commit: dev12.commit, date: dev12.date, action: 'bump', sourceRevision: '2222222', requestedBy: 'bob' }] }],
    ['a target digest dev never had (ferry init\'s): nothing listed between', { env: 'stage', digest: hex('c'), start: stage13.commit, targetDigest: hex('f') },
      { sourceRequestedBy: 'rm', sourceAction: 'promote', origin: { env: 'dev', commit: dev13.commit, date: dev13.date, sourceRevision: '3333333', requestedBy: 'carol', run: 'https://ci/run/3' } }],
    ['through two promotions', { env: 'prod', digest: hex('a'), start: prod11.commit },
      { sourceAction: 'promote', origin: { env: 'dev', commit: dev11.commit, date: dev11.date, sourceRevision: '1111111', requestedBy: 'alice' } }],
    ['no Ferry pin at the start (a hand edit): nothing told', { env: 'stage', digest: hex('c'), start: 'ffffffff' }, {}],
  ])('%s', (_name, where, expected) => {
    expect(pinOrigin(pins, where)).toEqual(expected);
  });

  test('a promotion from an environment where no Ferry pin put the digest before it: why no bump is found', () => {
    const alone = pin('promote', 'stage', '9.0.0', 'e', { from: 'dev' });
    expect(pinOrigin([alone], { env: 'stage', digest: hex('e'), start: alone.commit }))
      .toEqual({ sourceAction: 'promote', originUnknown: `promoted from dev by ${alone.commit}, and no Ferry commit pinned it in dev before (put there by hand, or by ferry init)` });
  });

  test('a rollback to a digest: back to the pin that put it there before', () => {
    const back = pin('rollback', 'dev', '1.1.0', 'a', { requestedBy: 'oncall' });
    expect(pinOrigin([back, dev12, dev11], { env: 'dev', digest: hex('a'), start: back.commit })).toMatchObject({ sourceRequestedBy: 'oncall', sourceAction: 'rollback', origin: { commit: dev11.commit, requestedBy: 'alice' } });
  });

  test(`at most ${PASSED_MAX} versions between, the newest, oldest first; the count of the others`, () => {
    const many = Array.from({ length: PASSED_MAX + 5 }, (_, i) => pin('bump', 'dev', `1.2.${i}`, 'b', { image: `r.example/user-service:1.2.${i}@sha256:${String(i).padStart(64, '0')}` })).reverse();
    const top = pin('bump', 'dev', '1.3.0', 'c');
    const found = pinOrigin([top, ...many, dev11], { env: 'dev', digest: hex('c'), start: top.commit, targetDigest: hex('a') });
    expect(found.passedThrough).toHaveLength(PASSED_MAX);
    expect(found.passedThroughMore).toBe(5);
    expect(found.passedThrough!.at(-1)!.image).toBe(many[0]!.image);
    expect(found.passedThrough![0]!.image).toBe(many[PASSED_MAX - 1]!.image);
  });
});
