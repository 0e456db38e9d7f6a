// Status rows and the text tables: a pin validate would reject is a row with validate's reason;
// BY is who asked for a Ferry commit; no text from a commit or a file reaches a terminal raw.
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../actions/src/core/config.js';
import { formatProblem, quote } from '../../actions/src/core/errors.js';
import { computeStatus, formatStatusTable, readPins, TAG_WIDTH, type ChangeInfo, type StatusResult, type StatusRow } from '../../actions/src/core/status.js';
import { clip, formatTable, visible, visibleLines } from '../../actions/src/core/table.js';
import { validateManifests } from '../../actions/src/core/validate.js';

const lines = (...l: string[]): string => l.join('\n');
const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D = `sha256:${'a'.repeat(64)}`;
const EVIL = 'docker.io/evil';

const config = await parseConfig(lines(
  `registry: ${REG}`,
  'environments:',
  '  - name: dev',
  'apps:',
  '  - name: user-service',
  '    image: user-service',
  '    manifest: "{env}/user-service/kustomization.yaml"',
  '  - name: chart',
  '    image: chart',
  '    manifest: "{env}/chart/values.yaml"',
  '    helm: { repository: image.repository, tag: image.tag, digest: image.digest }',
  '  - name: bare-chart',
  '    image: bare-chart',
  '    manifest: "{env}/bare-chart/values.yaml"',
  '    helm: { tag: image.tag, digest: image.digest }',
  '  - name: web',
  '    image: web',
  '    manifest: "{env}/web/deployment.yaml"',
  '    container: { name: web }',
  '',
));

const K = 'dev/user-service/kustomization.yaml';
const V = 'dev/chart/values.yaml';
const B = 'dev/bare-chart/values.yaml';
const W = 'dev/web/deployment.yaml';

/** The overlay's images: entry on line 2, then newName (value at column 14), newTag and digest (column 13). */
const overlay = (...entry: string[]): string => lines('images:', '  - name: user-service', ...entry, '');
const values = (...image: string[]): string => lines('image:', ...image, '');
/** The container's image on line 9, at column 18. */
const deployment = (image: string): string =>
  lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', `          image: ${image}`, '');

const GOOD: Record<string, string> = {
  [K]: overlay(`    newName: ${REG}/user-service`, '    newTag: 1.0.0', `    digest: ${D}`),
  [V]: values(`  repository: ${REG}/chart`, '  tag: "2.0.0"', `  digest: ${D}`),
  [B]: values('  tag: "3.0.0"', `  digest: ${D}`),
  [W]: deployment(`${REG}/web:4.0.0@${D}`),
};

/** The rows of readPins with one manifest replaced. */
function rowsWith(path: string, text: string): StatusRow[] {
  return readPins(config, new Map(Object.entries({ ...GOOD, [path]: text })));
}

