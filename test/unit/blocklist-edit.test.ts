// blocked.yaml edits are byte-exact: `ferry block` adds only the new entry's bytes (in the file's
// line ending, indentation and style), `ferry unblock` removes only the entry's bytes (its lines
// and the comments it owns); every other byte stays. A layout the edit cannot keep is a
// ConfigurationError naming file and line, and nothing is returned to write.
import { describe, expect, test } from 'vitest';
import { RefusedError, addBlocked, assertNotBlocked, findBlocked, parseBlocklist, planBlock, readBlocklist, removeBlocked, type BlockedDigest } from '../../actions/src/core/blocklist.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';

/** Lines joined by `eol`: a trailing '' gives the file its final line break. */
const lf = (...l: string[]): string => l.join('\n');
const crlf = (...l: string[]): string => l.join('\r\n');

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const D3 = `sha256:${'c'.repeat(64)}`;
const IMAGE = `reg.example.com/user-service:6.6.6@${D2}`;
const AT = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
const NEW: Omit<BlockedDigest, 'at'> = { app: 'user-service', digest: D2, image: IMAGE, reason: 'CVE-2026-0001: libfoo # 12', by: 'alice' };
const HEADER = '# Image digests that no bump, promotion or rollback may pin. `ferry block` adds an entry, `ferry unblock` removes it.';

/** The new entry's lines: `-` at `dash` spaces, keys at `dash + 2`. */
const entry = (dash = 2, gap = ' '): string[] => {
  const key = ' '.repeat(dash + 1 + gap.length);
  return [
    `${' '.repeat(dash)}-${gap}app: user-service`,
    `${key}digest: ${D2}`,
    `${key}image: ${IMAGE}`,
    `${key}reason: "CVE-2026-0001: libfoo # 12"`,
    `${key}by: alice`,
    `${key}at: 2026-01-02T03:04:05Z`,
  ];
};
const FLOW = `{app: user-service, digest: ${D2}, image: ${IMAGE}, reason: "CVE-2026-0001: libfoo # 12", by: alice, at: 2026-01-02T03:04:05Z}`;
const PADDED_FLOW = `{ ${FLOW.slice(1, -1)} }`;

const A = ['  - app: a', `    digest: ${D1}`, '    reason: r'];
const C = ['  - app: c', `    digest: ${D3}`, '    reason: q'];

