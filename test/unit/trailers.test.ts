// Commit messages are the audit log (DESIGN.md, "Commits are the audit log"): what commitMessage
// writes, parseTrailers reads back exactly, and no value can add, change or split a trailer.
import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { SUBJECT_MAX, assertSingleLine, commitMessage, elidable, fitSubject, parseTrailers, subjectImage, trailer, type Trailer } from '../../actions/src/core/trailers.js';

const IMAGE = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/user-service:1.4.2@sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b';
const PROMOTE: Trailer[] = [
  ['Ferry-Action', 'promote'],
  ['Ferry-Env', 'prod'],
  ['Ferry-From', 'stage'],
  ['Ferry-App', 'user-service'],
  ['Ferry-Image', IMAGE],
  ['Ferry-Gate', 'soak=pass(2h14m) analysis=pass(http-success-rate 0.998>=0.99; http-latency-p95 0.21<=0.3) approvals=pass(1/1)'],
  ['Ferry-Requested-By', 'alice'],
  ['Ferry-Approved-By', 'bob'],
  ['Ferry-Run', 'https://github.com/acme/env/actions/runs/123'],
];

/** The ConfigurationError `fn` throws, as its problems and its message. */
function configurationError(fn: () => unknown): { problems: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return { problems: (error as ConfigurationError).problems, message: (error as Error).message };
  }
  throw new Error('expected a ConfigurationError, nothing was thrown');
}

describe('commitMessage', () => {
  test('subject, a blank line, the trailers in order, one per line, a final newline', () => {
    expect(commitMessage('promote(prod): user-service 1.4.2 (sha256:1a2b3c4d5e6f) from stage', PROMOTE)).toBe(
      [
        'promote(prod): user-service 1.4.2 (sha256:1a2b3c4d5e6f) from stage',
        '',
        'Ferry-Action: promote',
        'Ferry-Env: prod',
        'Ferry-From: stage',
        'Ferry-App: user-service',
        `Ferry-Image: ${IMAGE}`,
        'Ferry-Gate: soak=pass(2h14m) analysis=pass(http-success-rate 0.998>=0.99; http-latency-p95 0.21<=0.3) approvals=pass(1/1)',
        'Ferry-Requested-By: alice',
        'Ferry-Approved-By: bob',
        'Ferry-Run: https://github.com/acme/env/actions/runs/123',
        '',
      ].join('\n'),
    );
  });

  test('a body goes between subject and trailers, each a paragraph of its own', () => {
    expect(commitMessage('bump(dev): x 1.0', [['Ferry-Action', 'bump']], 'Why: the canary passed.\nSee the run.')).toBe(
      'bump(dev): x 1.0\n\n  Why: the canary passed.\nSee the run.\n\nFerry-Action: bump\n',
    );
  });

  test('a body line that looks like a trailer is indented, so it can never be read as one', () => {
    const message = commitMessage('bump(dev): x 1.0', [['Ferry-Action', 'bump'], ['Ferry-Requested-By', 'alice']], 'note\n\nFerry-Approved-By: mallory\r\nFerry-Gate : soak=pass');
    expect(message).toBe('bump(dev): x 1.0\n\nnote\n\n  Ferry-Approved-By: mallory\n  Ferry-Gate : soak=pass\n\nFerry-Action: bump\nFerry-Requested-By: alice\n');
    expect(parseTrailers(message)).toEqual([['Ferry-Action', 'bump'], ['Ferry-Requested-By', 'alice']]);
    expect(trailer(parseTrailers(message), 'Ferry-Approved-By')).toBeUndefined();
  });

  test.each([
    ['lowercase', 'ferry-action'],
    ['not Ferry\'s', 'Signed-off-by'],
    ['a space', 'Ferry-Approved By'],
    ['a colon', 'Ferry-Env:'],
    ['a newline', 'Ferry-Env\nFerry-Approved-By'],
    ['empty', ''],
  ])('a trailer key that is not a Ferry key (%s) is an internal error, not user input', (_name, key) => {
    expect(() => commitMessage('s', [[key, 'v']])).toThrow(`internal: ${JSON.stringify(key)} is not a Ferry trailer key`);
    expect(() => commitMessage('s', [[key, 'v']])).not.toThrow(ConfigurationError);
  });
});

