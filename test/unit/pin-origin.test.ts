import { describe, expect, test } from 'vitest';
import { PASSED_MAX, outOfBandPin, pinOrigin, provenanceOf, type ManifestChanges, type OriginPin } from '../../actions/src/core/pin-origin.js';
import { promotePullRequestBody, promoteSummary } from '../../actions/src/core/job-summary.js';
import { expectOptions, formatPlanText, personText, revisionText, wrapLine } from '../../actions/src/core/promote-text.js';
import type { AppPromotion } from '../../actions/src/core/promote.js';

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
      .toEqual({ sourceAction: 'promote', originUnknown: `promoted from dev by ${alone.commit}, and no Ferry commit pinned it in dev before (put there by hand, by ferry init, or by a Ferry commit under another app name)` });
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

describe('outOfBandPin: what the target pins, where it never passed through the source', () => {
  n = 0;
  const hotfix = pin('bump', 'prod', '1.1.1-hotfix', 'h', { requestedBy: 'oncall' });
  const prod11 = pin('promote', 'prod', '1.1.0', 'a', { from: 'stage', requestedBy: 'rm' });
  const stage12 = pin('promote', 'stage', '1.2.0', 'b', { from: 'dev', previousImage: image('1.1.0', 'a') });
  const stage11 = pin('promote', 'stage', '1.1.0', 'a', { from: 'dev', previousImage: image('1.0.0', '0') });
  const base = [stage12, prod11, stage11];
  const where = (c: string) => ({ from: 'stage', to: 'prod', digest: hex(c) });
  test.each<[string, OriginPin[], string, ReturnType<typeof outOfBandPin>]>([
    ['a hotfix bumped into prod directly: that bump, who and when', [hotfix, ...base], 'h', { env: 'prod', action: 'bump', commit: hotfix.commit, date: hotfix.date, by: 'oncall' }],
    ['a promotion from stage', base, 'a', undefined],
    ['what stage had before its first Ferry pin (ferry init\'s template pin, in prod too)', [stage11], '0', undefined],
    ['a rollback in prod to a digest stage had', [pin('rollback', 'prod', '1.1.0', 'a'), hotfix, ...base], 'a', undefined],
    ['a rollback in prod to the hotfix: its reason too', [pin('rollback', 'prod', '1.1.1-hotfix', 'h', { requestedBy: 'oncall', reason: 'INC-9' }), prod11, hotfix, ...base], 'h',
      { env: 'prod', action: 'rollback', commit: expect.any(String), date: expect.any(String), by: 'oncall', reason: 'INC-9' }],
    ['put there by hand after the last Ferry pin there, of another image', [hotfix, ...base], 'e', { env: 'prod', after: { image: hotfix.image, commit: hotfix.commit, date: hotfix.date } }],
    ['no Ferry pin in prod ever (an adopted repository, its history by hand), stage\'s history known: nothing told', base.filter((p) => p.env === 'stage'), 'e', undefined],
    ['no Ferry pin in either (a repository pinned by hand): nothing told', [], 'e', undefined],
  ])('%s', (_name, pins, digest, found) => {
    expect(outOfBandPin(pins, where(digest))).toEqual(found);
  });

  const promotion: AppPromotion = {
    app: 'user-service', image: image('1.1.0', 'a'), digest: hex('a'), previousImage: image('1.1.1-hotfix', 'h'), manifest: 'prod/user-service/k.yaml', diff: '',
    sourceCommit: 'c'.repeat(40), sourceDate: '2026-11-24T08:00:00Z', outOfBand: { env: 'prod', action: 'bump', commit: 'f'.repeat(40), date: '2026-11-24T09:00:00+05:30', by: 'on|call' },
  };
  test('in the plan\'s text (wrapped to 100 columns), the job summary and the pull request\'s body', () => {
    const lines = formatPlanText({ from: 'stage', to: 'prod', promotions: [promotion] });
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
    expect(lines.join('\n').replace(/\n {6}/g, ' ')).toContain('\n    replaces a pin that never passed through stage: bumped into prod directly by "on|call" at 2026-11-24 03:30:00Z (commit ffffffffffff)');
    const result = { from: 'stage', to: 'prod', promotions: [promotion], gates: [{ gate: 'blocked' as const, verdict: 'pass' as const, reason: 'no digest is blocked' }] };
    const table = '**Not from stage**: what prod pins now never passed through stage (a hotfix bumped there directly, a rollback, a change by hand); this promotion replaces it\n\n'
      + '| app | prod pins | put there |\n| --- | --- | --- |\n'
      + `| user-service | \`1.1.1-hotfix\` \`sha256:hhhhhhhhhhhh\` | bumped into prod directly by on\\|call at 2026-11-24 03:30:00Z (commit [\`ffffffffffff\`](https://github.com/acme/env/commit/${'f'.repeat(40)})) |`;
    const GH = { repo: 'https://github.com/acme/env' };
    expect(promoteSummary({ ...result, status: 'succeeded', repo: 'r', branch: 'main', commit: 'c'.repeat(40) }, GH)).toContain(table);
    expect(promotePullRequestBody(result, GH)).toContain(table);
    const { outOfBand: _, ...plain } = promotion;
    expect(promoteSummary({ ...result, promotions: [plain], status: 'succeeded', repo: 'r', branch: 'main', commit: 'c'.repeat(40) }, GH)).not.toContain('Not from');
    expect(formatPlanText({ from: 'stage', to: 'prod', promotions: [plain] }).join('\n')).not.toContain('never passed through');
  });
});