describe('readPins', () => {
  test('sound pins: what each pins, no error; a Helm pin without a repository path names the app\'s image', () => {
    expect(readPins(config, new Map(Object.entries(GOOD)))).toEqual([
      { env: 'dev', app: 'user-service', manifest: K, image: `${REG}/user-service:1.0.0@${D}`, tag: '1.0.0', digest: D },
      { env: 'dev', app: 'chart', manifest: V, image: `${REG}/chart:2.0.0@${D}`, tag: '2.0.0', digest: D },
      { env: 'dev', app: 'bare-chart', manifest: B, image: `${REG}/bare-chart:3.0.0@${D}`, tag: '3.0.0', digest: D },
      { env: 'dev', app: 'web', manifest: W, image: `${REG}/web:4.0.0@${D}`, tag: '4.0.0', digest: D },
    ]);
  });

  // What validate reports, word for word; the row keeps what the file pins, for the reader to see.
  test.each<[string, string, string, Partial<StatusRow>]>([
    [
      'kustomize: newName edited to another image', K, overlay(`    newName: ${EVIL}/user-service`, '    newTag: 1.0.0', `    digest: ${D}`),
      { image: `${EVIL}/user-service:1.0.0@${D}`, tag: '1.0.0', digest: D, error: `${K}:3:14: images[0].newName: expected "${REG}/user-service" (the image of app "user-service" in ferry.yaml), found "${EVIL}/user-service"` },
    ],
    [
      'kustomize: a tag and no digest', K, overlay(`    newName: ${REG}/user-service`, '    newTag: 1.0.0'),
      { image: `${REG}/user-service:1.0.0`, tag: '1.0.0', error: `${K}:2:5: images[0].digest: the image of app "user-service" is not pinned by digest: expected sha256:<64 lowercase hex digits>, found nothing` },
    ],
    [
      'kustomize: a digest that is none', K, overlay(`    newName: ${REG}/user-service`, '    newTag: 1.0.0', '    digest: sha256:abc'),
      { image: `${REG}/user-service:1.0.0@sha256:abc`, tag: '1.0.0', digest: 'sha256:abc', error: `${K}:5:13: images[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc" (the digest has 3 hex digits, not 64)` },
    ],
    [
      'Helm: image.repository edited to another image', V, values(`  repository: ${EVIL}/chart`, '  tag: "2.0.0"', `  digest: ${D}`),
      { image: `${EVIL}/chart:2.0.0@${D}`, tag: '2.0.0', digest: D, error: `${V}:2:15: image.repository: expected "${REG}/chart" (the image of app "chart" in ferry.yaml), found "${EVIL}/chart"` },
    ],
    [
      'a Deployment\'s container image edited to another image', W, deployment(`${EVIL}/web:4.0.0@${D}`),
      { image: `${EVIL}/web:4.0.0@${D}`, tag: '4.0.0', digest: D, error: `${W}:9:18: spec.template.spec.containers[0].image: expected an image of "${REG}/web" (app "web" in ferry.yaml), found "${EVIL}/web:4.0.0@${D}"` },
    ],
    [
      'a Deployment\'s container image by tag only', W, deployment(`${REG}/web:4.0.0`),
      { image: `${REG}/web:4.0.0`, tag: '4.0.0', error: `${W}:9:18: spec.template.spec.containers[0].image: the image of app "web" is not pinned by digest: expected registry/repository[:tag]@sha256:<64 lowercase hex digits>, found "${REG}/web:4.0.0"` },
    ],
    [
      'Helm: a digest written as an alias (every write refuses it)', V, `d: &d ${D}\n${values(`  repository: ${REG}/chart`, '  tag: "2.0.0"', '  digest: *d')}`,
      { image: `${REG}/chart:2.0.0@${D}`, tag: '2.0.0', digest: D, error: expect.stringMatching(/^dev\/chart\/values\.yaml:\d+:\d+: image\.digest: .*alias \*d/) as unknown as string },
    ],
  ])('%s: a row with validate\'s reason', (_title, path, text, expected) => {
    const row = rowsWith(path, text).find((r) => r.manifest === path)!;
    expect(row).toEqual({ env: 'dev', app: row.app, manifest: path, ...expected });
    const app = config.apps.find((a) => a.name === row.app)!;
    const validate = validateManifests({ ...config, apps: [app] }, new Map([[path, text]]));
    expect(row.error).toBe(validate.problems.map(formatProblem).join('; '));
    // The other rows are untouched.
    expect(rowsWith(path, text).filter((r) => r.error !== undefined)).toHaveLength(1);
  });

  test('a missing file and YAML that does not parse: a row with the reason and nothing read', () => {
    const rows = readPins(config, new Map(Object.entries({ ...GOOD, [K]: undefined, [V]: 'image: [\n' })));
    expect(rows[0]).toEqual({ env: 'dev', app: 'user-service', manifest: K, error: `${K}: no such file` });
    expect(rows[1]).toEqual({ env: 'dev', app: 'chart', manifest: V, error: expect.stringMatching(/^dev\/chart\/values\.yaml:2:1: the YAML does not parse: /) });
  });
});

const change = (author: string, requestedBy?: string): ChangeInfo =>
  ({ commit: 'c0ffee'.padEnd(40, '0'), date: '2024-03-01T12:00:00+02:00', author, ...(requestedBy !== undefined ? { requestedBy } : {}), subject: 's' });