describe('parseTrailers reads back what commitMessage writes', () => {
  test.each<[string, string, Trailer[], string | undefined]>([
    ['promote with every trailer', 'promote(prod): user-service 1.4.2 (sha256:1a2b3c4d5e6f) from stage', PROMOTE, undefined],
    ['one trailer', 'init: Ferry environment repository', [['Ferry-Action', 'init']], undefined],
    ['with a body', 'bump(dev): x 1.0', [['Ferry-Action', 'bump'], ['Ferry-Env', 'dev']], 'first paragraph\n\nsecond paragraph'],
    ['repeated keys, in order', 'promote(prod): x', [['Ferry-Approved-By', 'bob'], ['Ferry-Approved-By', 'carol']], undefined],
    ['values with colons, quotes, unicode and inner spaces', 'bump(dev): x', [['Ferry-Requested-By', 'Zoë "z" O\'Brien: ops  team'], ['Ferry-Run', 'http://127.0.0.1:8080/a?b=c#d']], undefined],
  ])('%s', (_name, subject, trailers, body) => {
    const message = commitMessage(subject, trailers, body);
    expect(parseTrailers(message)).toEqual(trailers);
    // As git stores and returns it from a CRLF editor, too.
    expect(parseTrailers(message.replace(/\n/g, '\r\n'))).toEqual(trailers);
  });

  test('trailer() gives the last value of a key', () => {
    const parsed = parseTrailers(commitMessage('s', [['Ferry-Approved-By', 'bob'], ['Ferry-Env', 'prod'], ['Ferry-Approved-By', 'carol']]));
    expect(trailer(parsed, 'Ferry-Approved-By')).toBe('carol');
    expect(trailer(parsed, 'Ferry-Env')).toBe('prod');
    expect(trailer(parsed, 'Ferry-From')).toBeUndefined();
  });
});

describe('parseTrailers on messages Ferry did not write', () => {
  test.each<[string, string, Trailer[]]>([
    ['only a subject', 'Ferry-Env: prod\n', []],
    ['subject and body, no trailer block', 'fix typo\n\nchanged the comment\n', []],
    ['the last paragraph is not all trailers', 'edit\n\nFerry-Env: prod\nby hand, see above\n', []],
    ['a continuation line is not a Ferry value', 'edit\n\nFerry-Env: prod\n Ferry-Approved-By: x\n', []],
    ['trailers of others are ignored, Ferry\'s kept', 'edit\n\nSigned-off-by: Dev <d@example.com>\nFerry-Env: prod\nCo-authored-by: x\n', [['Ferry-Env', 'prod']]],
    ['a forged-looking line in an earlier paragraph is not read', 'edit\n\nFerry-Approved-By: mallory\n\nFerry-Action: bump\n', [['Ferry-Action', 'bump']]],
    ['trailing blank lines', 'edit\n\nFerry-Action: bump\n\n\n', [['Ferry-Action', 'bump']]],
    ['no space after the colon', 'edit\n\nFerry-Action:bump\n', [['Ferry-Action', 'bump']]],
  ])('%s', (_name, message, expected) => {
    expect(parseTrailers(message)).toEqual(expected);
  });
});