describe('provenanceOf: a pin counts where its commit changed the app\'s manifest', () => {
  /** Manifests `<env>/user-service/k.yaml` (the app `users` since a rename keeps that file); `changes`: `${commit} ${path}` changed. */
  const manifests = (changes: string[], apps = ['user-service']): ManifestChanges & { asked: number } => {
    const m = {
      asked: 0,
      path: (app: string, env: string) => (apps.includes(app) ? `${env}/user-service/k.yaml` : undefined),
      isApp: (name: string) => apps.includes(name),
      image: (app: string) => (apps.includes(app) ? 'user-service' : undefined),
      changed: async (asks: readonly { commit: string; path: string }[]) => {
        m.asked++;
        return new Set(asks.map((a) => `${a.commit} ${a.path}`).filter((k) => changes.includes(k)));
      },
    };
    return m;
  };
  const trailers = (by: Record<string, [string, string][]>) => (commit: string) => new Map((by[commit] ?? []).map(([k, v]) => [k, [v]]));
  const ev = (commit: string, action: string, env: string, app: string, c: string) => ({ commit, date: '2026-11-24T10:00:00Z', action, env, app, image: image('1.1.0', c) });

  test('trailers alone (a commit that changed nothing, by mallory) are no bump: the bump that changed dev is the origin', async () => {
    const pins = [ev('p1', 'promote', 'stage', 'user-service', 'a'), ev('m1', 'bump', 'dev', 'user-service', 'a'), ev('b1', 'bump', 'dev', 'user-service', 'a')];
    const t = trailers({ p1: [['Ferry-From', 'dev']], m1: [['Ferry-Requested-By', 'mallory'], ['Ferry-Source-Revision', 'bad']], b1: [['Ferry-Requested-By', 'alice'], ['Ferry-Source-Revision', '1111111']] });
    const m = manifests(['p1 stage/user-service/k.yaml', 'b1 dev/user-service/k.yaml']);
    const reader = provenanceOf(pins, t, m);
    reader.prefetch(['user-service']);
    const found = await reader.of({ app: 'user-service', env: 'stage', digest: hex('a'), start: 'p1' });
    expect(found.origin).toMatchObject({ commit: 'b1', requestedBy: 'alice', sourceRevision: '1111111' });
    expect(m.asked).toBe(1);
    // Only trailers behind it: no bump found, and the commit that names it alone is said.
    const alone = provenanceOf(pins.slice(0, 2), t, manifests(['p1 stage/user-service/k.yaml']));
    expect(await alone.of({ app: 'user-service', env: 'stage', digest: hex('a'), start: 'p1' })).toEqual({
      sourceAction: 'promote',
      originUnknown: 'promoted from dev by p1, and no Ferry commit pinned it in dev before (put there by hand, by ferry init, or by a Ferry commit under another app name); m1 names it there in its trailers alone (it did not change the manifest)',
    });
  });

  test('an app renamed in ferry.yaml: the bump of its manifest under the old name is its origin, named', async () => {
    const pins = [ev('p1', 'promote', 'stage', 'users', 'a'), ev('o1', 'bump', 'dev', 'order-service', 'a'), ev('b1', 'bump', 'dev', 'user-service', 'a')];
    const t = trailers({ p1: [['Ferry-From', 'dev']], b1: [['Ferry-Requested-By', 'alice']] });
    const reader = provenanceOf(pins, t, manifests(['p1 stage/user-service/k.yaml', 'b1 dev/user-service/k.yaml', 'o1 dev/order-service/k.yaml'], ['users', 'order-service']));
    expect((await reader.of({ app: 'users', env: 'stage', digest: hex('a'), start: 'p1' })).origin).toMatchObject({ env: 'dev', app: 'user-service', commit: 'b1', requestedBy: 'alice' });
  });
});