describe('addBlocked: only the new entry is added', () => {
  test.each<[string, string | undefined, string]>([
    ['no file: a new one with its header', undefined, lf(HEADER, '', 'blocked:', ...entry(), '')],
    [
      'CRLF, a comment with its spacing: every line break stays CRLF',
      crlf('blocked:', '  - app: user-service   # svc', `    digest: ${D1}`, '    reason: r', ''),
      crlf('blocked:', '  - app: user-service   # svc', `    digest: ${D1}`, '    reason: r', ...entry(), ''),
    ],
    ['no final newline: still none', lf('blocked:', ...A), lf('blocked:', ...A, ...entry())],
    [
      'comments: the header, one owned by the last entry (deeper), the footer (not)',
      lf('# blocked images', 'blocked:', '  # keep', ...A, '    # about a', '', '# footer', ''),
      lf('# blocked images', 'blocked:', '  # keep', ...A, '    # about a', ...entry(), '', '# footer', ''),
    ],
    [
      'flow style: a flow entry after the last one, on its line',
      lf(`blocked: [{app: a, digest: ${D1}, reason: r}]   # list`, ''),
      lf(`blocked: [{app: a, digest: ${D1}, reason: r}, ${FLOW}]   # list`, ''),
    ],
    [
      'flow style with padding',
      lf(`blocked: [ { app: a, digest: ${D1}, reason: r } ]`, ''),
      lf(`blocked: [ { app: a, digest: ${D1}, reason: r }, ${PADDED_FLOW} ]`, ''),
    ],
    ['a flow mapping at the root', `{blocked: []}\n`, `{blocked: [${FLOW}]}\n`],
    ['an empty flow list on the key line becomes a block list', lf('blocked: []   # none yet', ''), lf('blocked:   # none yet', ...entry(), '')],
    ['an empty value', lf('# h', 'blocked:', '# footer', ''), lf('# h', 'blocked:', ...entry(), '# footer', '')],
    ['an empty value written ~, CRLF', crlf('blocked: ~', ''), crlf('blocked:', ...entry(), '')],
    ['an empty value, no final newline', 'blocked:', lf('blocked:', ...entry()).replace(/\n$/, '')],
    ['an empty file', '', lf('blocked:', ...entry(), '')],
    ['only comments, no final newline', '# nothing yet', lf('# nothing yet', 'blocked:', ...entry())],
    ['only comments, CRLF', crlf('# nothing yet', ''), crlf('# nothing yet', 'blocked:', ...entry(), '')],
    ['an anchor elsewhere stays', lf('blocked:', '  - app: a', `    digest: ${D1}`, '    reason: &why r', ''), lf('blocked:', '  - app: a', `    digest: ${D1}`, '    reason: &why r', ...entry(), '')],
    ['the list at column 0, three spaces after the dash', lf('blocked:', '-   app: a', `    digest: ${D1}`, '    reason: r', ''), lf('blocked:', '-   app: a', `    digest: ${D1}`, '    reason: r', ...entry(0, '   '), '')],
    [
      'entries written as flow mappings: the new one too',
      lf('blocked:', `  - {app: a, digest: ${D1}, reason: r}  # a`, ''),
      lf('blocked:', `  - {app: a, digest: ${D1}, reason: r}  # a`, `  - ${FLOW}`, ''),
    ],
    ['a byte order mark and document markers stay', lf('\ufeff---', 'blocked:', ...A, '...', ''), lf('\ufeff---', 'blocked:', ...A, ...entry(), '...', '')],
    [
      'blank lines between entries stay; the new one follows the last',
      lf('blocked:', ...A, '', ...C, ''),
      lf('blocked:', ...A, '', ...C, ...entry(), ''),
    ],
  ])('%s', (_title, before, after) => {
    expect(addBlocked(before, NEW, AT)).toBe(after);
  });

  test.each<[string, string, string]>([
    ['a mapping without blocked:', '{}\n', 'blocked.yaml:1:1: blocked: found "{}" and no `blocked:` list to add the entry to'],
    ['an empty value on the next line', lf('blocked:', '  ~', ''), 'blocked.yaml:2:3: blocked: Ferry adds an entry to `blocked:` written as a key on a line of its own'],
    ['an empty value with a tag', lf('blocked: !!null', ''), 'blocked.yaml:1:1: blocked: the empty value carries a tag or an anchor'],
    ['a key that is not on a line of its own', lf('--- blocked:', ''), 'blocked.yaml:1:'],
    ['not a blocklist', lf('blocked:', '  - app: a', '    digest: sha256:abc', '    reason: r', ''), 'blocked.yaml:3:13: blocked[0].digest: expected sha256:<64 lowercase hex digits>'],
  ])('refused, nothing to write: %s', (_title, before, message) => {
    expect(() => addBlocked(before, NEW, AT)).toThrow(ConfigurationError);
    expect(() => addBlocked(before, NEW, AT)).toThrow(message);
  });
});