describe('parseTrailers: the fast reading agrees with the regular expression it replaced', () => {
  // The reading as first written: last paragraph, every line `Key: value`, Ferry keys kept (a key
  // Ferry writes, in any case, as Ferry writes it: git matches trailer keys whatever their case).
  const written = ['Ferry-Action', 'Ferry-Env', 'Ferry-App', 'Ferry-Image', 'Ferry-Previous-Image', 'Ferry-Requested-By', 'Ferry-Approved-By', 'Ferry-Gate', 'Ferry-Override', 'Ferry-Reason', 'Ferry-From', 'Ferry-Blocked', 'Ferry-Run', 'Ferry-Source-Revision', 'Ferry-Rollback-To'];
  function reference(message: string): Trailer[] {
    const paragraphs = message.replace(/\r\n/g, '\n').trimEnd().split(/\n{2,}/);
    if (paragraphs.length < 2) return [];
    const out: Trailer[] = [];
    for (const line of paragraphs[paragraphs.length - 1]!.split('\n')) {
      const m = /^([A-Za-z0-9-]+):[ \t]?(.*)$/.exec(line);
      if (!m) return [];
      const key = written.find((k) => k.toLowerCase() === m[1]!.toLowerCase()) ?? m[1]!;
      if (/^Ferry-[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*$/.test(key)) out.push([key, m[2]!]);
    }
    return out;
  }
  // Keys Ferry writes (read without a copy), other Ferry keys (same length as one it writes, or
  // a prefix of one), and keys that are not Ferry's.
  const keys = ['Ferry-Env', 'Ferry-Approved-By', 'Ferry-Gate', 'Ferry-Image', 'Ferry-Rollback-To', 'Ferry-Enz', 'Ferry-Envy', 'Ferry-Ap', 'ferry-env', 'FERRY-GATE', 'Ferry-GATE', 'ferry-approved-by', 'fErRy-EnZ', 'Signed-off-by', 'Ferry-', 'Ferry-X-y'];
  const values = ['prod', 'a: b', '', ' x ', 'analysis=pass(p: 0.9)', 'é'];
  const pieces = ['Ferry-Env', 'Ferry-Approved-By', 'ferry-env', 'Ferry-', 'Signed-off-by', 'X', ':', ': ', ':\t', ' ', '\t', 'prod', 'a:b', '\n', '\n\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u00a0', '\ufeff', '\u3000', 'é', ' \n', '\n\n\n', '-', '0'];
  // A fixed-seed generator: the same 20,000 messages every run.
  let seed = 20261123;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  test('on 20,000 messages made of trailer-like fragments', () => {
    let withTrailers = 0;
    for (let n = 0; n < 20_000; n++) {
      // Mostly `Key: value` lines, with a fragment thrown in here and there.
      const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
      let message = 'subject\n\n';
      const lines = 1 + Math.floor(next() * 5);
      for (let i = 0; i < lines; i++) {
        message += next() < 0.7 ? `${pick(keys)}${pick([':', ': ', ':\t', ':  '])}${pick(values)}` : '';
        if (next() < 0.3) message += pick(pieces);
        message += next() < 0.9 ? '\n' : pick(['\r\n', '\n\n', '']);
      }
      const expected = reference(message);
      if (expected.length) withTrailers++;
      expect(parseTrailers(message), JSON.stringify(message)).toEqual(expected);
    }
    expect(withTrailers).toBeGreaterThan(500);
  });
});

describe('assertSingleLine: no value can break a commit message line', () => {
  test.each([
    ['LF', 'alice\nbob'],
    ['CR', 'alice\rbob'],
    ['CRLF', 'alice\r\nbob'],
    ['a tab', 'alice\tbob'],
    ['NUL', 'alice\u0000'],
    ['ESC (terminal escapes)', '\u001b[31malice'],
    ['DEL', 'alice\u007f'],
    ['NEL (U+0085)', 'alice\u0085Ferry-Approved-By: x'],
    ['C1 control U+009B', 'alice\u009b'],
    ['LINE SEPARATOR (U+2028)', 'alice\u2028Ferry-Approved-By: x'],
    ['PARAGRAPH SEPARATOR (U+2029)', 'alice\u2029Ferry-Approved-By: x'],
    ['a vertical tab', 'alice\u000bbob'],
    ['a form feed', 'alice\u000cbob'],
    ['RIGHT-TO-LEFT OVERRIDE (U+202E)', 'approved \u202eyb-devorppa'],
    ['LEFT-TO-RIGHT EMBEDDING (U+202A)', 'a\u202ab'],
    ['POP DIRECTIONAL FORMATTING (U+202C)', 'a\u202cb'],
    ['RIGHT-TO-LEFT ISOLATE (U+2067)', 'a\u2067b'],
    ['POP DIRECTIONAL ISOLATE (U+2069)', 'a\u2069b'],
  ])('refuses %s', (_name, value) => {
    const { problems } = configurationError(() => assertSingleLine(value, 'requested-by'));
    // Quoted with every control character written out: the message can be shown as it is.
    const shown = JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(problems).toEqual([{ field: 'requested-by', message: `must be one line of text without control characters, found ${shown}` }]);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect((problems as { message: string }[])[0]!.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });

  test.each([['a right-to-left name with its marks (RLM, LRM, ALM)', '\u05d3\u05e0\u05d4 \u200f(ops)\u200e \u061c'], ['accents and CJK', 'Zoë 王']])('accepts %s', (_name, value) => {
    expect(() => assertSingleLine(value, 'requested-by')).not.toThrow();
  });

  test('a forged trailer in requested-by is refused, and the error quotes it on one line', () => {
    const forged = 'alice\nFerry-Approved-By: x';
    const { message } = configurationError(() => assertSingleLine(forged, 'requested-by'));
    expect(message).toBe('requested-by: must be one line of text without control characters, found "alice\\nFerry-Approved-By: x"');
    expect(message).not.toContain('\n');
  });

  test('commitMessage refuses a forged trailer in a value, naming the trailer, and writes nothing', () => {
    const { message } = configurationError(() => commitMessage('bump(dev): x', [['Ferry-Action', 'bump'], ['Ferry-Requested-By', 'alice\nFerry-Approved-By: x']]));
    expect(message).toBe('Ferry-Requested-By: must be one line of text without control characters, found "alice\\nFerry-Approved-By: x"');
    // A trailing line break is no way around it either.
    expect(() => commitMessage('bump(dev): x', [['Ferry-Approved-By', 'bob\n']])).toThrow(ConfigurationError);
    expect(() => commitMessage('bump(dev): x', [['Ferry-Approved-By', 'bob\r\n\r\nFerry-Gate: override']])).toThrow(ConfigurationError);
  });

  test('commitMessage refuses a subject that would start the body', () => {
    const { message } = configurationError(() => commitMessage('bump(dev): x\n\nFerry-Approved-By: x', [['Ferry-Action', 'bump']]));
    expect(message).toBe('commit subject: must be one line of text without control characters, found "bump(dev): x\\n\\nFerry-Approved-By: x"');
  });

  test.each([
    ['empty', ''],
    ['a leading space', ' alice'],
    ['a trailing space', 'alice '],
    ['only spaces', '   '],
    ['a trailing no-break space', 'alice\u00a0'],
  ])('refuses %s', (_name, value) => {
    const { problems } = configurationError(() => assertSingleLine(value, 'Ferry-Requested-By'));
    expect(problems).toEqual([{ field: 'Ferry-Requested-By', message: `must not be empty or start or end with white space, found ${JSON.stringify(value)}` }]);
  });

  test.each([
    ['a zero-width space', '\u200b', '"\\u200b"'],
    ['a byte order mark between word joiners', '\u2060\ufeff\u2060', '"\\u2060\\ufeff\\u2060"'],
    ['a Hangul filler', '\u3164', '"\\u3164"'],
    ['a braille blank between zero-width joiners', '\u200d\u2800\u200d', '"\\u200d\\u2800\\u200d"'],
  ])('refuses %s alone: nothing a reader of the commit would see (the error writes it out)', (_name, value, shown) => {
    const { problems } = configurationError(() => assertSingleLine(value, 'reason'));
    expect(problems).toEqual([{ field: 'reason', message: `must hold visible text, found ${shown}` }]);
  });

  test.each(['alice', 'Zoë O\'Brien', 'a: b', 'https://github.com/acme/env/actions/runs/123', IMAGE, '雪 ❄', '👩\u200d💻 fix', 'می\u200cخواهم'])('accepts %j', (value) => {
    expect(() => assertSingleLine(value, 'f')).not.toThrow();
  });

  test('a long bad value is quoted shortened in the error', () => {
    const value = `${'x'.repeat(100)}\n`;
    const { message } = configurationError(() => assertSingleLine(value, 'f'));
    expect(message).toBe(`f: must be one line of text without control characters, found "${'x'.repeat(79)}…"`);
  });
});

describe('length limits', () => {
  test('a value: 1000 characters by default', () => {
    expect(() => assertSingleLine('v'.repeat(1000), 'Ferry-Gate')).not.toThrow();
    const { problems } = configurationError(() => assertSingleLine('v'.repeat(1001), 'Ferry-Gate'));
    expect(problems).toEqual([{ field: 'Ferry-Gate', message: 'must be at most 1000 characters, found 1001' }]);
  });

  test('a value: the given maximum', () => {
    expect(() => assertSingleLine('u'.repeat(200), 'requested-by', 200)).not.toThrow();
    const { message } = configurationError(() => assertSingleLine('u'.repeat(201), 'requested-by', 200));
    expect(message).toBe('requested-by: must be at most 200 characters, found 201');
  });

  test('a subject: 200 characters', () => {
    expect(commitMessage('s'.repeat(200), [['Ferry-Action', 'bump']])).toBe(`${'s'.repeat(200)}\n\nFerry-Action: bump\n`);
    const { message } = configurationError(() => commitMessage('s'.repeat(201), [['Ferry-Action', 'bump']]));
    expect(message).toBe('commit subject: must be at most 200 characters, found 201');
  });

  test('a trailer value in commitMessage: 1000 characters', () => {
    const ok = 'g'.repeat(1000);
    expect(parseTrailers(commitMessage('s', [['Ferry-Reason', ok]]))).toEqual([['Ferry-Reason', ok]]);
    const { message } = configurationError(() => commitMessage('s', [['Ferry-Reason', `${ok}g`]]));
    expect(message).toBe('Ferry-Reason: must be at most 1000 characters, found 1001');
  });

  test('Ferry-Gate, which Ferry composes (gateTrailer() bounds it), is no input of the user\'s: never their error for its length', () => {
    const long = `analysis=pass(${'g'.repeat(1500)})`;
    expect(parseTrailers(commitMessage('s', [['Ferry-Gate', long]]))).toEqual([['Ferry-Gate', long]]);
    // (What could break a line still cannot.)
    expect(configurationError(() => commitMessage('s', [['Ferry-Gate', 'soak=pass(1h)\nFerry-Approved-By: x']])).message).toMatch(/^Ferry-Gate: must be one line/);
  });
});

describe('fitSubject: a subject within 200 characters, whatever the tags and names', () => {
  const T1 = 'main-20261125T101500Z-3f9c2e1a7b4d5c6e8f0a1b2c3d4e5f60718293a4-build.1234';
  const T2 = 'main-20261125T101500Z-4f9c2e1a7b4d5c6e8f0a1b2c3d4e5f60718293a4-build.1235';
  const d = (c: string) => `sha256:${c.repeat(64)}`;
  const rollback = (env: string, app: string, to: string, from: string) => fitSubject(['rollback(', elidable(env), '): ', elidable(app), ' ', ...subjectImage({ tag: to, digest: d('4') }), ' from ', ...subjectImage({ tag: from, digest: d('5') })]);

  test('a subject that fits is the same text as ever', () => {
    expect(rollback('dev', 'user-service', '1.4.1', '1.4.2')).toBe('rollback(dev): user-service 1.4.1 (sha256:444444444444) from 1.4.2 (sha256:555555555555)');
    expect(fitSubject(['bump(', elidable('dev'), '): ', elidable('user-service'), ' ', ...subjectImage({ digest: d('4') })])).toBe('bump(dev): user-service sha256:444444444444');
    const exactly = 's'.repeat(SUBJECT_MAX - 6);
    expect(fitSubject(['bump: ', elidable(exactly)])).toBe(`bump: ${exactly}`);
  });

  test('long tags are cut in their middle, as little as fits: the start and the build number stay', () => {
    const subject = rollback('dev', 'user-service', T1, T2);
    expect(subject).toBe('rollback(dev): user-service main-20261125T101500Z-3f9c2e1a…b2c3d4e5f60718293a4-build.1234 (sha256:444444444444) from main-20261125T101500Z-4f9c2e1a…b2c3d4e5f60718293a4-build.1235 (sha256:555555555555)');
    expect(subject).toHaveLength(SUBJECT_MAX);
  });

  test.each([
    ['rollback', (e: string, a: string, t: string) => rollback(e, a, t, `${t.slice(0, -1)}z`)],
    ['bump', (e: string, a: string, t: string) => fitSubject(['bump(', elidable(e), '): ', elidable(a), ' ', ...subjectImage({ tag: t, digest: d('4') })])],
    ['block', (_e: string, a: string, t: string) => fitSubject(['block(', elidable(a), '): ', ...subjectImage({ tag: t, digest: d('4') })])],
    ['promote', (e: string, a: string, t: string) => fitSubject(['promote(', elidable(`${e.slice(0, -1)}b`), '): ', elidable(a), ' ', elidable(t), ' (sha256:444444444444) from ', elidable(e)])],
  ])('%s: the longest names (63-character DNS labels) and tags (128 characters) fit', (_name, subject) => {
    const env = `e${'n'.repeat(61)}a`;
    const app = `a${'p'.repeat(61)}z`;
    const tag = `v${'1'.repeat(126)}9`;
    const text = subject(env, app, tag);
    expect(text.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(text).toContain('…');
    expect(() => commitMessage(text, [['Ferry-Action', 'bump']])).not.toThrow();
  });

  test('each elidable part keeps the same length at most; shorter ones stay whole', () => {
    const text = fitSubject(['x: ', elidable('a'.repeat(150)), ' ', elidable('b'.repeat(100)), ' ', elidable('short')], 100);
    expect(text).toBe(`x: ${'a'.repeat(22)}…${'a'.repeat(22)} ${'b'.repeat(22)}…${'b'.repeat(22)} short`);
    expect(text).toHaveLength(100);
  });
});