describe('formatStatusTable', () => {
  test('without a known pin, PINNED, COMMIT and BY describe the last commit that changed the manifest; BY is who asked for a Ferry commit, else its author', () => {
    const pins = readPins(config, new Map(Object.entries({ ...GOOD, [W]: deployment(`${EVIL}/web:4.0.0@${D}`) })));
    const changes = new Map([[K, change('Ferry', 'alice')], [V, change('Ada Lovelace')]]);
    const table = formatStatusTable(computeStatus(config, 'f'.repeat(40), pins, changes)).split('\n');
    expect(table[0]).toMatch(/^APP +ENV +TAG +DIGEST +PINNED +COMMIT +BY$/);
    expect(table[1]).toMatch(/^user-service +dev +1\.0\.0 +sha256:aaaaaaaaaaaa +2024-03-01 10:00:00Z +c0ffee000000 +alice$/);
    expect(table[2]).toMatch(/^chart +dev +2\.0\.0 +sha256:aaaaaaaaaaaa +2024-03-01 10:00:00Z +c0ffee000000 +Ada Lovelace$/);
    // A pin of another image: marked, never shown as a pin, its reason below the table (in the
    // DIGEST column, as it was, it set that column's width for every row).
    expect(table[4]).toMatch(/^web +dev +! +see below +- +- +-$/);
    expect(table.slice(5)).toEqual(['', `! web in dev: ${pins[3]!.error!}`]);
    expect(table[6]).toMatch(new RegExp(`^! web in dev: ${W.replaceAll('.', '\\.')}:9:18: .*found "docker\\.io/evil/web:4\\.0\\.0@sha256:a{64}"$`));
  });

  const row = (app: string, tag: string): StatusRow => ({ env: 'dev', app, manifest: `dev/${app}/kustomization.yaml`, image: `${REG}/${app}:${tag}@${D}`, tag, digest: D, changed: change('alice') });
  const status = (...rows: StatusRow[]): StatusResult => ({ commit: 'f'.repeat(40), environments: ['dev'], apps: rows.map((r) => r.app), rows });
  const TAG128 = `release-2026.11.24-build.4711-${'x'.repeat(98)}`;
  const reason = `${K}:3:14: images[0].newName: expected "${REG}/user-service" (the image of app "user-service" in ferry.yaml), found "${EVIL}/${'u'.repeat(200)}"`;

  test('a tag longer than TAG_WIDTH is cut with … to that width; the other lines are as they would be without it', () => {
    expect(TAG128).toHaveLength(128);
    const table = formatStatusTable(status(row('a', '1.0.0'), row('b', TAG128))).split('\n');
    expect(table).toEqual([
      'APP  ENV  TAG                       DIGEST               PINNED                COMMIT        BY',
      'a    dev  1.0.0                     sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  c0ffee000000  alice',
      'b    dev  release-2026.11.24-buil…  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  c0ffee000000  alice',
    ]);
    expect(TAG_WIDTH).toBe(24);
    // A tag of TAG_WIDTH characters is shown whole.
    const fits = 'v'.repeat(TAG_WIDTH);
    expect(formatStatusTable(status(row('a', fits))).split('\n')[1]).toContain(`  ${fits}  sha256:`);
  });

  test('a row with an error: ! and "see below" in its line, the reason below the table (one line per row with an error, in row order); no column is wider for it', () => {
    const clean = formatStatusTable(status(row('a', '1.0.0'), row('b', '2.0.0'), row('c', '3.0.0'))).split('\n');
    const broken = { ...row('b', '2.0.0'), error: reason };
    const missing: StatusRow = { env: 'dev', app: 'c', manifest: 'dev/c/kustomization.yaml', error: 'dev/c/kustomization.yaml: no such file' };
    const table = formatStatusTable(status(row('a', '1.0.0'), broken, missing)).split('\n');
    expect(table).toEqual([
      clean[0],
      clean[1],
      'b    dev  !      see below            2024-03-01 10:00:00Z  c0ffee000000  alice',
      'c    dev  !      see below            -                     -             -',
      '',
      `! b in dev: ${reason}`,
      '! c in dev: dev/c/kustomization.yaml: no such file',
    ]);
    // The table's lines are no longer than without the errors (the reasons run to 300 characters).
    expect(Math.max(...table.slice(0, 4).map((l) => l.length))).toBeLessThanOrEqual(Math.max(...clean.map((l) => l.length)));
  });

  test('with a known pin, PINNED, COMMIT and BY are the pin\'s, not the last change\'s: * when the manifest changed since (said below the table, before any reason), (by hand) and (ferry init) after who', () => {
    const at = (commit: string, date: string, author: string, requestedBy?: string): ChangeInfo =>
      ({ commit: commit.padEnd(40, '0'), date, author, ...(requestedBy !== undefined ? { requestedBy } : {}), subject: 's' });
    const pin = at('a1', '2024-03-01T10:00:00Z', 'Ferry', 'alice');
    const edit = at('e1', '2024-03-05T10:00:00Z', 'mallory');
    const rows: StatusRow[] = [
      { ...row('a', '1.0.0'), pinned: { ...pin, action: 'bump' }, changed: edit },
      { ...row('b', '1.0.0'), pinned: { ...edit, byHand: true }, changed: edit },
      { ...row('c', '1.0.0'), pinned: { ...at('00', '2024-01-01T00:00:00Z', 'Ada'), action: 'init' }, changed: at('00', '2024-01-01T00:00:00Z', 'Ada') },
      { ...row('d', '2.0.0'), pinned: { ...pin, action: 'promote', ferryCommit: 'f'.repeat(40) }, changed: pin },
      { ...row('e', '3.0.0'), error: 'no' },
    ];
    expect(formatStatusTable(status(...rows)).split('\n')).toEqual([
      'APP  ENV  TAG    DIGEST               PINNED                COMMIT         BY',
      'a    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  a10000000000*  alice',
      'b    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-03-05 10:00:00Z  e10000000000   mallory (by hand)',
      'c    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-01-01 00:00:00Z  000000000000   Ada (ferry init)',
      'd    dev  2.0.0  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  a10000000000   alice',
      'e    dev  !      see below            2024-03-01 10:00:00Z  c0ffee000000   alice',
      '',
      '* the manifest changed since the pin, its digest did not (--json: "changed" is the last change)',
      '! e in dev: no',
    ]);
    // No * anywhere: no line about it.
    expect(formatStatusTable(status(rows[1]!, rows[2]!))).not.toContain('*');
  });

  test('a Ferry pin with no Ferry-Requested-By: BY is empty, as ferry history shows it, not its author (Ferry\'s fallback identity, whoever ran it); by hand keeps its author', () => {
    const at = (commit: string, author: string, requestedBy?: string): ChangeInfo =>
      ({ commit: commit.padEnd(40, '0'), date: '2024-03-01T10:00:00Z', author, ...(requestedBy !== undefined ? { requestedBy } : {}), subject: 's' });
    const rows: StatusRow[] = [
      { ...row('a', '1.0.0'), pinned: { ...at('a1', 'Ferry'), action: 'bump' }, changed: at('a1', 'Ferry') },
      { ...row('b', '1.0.0'), pinned: { ...at('b1', 'Ada Lovelace'), action: 'promote' }, changed: at('b1', 'Ada Lovelace') },
      { ...row('c', '1.0.0'), pinned: { ...at('c1', 'Ferry', 'alice'), action: 'rollback' }, changed: at('c1', 'Ferry', 'alice') },
      { ...row('d', '1.0.0'), pinned: { ...at('d1', 'Ferry'), byHand: true }, changed: at('d1', 'Ferry') },
    ];
    expect(formatStatusTable(status(...rows)).split('\n')).toEqual([
      'APP  ENV  TAG    DIGEST               PINNED                COMMIT        BY',
      'a    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  a10000000000',
      'b    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  b10000000000',
      'c    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  c10000000000  alice',
      'd    dev  1.0.0  sha256:aaaaaaaaaaaa  2024-03-01 10:00:00Z  d10000000000  Ferry (by hand)',
    ]);
  });

  test('the note on a blocked digest says why before who blocked it: a long requester is cut, not the reason (100 columns)', () => {
    const blocked = (by: string) => ({ ...row('a', '1.0.0'), blocked: { app: 'a', reason: 'INC-77', by } });
    const note = (by: string) => formatStatusTable(status(blocked(by))).split('\n').at(-1)!;
    expect(note('oncall')).toBe('(blocked) a in dev: sha256:aaaaaaaaaaaa blocked: INC-77 (by oncall)');
    const long = note(`Release Manager On Call <${'r'.repeat(80)}@example.com>`);
    expect(long).toMatch(/^\(blocked\) a in dev: sha256:aaaaaaaaaaaa blocked: INC-77 \(by Release Manager On Call <r+…$/);
    expect(Array.from(long)).toHaveLength(100);
    // Blocked for another app (a block names content): said with the reason too.
    const other = formatStatusTable(status({ ...row('a', '1.0.0'), blocked: { app: 'b', reason: 'CVE-1' } })).split('\n').at(-1);
    expect(other).toBe('(blocked) a in dev: sha256:aaaaaaaaaaaa blocked for app "b": CVE-1');
  });

  test('a reason with control characters is written out below the table too; app and environment as well', () => {
    const rows: StatusRow[] = [{ env: 'd\u001bev', app: 'a\u202e', manifest: 'm', error: 'm: found "x"\r\u001b[2Kforged' }];
    const table = formatStatusTable(status(...rows));
    for (const raw of ['\u001b', '\r', '\u202e']) expect(table).not.toContain(raw);
    expect(table.split('\n').at(-1)).toBe('! a\\u202e in d\\u001bev: m: found "x"\\u000d\\u001b[2Kforged');
  });

  test('an author\'s name that would rewrite the terminal\'s lines is shown escaped, the columns kept', () => {
    const pins = readPins(config, new Map(Object.entries(GOOD)));
    const fake = 'x\u001b[2K\u001b[1A\u001b[2K\rweb  dev  9.9.9  sha256:000000000000';
    const table = formatStatusTable(computeStatus(config, 'f'.repeat(40), pins, new Map([[K, change(fake)], [V, change('y', '\u202eecila')]])));
    for (const raw of ['\u001b', '\r', '\u202e']) expect(table).not.toContain(raw);
    expect(table.split('\n')).toHaveLength(5);
    expect(table.split('\n')[1]!.endsWith(' x\\u001b[2K\\u001b[1A\\u001b[2K\\u000dweb  dev  9.9.9  sha256:000000000000')).toBe(true);
    expect(table.split('\n')[2]).toMatch(/ \\u202eecila$/);
  });
});

describe('clip', () => {
  test.each<[string, number, string]>([
    ['1.0.0', 24, '1.0.0'],
    ['abcdef', 6, 'abcdef'],
    ['abcdefg', 6, 'abcde…'],
    // Characters, not UTF-16 units: a pair is never cut in two.
    ['\u{1f600}\u{1f600}\u{1f600}', 2, '\u{1f600}…'],
  ])('clip(%j, %i) is %j', (text, width, clipped) => {
    expect(clip(text, width)).toBe(clipped);
  });
});

describe('formatTable', () => {
  test('a table of 300,000 rows (a long history): formatted, not a stack overflow', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`r${i}`, 'x']);
    const text = formatTable(['ROW', 'X'], rows);
    expect(text.split('\n')).toHaveLength(300_001);
    expect(text.split('\n')[300_000]).toBe('r299999  x');
  });

  // Every character that acts instead of showing: C0 (tab and line breaks too), DEL, C1 (CSI
  // U+009B starts an escape sequence on its own), the Unicode line breaks, bidi controls.
  test.each([
    ['\u0000', '\\u0000'], ['\t', '\\u0009'], ['\n', '\\u000a'], ['\r', '\\u000d'], ['\u001b', '\\u001b'], ['\u001f', '\\u001f'],
    ['\u007f', '\\u007f'], ['\u0080', '\\u0080'], ['\u009b', '\\u009b'], ['\u009f', '\\u009f'],
    ['\u2028', '\\u2028'], ['\u2029', '\\u2029'],
    ['\u202a', '\\u202a'], ['\u202b', '\\u202b'], ['\u202c', '\\u202c'], ['\u202d', '\\u202d'], ['\u202e', '\\u202e'],
    ['\u2066', '\\u2066'], ['\u2067', '\\u2067'], ['\u2068', '\\u2068'], ['\u2069', '\\u2069'],
    ['\u200e', '\\u200e'], ['\u200f', '\\u200f'], ['\u061c', '\\u061c'],
  ])('%j is shown as %s, in any cell, padded by what shows', (raw, shown) => {
    expect(formatTable(['A', 'B'], [[`a${raw}b`, `c${raw}`], ['x', 'y']])).toBe([
      `A${' '.repeat(shown.length + 1)}  B`,
      `a${shown}b  c${shown}`,
      `x${' '.repeat(shown.length + 1)}  y`,
    ].join('\n'));
  });

  test.each(['plain', 'é ü 漢字 – “quotes” \\ backslash', '\u00a0no-break space', '\u202f narrow', '\u00a0'])('%j is shown as it is', (text) => {
    expect(visible(text)).toBe(text);
    expect(formatTable(['A'], [[text]])).toBe(`A\n${text.trimEnd()}`);
  });
});

