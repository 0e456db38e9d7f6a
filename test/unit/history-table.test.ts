// ferry history's text form and what it shows of a rollback --block and a hand edit: the free text
// last (a 600-character reason or an analysis's verdicts moves no other column), cells padded by
// the columns they take on a terminal (CJK two, combining marks none), the block of a rollback
// --block under any --env, and who made a hand edit, as `ferry status` shows it.
import { describe, expect, test } from 'vitest';
import { formatHistory, handEditEvents, historyEvents, type HistoryEvent } from '../../actions/src/core/history.js';
import { displayWidth, formatTable } from '../../actions/src/core/table.js';
import { commitMessage, trailerList } from '../../actions/src/core/trailers.js';

const image = (app: string, tag: string) => `reg.example.com/${app}:${tag}@sha256:${tag.replace(/\D/g, '').padStart(64, '0')}`;
const event = (fields: Partial<HistoryEvent>): HistoryEvent => ({ commit: 'a'.repeat(40), date: '2026-11-24T10:00:00Z', action: 'bump', env: 'dev', app: 'api', image: image('api', '2.0.0'), approvedBy: [], ...fields });

describe('displayWidth: the columns a text takes on a terminal', () => {
  test.each<[string, string, number]>([
    ['ASCII', 'alice', 5],
    ['nothing', '', 0],
    ['Latin letters with accents, precomposed', 'José Müller', 11],
    ['a combining accent takes no column', 'Jose\u0301', 4],
    ['CJK ideographs: two each', '山田', 4],
    ['kana', 'やまだ', 6],
    ['Hangul syllables', '김민수', 6],
    ['fullwidth forms', 'Ｊｏｈｎ', 8],
    ['halfwidth katakana: one each', 'ﾔﾏﾀﾞ', 4],
    ['the ideographic space', '\u3000', 2],
    ['an emoji', '\u{1f680}', 2],
    ['a zero-width space', 'a\u200bb', 2],
    ['an ideograph beyond the first plane', '\u{20000}', 2],
  ])('%s: %j is %i', (_title, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('formatTable pads by display width', () => {
  test('a CJK cell, a combining accent: the next column starts at the same terminal column on every line', () => {
    const lines = formatTable(['BY', 'COMMIT'], [['山田太郎', 'c1'], ['Jose\u0301', 'c2'], ['bob', 'c3']]).split('\n');
    expect(lines).toEqual([
      'BY        COMMIT',
      '山田太郎  c1',
      'Jose\u0301      c2',
      'bob       c3',
    ]);
  });
});

describe('formatHistory: a table that keeps to a terminal', () => {
  const header = (table: string) => table.split('\n')[1]!;

  test('the gates and reasons last, after the commit, unpadded: a 600-character reason and a 1,000-character gate move no column', () => {
    const long = 'x'.repeat(600);
    const gates = `analysis=fail(${'m'.repeat(1000)})`;
    const table = formatHistory([
      event({ commit: '1'.repeat(40), reason: long, requestedBy: 'alice' }),
      event({ commit: '2'.repeat(40), gates }),
      event({ commit: '3'.repeat(40), reason: 'short' }),
    ]);
    const lines = table.split('\n');
    expect(header(table)).toMatch(/^WHEN +ACTION +APP +IMAGE +BEFORE +BY +APPROVED BY +COMMIT +GATES \/ REASON$/);
    const at = header(table).indexOf('COMMIT');
    expect(at).toBeLessThan(120);
    for (const [i, tail] of [[2, `reason: ${long}`], [3, gates], [4, 'reason: short']] as const) {
      expect(lines[i]!.indexOf(String(i - 1).repeat(12))).toBe(at);
      expect(lines[i]!.endsWith(`${String(i - 1).repeat(12)}  ${tail}`)).toBe(true);
    }
  });

  test('CJK in a padded column (BY) and in the reason: the commit starts at the same terminal column on every line', () => {
    const wide = '山田 太郎';
    const table = formatHistory([event({ commit: '1'.repeat(40), requestedBy: wide, reason: '本番で障害' }), event({ commit: '2'.repeat(40), requestedBy: 'bob' })]);
    const lines = table.split('\n');
    const at = header(table).indexOf('COMMIT');
    expect(lines[2]!.replace(wide, 'x'.repeat(displayWidth(wide))).indexOf('1'.repeat(12))).toBe(at);
    expect(lines[3]!.indexOf('2'.repeat(12))).toBe(at);
    expect(lines[2]).toMatch(/ 1{12} {2}reason: 本番で障害$/);
  });

  test('a tag of 128 characters is cut as `ferry status` cuts it (--json has it whole)', () => {
    const tag = `v${'1'.repeat(127)}`;
    const table = formatHistory([event({ image: `reg.example.com/api:${tag}@sha256:${'0'.repeat(64)}` })]);
    expect(table).toContain(` ${'v' + '1'.repeat(22)}… (sha256:000000000000) `);
    expect(table).not.toContain('1'.repeat(24));
  });

  test('a hand edit: BY is its author, marked (by hand), as `ferry status` shows it', () => {
    const [edit] = handEditEvents([{ commit: 'e'.repeat(40), date: '2026-11-24T12:00:00Z', author: 'Mallory', files: ['prod/api/kustomization.yaml'], trailers: trailerList('hotfix by hand\n') }], new Map([['prod/api/kustomization.yaml', [{ env: 'prod', app: 'api' }]]]));
    expect(edit).toMatchObject({ action: 'edit', env: 'prod', app: 'api', author: 'Mallory', byHand: true });
    expect(edit).not.toHaveProperty('requestedBy');
    expect(formatHistory([edit!]).split('\n')[2]).toMatch(/^\S+ \S+ +edit +api +Mallory \(by hand\) +e{12} {2}reason: prod\/api\/kustomization\.yaml changed without Ferry \(see ferry audit\)$/);
  });
});

describe('a rollback with --block: its block holds in every environment', () => {
  const rollback = {
    commit: 'r'.repeat(40),
    date: '2026-11-25T09:00:00Z',
    trailers: trailerList(commitMessage('rollback(dev): api 1.0.0 from 2.0.0', [
      ['Ferry-Action', 'rollback'], ['Ferry-Env', 'dev'], ['Ferry-App', 'api'],
      ['Ferry-Image', image('api', '1.0.0')], ['Ferry-Previous-Image', image('api', '2.0.0')], ['Ferry-Rollback-To', 'a'.repeat(40)],
      ['Ferry-Blocked', image('api', '2.0.0')], ['Ferry-Reason', 'crashloop'], ['Ferry-Requested-By', 'carol'],
    ])),
  };
  const plain = { ...rollback, commit: 'p'.repeat(40), trailers: trailerList(commitMessage('rollback(dev): api 1.0.0 from 2.0.0', [['Ferry-Action', 'rollback'], ['Ferry-Env', 'dev'], ['Ferry-App', 'api'], ['Ferry-Image', image('api', '1.0.0')]])) };
  const block: HistoryEvent = { commit: 'r'.repeat(40), date: '2026-11-25T09:00:00Z', action: 'block', app: 'api', image: image('api', '2.0.0'), requestedBy: 'carol', approvedBy: [], reason: 'crashloop', rollbackEnv: 'dev' };

  test.each<[string, { env?: string; app?: string }, Partial<HistoryEvent>[]]>([
    ['no filter: the rollback, with what it blocked', {}, [{ action: 'rollback', env: 'dev', blockedImage: image('api', '2.0.0') }]],
    ['its own --env: the rollback, as it is', { env: 'dev' }, [{ action: 'rollback', env: 'dev', blockedImage: image('api', '2.0.0') }]],
    ['another --env: its block, of no environment', { env: 'prod' }, [block]],
    ['another --env and its app', { env: 'prod', app: 'api' }, [block]],
    ['another --env and another app: nothing', { env: 'prod', app: 'web' }, []],
  ])('%s', (_title, filter, expected) => {
    const events = historyEvents([rollback, plain], filter);
    // (A rollback without --block is of its environment alone.)
    expect(events.filter((e) => e.commit === plain.commit)).toHaveLength(filter.env === 'prod' || filter.app === 'web' ? 0 : 1);
    const shown = events.filter((e) => e.commit === rollback.commit);
    expect(shown).toHaveLength(expected.length);
    shown.forEach((e, i) => expect(e).toMatchObject(expected[i]!));
    if (filter.env === 'prod' && shown.length) expect(shown[0]).toEqual(block);
  });

  test('the text form: a block row under (repository), saying which rollback made it', () => {
    const lines = formatHistory(historyEvents([rollback], { env: 'prod' })).split('\n');
    expect(lines[0]).toBe('(repository)');
    expect(lines[2]).toMatch(/^\S+ \S+ +block \(rollback in dev\) +api +2\.0\.0 \(sha256:0{12}\) +carol +r{12} {2}reason: crashloop$/);
  });
});