describe('removeBlocked: exactly the entry and what it owns is removed', () => {
  const B = ['  - app: user-service', `    digest: ${D2}`, '    reason: bad'];
  test.each<[string, string, string]>([
    [
      'the tester\'s case: CRLF kept on every line, the other entry\'s comment and spacing too',
      crlf('blocked:', '  - app: user-service   # x', `    digest: ${D1}`, '    reason: r', ...B, ''),
      crlf('blocked:', '  - app: user-service   # x', `    digest: ${D1}`, '    reason: r', ''),
    ],
    [
      'the comment above the entry goes with it, not onto the next entry',
      lf('# h', 'blocked:', ...A, '  # never unblock this one', ...B.map((l, i) => (i === 0 ? `${l}  # why` : l)), '    # more about it', '  # about c', ...C, ''),
      lf('# h', 'blocked:', ...A, '  # about c', ...C, ''),
    ],
    ['the first entry, with the comment directly under blocked:', lf('blocked:', '  # first', ...B, ...C, ''), lf('blocked:', ...C, '')],
    ['the last entry: blocked: stays as it is written (not [])', lf(HEADER, '', 'blocked:', ...B, ''), lf(HEADER, '', 'blocked:', '')],
    ['the last entry of a file without a final newline', lf('blocked:', ...A, ...B), lf('blocked:', ...A)],
    ['the only entry, no final newline', lf('blocked:', ...B), 'blocked:'],
    ['a comment after a blank line is not the entry\'s', lf('blocked:', ...A, '', '  # about c', ...C, ''), lf('blocked:', ...A, '', '  # about c', ...C, '')],
    ['blank lines between entries: the list keeps its spacing', lf('blocked:', ...A, '', ...B, '', ...C, ''), lf('blocked:', ...A, '', ...C, '')],
    ['blank lines, the last entry', lf('blocked:', ...A, '', ...B, ''), lf('blocked:', ...A, '')],
    ['every duplicate goes', lf('blocked:', ...B, ...A, ...B, ''), lf('blocked:', ...A, '')],
    ['an anchor elsewhere stays', lf('blocked:', '  - app: a', `    digest: ${D1}`, '    reason: &why r', ...B, ''), lf('blocked:', '  - app: a', `    digest: ${D1}`, '    reason: &why r', '')],
    ['flow: the middle entry and one comma', `blocked: [{app: a, digest: ${D1}, reason: r}, {app: user-service, digest: ${D2}, reason: b}, {app: c, digest: ${D3}, reason: q}]  # l\n`, `blocked: [{app: a, digest: ${D1}, reason: r}, {app: c, digest: ${D3}, reason: q}]  # l\n`],
    ['flow: the first entry', `blocked: [ {app: user-service, digest: ${D2}, reason: b}, {app: c, digest: ${D3}, reason: q} ]\n`, `blocked: [ {app: c, digest: ${D3}, reason: q} ]\n`],
    ['flow: the only entry', `blocked: [ {app: user-service, digest: ${D2}, reason: b} ]\r\n`, 'blocked: [  ]\r\n'],
    ['an entry written as a flow mapping in a block list', lf('blocked:', `  - {app: user-service, digest: ${D2}, reason: b}  # b`, ...C, ''), lf('blocked:', ...C, '')],
    ['not there: unchanged', lf('blocked:', ...A, ''), lf('blocked:', ...A, '')],
  ])('%s', (_title, before, after) => {
    expect(removeBlocked(before, 'user-service', D2)).toBe(after);
  });

  test.each<[string, string]>([
    ['CRLF, comments', crlf('# h', 'blocked:', '  - app: user-service  # x', `    digest: ${D1}`, '    reason: r', '')],
    ['no final newline', lf('blocked:', ...A)],
    ['blank lines between entries', lf('blocked:', ...A, '', ...C, '', '# footer', '')],
    ['flow', `blocked: [ {app: a, digest: ${D1}, reason: r} ]  # c\n`],
  ])('block, then unblock, gives back the same bytes: %s', (_title, text) => {
    const blocked = addBlocked(text, NEW, AT);
    expect(blocked).not.toBe(text);
    expect(removeBlocked(blocked, NEW.app, NEW.digest)).toBe(text);
  });

  test.each<[string, string, string]>([
    [
      'a flow list with a comment next to the entry',
      lf('blocked: [', `  {app: a, digest: ${D1}, reason: r},  # a`, `  {app: user-service, digest: ${D2}, reason: b},`, ']', ''),
      'blocked.yaml:3:3: blocked[1]: the entry is in a flow list ([…]) with a comment next to it',
    ],
    ['an entry that does not start on its dash line', lf('blocked:', '  -', '    app: user-service', `    digest: ${D2}`, '    reason: b', ''), 'blocked.yaml:3:5: blocked[0]: the entry does not start on the line of its `-`'],
    ['not a blocklist', lf('blocked:', ...B, '    colour: red', ''), 'blocked.yaml:5:5: blocked[0].colour: unknown key "colour"'],
  ])('refused, nothing to write: %s', (_title, before, message) => {
    expect(() => removeBlocked(before, 'user-service', D2)).toThrow(ConfigurationError);
    expect(() => removeBlocked(before, 'user-service', D2)).toThrow(message);
  });
});

describe('reading blocked.yaml fails closed', () => {
  test('a file the snapshot cannot read (a directory, not UTF-8) is an error, not an empty blocklist', async () => {
    const unreadable = new ConfigurationError({ file: 'blocked.yaml', message: 'is a directory in the env repo, not a file' });
    const snapshot = { commit: 'c'.repeat(40), readFile: async () => Promise.reject(unreadable) };
    await expect(readBlocklist(snapshot)).rejects.toBe(unreadable);
  });
});