describe('the plan\'s text', () => {
  test.each([
    ['alice', 'alice'], ['ci[bot]', 'ci[bot]'],
    ['release-bot (0123456789ab), source revision 1f2e3d4c5b6a;', '"release-bot (0123456789ab), source revi…"'],
    ['release-bot\u200b', '"release-bot\\u200b"'],
  ])('who asked: %j as %s', (name, shown) => {
    expect(personText(name)).toBe(shown);
  });

  test('a source revision that is no commit id: quoted and said', () => {
    expect(revisionText('1f2e3d4c5b6a7d8e')).toBe('source revision 1f2e3d4c5b6a');
    expect(revisionText('main; approved')).toBe('source revision "main; approved" (not a commit id)');
    expect(revisionText(undefined)).toBe('no source revision recorded');
  });

  test('wrapLine: at spaces, the rest indented, a word wider than a line cut', () => {
    const long = `    no bump found behind it: ${'word '.repeat(30).trim()}`;
    const lines = wrapLine(long);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('      ') && !l.startsWith('       '))).toBe(true);
    expect(lines.join(' ').replace(/ +/g, ' ').trim()).toBe(long.trim());
    expect(wrapLine(`  ${'x'.repeat(150)}`)).toEqual([`  ${'x'.repeat(97)}…`]);
  });

  test('several apps: their changes in one column; none past 100 columns; a value cut said to be whole in --json', () => {
    const d = (c: string) => `sha256:${c.repeat(64)}`;
    const p = (app: string, tag: string, by: string): AppPromotion => ({
      app, image: `r.example/${app}:${tag}@${d('b')}`, digest: d('b'), previousImage: `r.example/${app}:1.0.0@${d('a')}`, manifest: `prod/${app}/k.yaml`, diff: '',
      sourceCommit: 'c'.repeat(40), sourceDate: '2026-11-24T10:00:00Z', sourceRequestedBy: by, sourceAction: 'promote',
      originUnknown: 'promoted from dev by cccccccccccc, and no Ferry commit pinned it in dev before (put there by hand, by ferry init, or by a Ferry commit under another app name)',
    });
    const lines = formatPlanText({ from: 'stage', to: 'prod', promotions: [p('api', '1.1.0', 'rm'), p('user-service', 't'.repeat(40), 'x'.repeat(60))] });
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
    const arrows = lines.filter((l) => l.includes(' -> ')).map((l) => l.indexOf(' -> '));
    expect(arrows).toHaveLength(2);
    expect(new Set(arrows).size).toBe(1);
    expect(lines.at(-1)).toBe('  (… marks a value cut short: --json has it whole)');
  });

  test('expectOptions: the plan in several --expect options, none past the bound, each item whole', () => {
    const items = Array.from({ length: 10 }, (_, i) => `app-${i}@none..sha256:${String(i).repeat(64)}`);
    const options = expectOptions(items.join(','), 250);
    expect(options.length).toBeGreaterThan(1);
    expect(options.every((o) => o.length - '--expect '.length <= 250)).toBe(true);
    expect(options.map((o) => o.replace('--expect ', '')).join(',')).toBe(items.join(','));
    expect(expectOptions(items.slice(0, 2).join(','))).toEqual([`--expect ${items[0]},${items[1]}`]);
  });
});