describe('visibleLines and quote: text for a terminal or a log, shown and not acted on', () => {
  const acting = ['\u0000', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202e', '\u2066', '\u200f', '\u061c'];
  test.each(acting)('%j is written out; line breaks and tabs stay', (raw) => {
    const shown = `\\u${raw.charCodeAt(0).toString(16).padStart(4, '0')}`;
    expect(visibleLines(`one${raw}\ttwo\nthree`)).toBe(`one${shown}\ttwo\nthree`);
  });

  test('a CRLF line break stays (a diff of a CRLF file); a carriage return of its own does not', () => {
    expect(visibleLines('a: 1\r\nb: 2\r\n')).toBe('a: 1\r\nb: 2\r\n');
    expect(visibleLines('safe\rforged\r\n')).toBe('safe\\u000dforged\r\n');
  });

  test.each(acting)('quote(%j) writes it out too, and stays a JSON string of the same value', (raw) => {
    const quoted = quote(`a${raw}b`);
    expect(quoted).not.toContain(raw);
    expect(JSON.parse(quoted)).toBe(`a${raw}b`);
  });

  test('quote leaves other text as JSON.stringify writes it', () => {
    expect(quote('é 漢字 "x" \\')).toBe(JSON.stringify('é 漢字 "x" \\'));
  });
});