describe('planBlock: block and unblock write these edits', () => {
  const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
  const FERRY = lf(`registry: ${REG}`, 'environments:', '  - name: dev', 'apps:', '  - name: user-service', '    image: user-service', '    manifest: "{env}/user-service/kustomization.yaml"', '');
  const snapshot = (blocked: string) => ({ commit: 'c'.repeat(40), readFile: async (path: string) => ({ 'ferry.yaml': FERRY, 'blocked.yaml': blocked })[path] });
  const BEFORE = crlf('blocked:', '  - app: user-service  # x', `    digest: ${D1}`, '    reason: r', '');

  test('the tester\'s repro: block then unblock another image leaves the CRLF file as it was', async () => {
    const request = { app: 'user-service', image: `${REG}/user-service:6.6.6@${D2}`, reason: 'bad build', now: () => AT };
    const blocked = await planBlock(snapshot(BEFORE), { ...request, action: 'block' });
    if (!blocked.write) throw new Error('expected a write');
    const added = blocked.files[0]!.content;
    expect(added.startsWith(BEFORE)).toBe(true);
    expect(added.split('\r\n').length - 1).toBe(added.split('\n').length - 1);
    const unblocked = await planBlock(snapshot(added), { ...request, action: 'unblock' });
    if (!unblocked.write) throw new Error('expected a write');
    expect(unblocked.files).toEqual([{ path: 'blocked.yaml', content: BEFORE }]);
  });

  const ENTRY = lf('blocked:', '  - app: user-service', `    digest: ${D2}`, `    image: ${REG}/user-service:6.6.6@${D2}`, '    reason: crashes on start', '');
  test.each([
    ['the tag it was blocked under', `${REG}/user-service:6.6.6@${D2}`],
    ['another tag of the same digest', `${REG}/user-service:latest@${D2}`],
    ['the digest alone', `${REG}/user-service@${D2}`],
  ])('an unblock records the image as it was blocked, whatever tag names the digest: %s', async (_title, image) => {
    const unblocked = await planBlock(snapshot(ENTRY), { app: 'user-service', image, reason: 'fixed upstream', action: 'unblock' });
    if (!unblocked.write) throw new Error('expected a write');
    expect(unblocked.result.image).toBe(`${REG}/user-service:6.6.6@${D2}`);
    expect(unblocked.message).toMatch(/^unblock\(user-service\): 6\.6\.6 \(/);
    expect(unblocked.message).toContain(`\nFerry-Image: ${REG}/user-service:6.6.6@${D2}\n`);
    expect(unblocked.message).toContain('\nFerry-Reason: fixed upstream\n');
  });

  test('an entry whose image names another digest (a hand edit) is not recorded: the image given is', async () => {
    const edited = ENTRY.replace(`:6.6.6@${D2}`, `:6.6.6@${D1}`);
    const unblocked = await planBlock(snapshot(edited), { app: 'user-service', image: `${REG}/user-service:7.0.0@${D2}`, reason: 'fixed', action: 'unblock' });
    if (!unblocked.write) throw new Error('expected a write');
    expect(unblocked.message).toContain(`\nFerry-Image: ${REG}/user-service:7.0.0@${D2}\n`);
  });

  test('a block already in place is skipped and reports the block on record: its image and reason, not the ones given', async () => {
    const again = await planBlock(snapshot(ENTRY), { app: 'user-service', image: `${REG}/user-service:latest@${D2}`, reason: 'another reason', action: 'block' });
    expect(again.write).toBe(false);
    expect(again.result).toMatchObject({ image: `${REG}/user-service:6.6.6@${D2}`, reason: 'crashes on start', digest: D2 });
  });
});

describe('a block covers its digest for every app: the same bytes are as bad under any app or name', () => {
  const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
  // Two apps that run the same image (user-worker is user-service's image with other arguments).
  const FERRY = lf(`registry: ${REG}`, 'environments:', '  - name: dev', 'apps:',
    '  - name: user-service', '    image: user-service', '    manifest: "{env}/user-service/kustomization.yaml"',
    '  - name: user-worker', '    image: user-service', '    manifest: "{env}/user-worker/kustomization.yaml"', '');
  const snapshot = (blocked: string) => ({ commit: 'c'.repeat(40), readFile: async (path: string) => ({ 'ferry.yaml': FERRY, 'blocked.yaml': blocked })[path] });
  const BAD = `${REG}/user-service:6.6.6@${D2}`;
  const SERVICE: BlockedDigest = { app: 'user-service', digest: D2, image: BAD, reason: 'CVE-2026-0001', by: 'alice', at: '2026-01-02T03:04:05Z' };
  const WORKER: BlockedDigest = { app: 'user-worker', digest: D2, reason: 'crashes', by: 'bob', at: '2026-01-03T00:00:00Z' };
  const file = (...entries: BlockedDigest[]) => entries.reduce<string | undefined>((text, { at, ...e }) => addBlocked(text, e, new Date(at!)), undefined)!;

  test.each<[string, BlockedDigest[], string, BlockedDigest | undefined]>([
    ['the app it was blocked for', [SERVICE], 'user-service', SERVICE],
    ['another app that runs the same image', [SERVICE], 'user-worker', SERVICE],
    ['an app ferry.yaml does not name (blocked under a name since renamed)', [SERVICE], 'user-svc', SERVICE],
    ['an app with an entry of its own: that entry', [SERVICE, WORKER], 'user-worker', WORKER],
    ['another digest: not blocked', [{ ...SERVICE, digest: D3 }], 'user-service', undefined],
  ])('findBlocked for %s', (_title, list, app, expected) => {
    expect(findBlocked(list, app, D2)).toEqual(expected);
  });

  test('assertNotBlocked refuses the digest for another app, naming the app it was blocked for, who, when and why', () => {
    expect(() => assertNotBlocked([SERVICE], 'user-worker', BAD, D2)).toThrow(RefusedError);
    expect(() => assertNotBlocked([SERVICE], 'user-worker', BAD, D2)).toThrow(
      `refused: ${BAD} is blocked for app "user-service" (since 2026-01-02T03:04:05Z by alice): CVE-2026-0001; a blocked digest is refused for every app, "user-worker" too; \`ferry unblock --app user-service\` allows it again`,
    );
    // For the app it was blocked for, as before.
    expect(() => assertNotBlocked([SERVICE], 'user-service', BAD, D2)).toThrow(`refused: ${BAD} is blocked for app "user-service" (since 2026-01-02T03:04:05Z by alice): CVE-2026-0001; \`ferry unblock\` allows it again`);
    expect(() => assertNotBlocked([SERVICE], 'user-worker', BAD, D3)).not.toThrow();
  });

  test('ferry block of a digest another app\'s entry blocks: skipped (that entry covers it), the entry on record named', async () => {
    const planned = await planBlock(snapshot(file(SERVICE)), { action: 'block', app: 'user-worker', image: `${REG}/user-service:latest@${D2}`, reason: 'crashes', requestedBy: 'bob' });
    expect(planned.write).toBe(false);
    expect(planned.result).toEqual({
      action: 'block', app: 'user-worker', image: `${REG}/user-service:latest@${D2}`, digest: D2, reason: 'CVE-2026-0001',
      notice: 'already blocked for app "user-service" (since 2026-01-02T03:04:05Z by alice): CVE-2026-0001, which blocks it for every app, "user-worker" too: no second entry is added (`ferry unblock --app user-service` allows it again)',
      stillPinned: [], // (the snapshot has no manifest: pinned nowhere)
    });
  });

  test('ferry unblock names the app whose entry it removes: another app\'s is refused (it would still block the digest), nothing written', async () => {
    const request = { action: 'unblock' as const, app: 'user-worker', image: BAD, reason: 'fixed' };
    await expect(planBlock(snapshot(file(SERVICE)), request)).rejects.toThrow(ConfigurationError);
    await expect(planBlock(snapshot(file(SERVICE)), request)).rejects.toThrow(
      `app: ${BAD} has no entry for app "user-worker" in blocked.yaml: it is blocked for app "user-service" (since 2026-01-02T03:04:05Z by alice): CVE-2026-0001, which blocks it for every app; \`ferry unblock --app user-service\` removes that entry; nothing was changed`,
    );
    // A digest blocked nowhere: skipped, as before.
    expect((await planBlock(snapshot(''), request)).write).toBe(false);
  });

  test('ferry unblock of one of two apps\' entries removes that entry and says the other still blocks the digest', async () => {
    const before = file(SERVICE, WORKER);
    const planned = await planBlock(snapshot(before), { action: 'unblock', app: 'user-service', image: BAD, reason: 'fixed' });
    if (!planned.write) throw new Error('expected a write');
    expect(parseBlocklist(planned.files[0]!.content)).toEqual([WORKER]);
    expect(planned.result.notice).toBe('still blocked for every app, "user-service" too: it is blocked for app "user-worker" (since 2026-01-03T00:00:00Z by bob): crashes; `ferry unblock --app user-worker` removes that entry');
  });
});
