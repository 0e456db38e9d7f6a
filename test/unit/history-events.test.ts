// ferry history's events from Ferry commits' trailers: a promotion of several apps is one commit
// with each app's trailers in turn, and each app has its event in the history.
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { atLanding, branchHistoryEvents, editsBeyondLandedPins, formatHistory, handEditEvents, historyEvents, landedEvents, mergedChanges, pinChangedEdits, pinEvents, unknownFilterNames, unreadConfigWarning, type HistoryEvent, type HistoryFilter } from '../../actions/src/core/history.js';
import { commitMessage, trailerList } from '../../actions/src/core/trailers.js';

const image = (app: string, tag: string) => `reg.example.com/${app}:${tag}@sha256:${tag.replace(/\D/g, '').padStart(64, '0')}`;
const promoteBoth = {
  commit: 'c'.repeat(40),
  date: '2026-11-24T10:00:00Z',
  trailers: trailerList(commitMessage('promote(stage): 2 apps (api, web)', [
    ['Ferry-Action', 'promote'], ['Ferry-Env', 'stage'], ['Ferry-From', 'dev'],
    ['Ferry-App', 'api'], ['Ferry-Image', image('api', '2.0.0')], ['Ferry-Previous-Image', image('api', '1.0.0')],
    ['Ferry-App', 'web'], ['Ferry-Image', image('web', '3.0.0')], ['Ferry-Previous-Image', image('web', '1.0.0')],
    ['Ferry-Gate', 'soak=pass(1h>=30m)'], ['Ferry-Requested-By', 'alice'],
  ])),
};

describe('historyEvents', () => {
  test('a promotion of two apps: an event for each, with its own image and previous image', () => {
    const events = historyEvents([promoteBoth]);
    expect(events.map((e) => [e.app, e.image, e.previousImage, e.env, e.from, e.gates, e.requestedBy])).toEqual([
      ['api', image('api', '2.0.0'), image('api', '1.0.0'), 'stage', 'dev', 'soak=pass(1h>=30m)', 'alice'],
      ['web', image('web', '3.0.0'), image('web', '1.0.0'), 'stage', 'dev', 'soak=pass(1h>=30m)', 'alice'],
    ]);
  });

  test('--app narrows to that app\'s event, whichever place it has in the commit', () => {
    expect(historyEvents([promoteBoth], { app: 'web' }).map((e) => [e.app, e.image])).toEqual([['web', image('web', '3.0.0')]]);
    expect(historyEvents([promoteBoth], { env: 'stage', app: 'api' }).map((e) => e.app)).toEqual(['api']);
    expect(historyEvents([promoteBoth], { env: 'prod' })).toEqual([]);
  });

  test('--env keeps what names no environment: a block or unblock holds in every one (as audit --env keeps its findings)', () => {
    const blocked = { commit: 'b'.repeat(40), date: '2026-11-24T11:00:00Z', trailers: trailerList(commitMessage('block: api 2.0.0', [['Ferry-Action', 'block'], ['Ferry-App', 'api'], ['Ferry-Image', image('api', '2.0.0')], ['Ferry-Reason', 'crash loop']])) };
    expect(historyEvents([blocked, promoteBoth], { env: 'prod' }).map((e) => [e.action, e.app])).toEqual([['block', 'api']]);
    expect(historyEvents([blocked, promoteBoth], { env: 'stage', app: 'api' }).map((e) => [e.action, e.app])).toEqual([['block', 'api'], ['promote', 'api']]);
    expect(historyEvents([blocked], { env: 'prod', app: 'web' })).toEqual([]);
  });
});

describe('handEditEvents: a change of a pinned manifest that no Ferry commit made', () => {
  const owners = new Map([['prod/api/kustomization.yaml', [{ env: 'prod', app: 'api' }]]]);
  // (A message as git has it, where commitMessage() would refuse what a hand-made commit may hold.)
  const change = (trailers: [string, string][] | string) => ({ commit: 'e'.repeat(40), date: '2026-11-24T12:00:00Z', files: ['prod/api/kustomization.yaml'], trailers: trailerList(typeof trailers === 'string' ? trailers : commitMessage('hotfix prod by hand', trailers)) });
  test.each<[string, [string, string][] | string, number]>([
    ['no trailers', [], 1],
    // (ferry audit reports it as made without Ferry trailers: a Ferry commit has a Ferry-Action)
    ['a stray Ferry-Reason copied from a Ferry commit, and no Ferry-Action', [['Ferry-Reason', 'emergency']], 1],
    ['an empty Ferry-Action (not Ferry\'s, as historyEvents has it: no event either)', 'hotfix prod by hand\n\nFerry-Action:\n', 1],
    ['a Ferry commit (its trailers are audit\'s to check)', [['Ferry-Action', 'bump'], ['Ferry-Env', 'prod'], ['Ferry-App', 'api']], 0],
  ])('%s', (_name, trailers, n) => {
    expect(handEditEvents([change(trailers)], owners)).toHaveLength(n);
  });
});

describe('hand edits of a manifest apps share: the apps whose pin the commit changed', () => {
  const path = 'prod/shared/kustomization.yaml';
  const owners = new Map([[path, [{ env: 'prod', app: 'api' }, { env: 'prod', app: 'web' }]]]);
  const change = (commit: string) => ({ commit: commit.repeat(40), date: '2026-11-24T12:00:00Z', files: [path], trailers: trailerList('by hand\n') });
  test('an edit for each app that pins the file, narrowed down to the apps whose pin changed; none changed: every one', () => {
    const edits = handEditEvents([change('b'), change('a')], owners);
    expect(edits.map((e) => [e.commit[0], e.app])).toEqual([['b', 'api'], ['b', 'web'], ['a', 'api'], ['a', 'web']]);
    const pins = [
      { path, before: image('api', '1.0.0'), after: image('api', '1.0.0') },
      { path, before: image('web', '1.0.0'), after: image('web', '2.0.0') },
      { path, before: image('api', '1.0.0'), after: image('api', '1.0.0') },
      { path, before: image('web', '1.0.0'), after: image('web', '1.0.0') },
    ];
    expect(pinChangedEdits(edits, pins).map((e) => [e.commit[0], e.app])).toEqual([['b', 'web'], ['a', 'api'], ['a', 'web']]);
  });
  test('the edit of a manifest one app pins is kept whatever it changed', () => {
    const one = new Map([[path, [{ env: 'prod', app: 'api' }]]]);
    const edits = handEditEvents([change('a')], one);
    expect(pinChangedEdits(edits, [{ path, before: image('api', '1.0.0'), after: image('api', '1.0.0') }]).map((e) => e.app)).toEqual(['api']);
  });
});

test('an app that had nothing pinned has no previous image; the next app keeps its own (matched by image name)', () => {
  const entry = {
    commit: 'd'.repeat(40),
    date: '2026-11-24T11:00:00Z',
    trailers: trailerList(commitMessage('promote(stage): 2 apps (api, web)', [
      ['Ferry-Action', 'promote'], ['Ferry-Env', 'stage'], ['Ferry-From', 'dev'],
      ['Ferry-App', 'api'], ['Ferry-Image', image('api', '2.0.0')],
      ['Ferry-App', 'web'], ['Ferry-Image', image('web', '3.0.0')], ['Ferry-Previous-Image', image('web', '1.0.0')],
    ])),
  };
  expect(historyEvents([entry]).map((e) => [e.app, e.previousImage])).toEqual([['api', undefined], ['web', image('web', '1.0.0')]]);
  expect(pinEvents([entry]).map((e) => [e.app, e.previousImage])).toEqual([['api', undefined], ['web', image('web', '1.0.0')]]);
});

describe('what a rollback with --block blocked and which gate an override let through', () => {
  const rollbackBlocked = {
    commit: 'e'.repeat(40),
    date: '2026-11-25T09:00:00Z',
    trailers: trailerList(commitMessage('rollback(prod): api 1.0.0 (sha256:000000000000) from 2.0.0 (sha256:000000000000)', [
      ['Ferry-Action', 'rollback'], ['Ferry-Env', 'prod'], ['Ferry-App', 'api'],
      ['Ferry-Image', image('api', '1.0.0')], ['Ferry-Previous-Image', image('api', '2.0.0')], ['Ferry-Rollback-To', 'a'.repeat(40)],
      ['Ferry-Blocked', image('api', '2.0.0')], ['Ferry-Reason', 'crash loop'], ['Ferry-Requested-By', 'bob'],
    ])),
  };
  const promoteOverride = {
    commit: 'f'.repeat(40),
    date: '2026-11-25T08:00:00Z',
    trailers: trailerList(commitMessage('promote(prod): web 3.0.0 (sha256:000000000003) from stage', [
      ['Ferry-Action', 'promote'], ['Ferry-Env', 'prod'], ['Ferry-From', 'stage'],
      ['Ferry-App', 'web'], ['Ferry-Image', image('web', '3.0.0')], ['Ferry-Previous-Image', image('web', '1.0.0')],
      ['Ferry-Gate', 'soak=fail(10m<2h) approvals=pass(1/1)'], ['Ferry-Override', 'soak'], ['Ferry-Reason', 'hotfix for INC-42'],
      ['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'carol'],
    ])),
  };

  test.each<[string, typeof promoteOverride, Partial<HistoryEvent>]>([
    ['a rollback with --block: the blocked image', rollbackBlocked, { action: 'rollback', blockedImage: image('api', '2.0.0'), reason: 'crash loop' }],
    ['a promotion with an override: the gate let through, and the reason', promoteOverride, { action: 'promote', override: 'soak', reason: 'hotfix for INC-42', gates: 'soak=fail(10m<2h) approvals=pass(1/1)' }],
  ])('--json: %s', (_title, entry, fields) => {
    const [event] = historyEvents([entry]);
    expect(event).toMatchObject(fields);
  });

  test('a commit without them has neither field', () => {
    for (const event of historyEvents([promoteBoth])) {
      expect(event).not.toHaveProperty('blockedImage');
      expect(event).not.toHaveProperty('override');
    }
  });

  test('the text form: a table per environment in ferry.yaml\'s order (not the latest change\'s), (repository) last, each table\'s rows in the events\' order', () => {
    const event = (commit: string, env?: string): HistoryEvent => ({ commit: commit.repeat(40), date: '2026-11-24T10:00:00Z', action: 'bump', ...(env ? { env } : {}), app: 'api', approvedBy: [] });
    const events = [event('3'), event('1', 'stage'), event('2', 'dev'), event('4', 'stage'), event('5', 'dev'), event('6', 'stage'), event('7'), event('8', 'prod-eu'), event('9', 'old')];
    const tables = (environments?: string[]) => formatHistory(events, {}, environments).split('\n\n').map((t) => t.split('\n')).map(([name, header, ...rows]) => [name, header!.split(/ +/)[0], ...rows.map((r) => r.slice(-12))]);
    expect(tables(['dev', 'stage', 'prod-us', 'prod-eu'])).toEqual([
      ['dev', 'WHEN', '2'.repeat(12), '5'.repeat(12)],
      ['stage', 'WHEN', '1'.repeat(12), '4'.repeat(12), '6'.repeat(12)],
      ['prod-eu', 'WHEN', '8'.repeat(12)],
      // (One ferry.yaml does not name, renamed or removed since: after those it names, by name.)
      ['old', 'WHEN', '9'.repeat(12)],
      ['(repository)', 'WHEN', '3'.repeat(12), '7'.repeat(12)],
    ]);
    // ferry.yaml unread: by name, (repository) last.
    expect(tables().map(([name]) => name)).toEqual(['dev', 'old', 'prod-eu', 'stage', '(repository)']);
  });

  test('the text form shows both in the gates / reason column', () => {
    const lines = formatHistory(historyEvents([rollbackBlocked, promoteOverride])).split('\n');
    expect(lines[0]).toBe('prod');
    // (The commit before the free text, which is last.)
    expect(lines[2]).toMatch(/ rollback +api +1\.0\.0 \(sha256:0{12}\) +2\.0\.0 \(sha256:0{12}\) +bob +e{12} {2}reason: crash loop; blocked: 2\.0\.0 \(sha256:0{12}\)$/);
    expect(lines[3]).toMatch(/ promote from stage +web +3\.0\.0 \(sha256:0{12}\) +1\.0\.0 \(sha256:0{12}\) +alice +carol +f{12} {2}soak=fail\(10m<2h\) approvals=pass\(1\/1\); override: soak; reason: hotfix for INC-42$/);
  });
});

const todaysConfig = await parseConfig('registry: reg.example.com\nenvironments:\n  - name: dev\n  - name: stage\n    promoteFrom: dev\napps:\n  - name: api\n    image: api\n    manifest: "{env}/{app}/kustomization.yaml"\n');

describe('names and filters: today\'s ferry.yaml checks them, the history is not hidden by it', () => {
  // web was removed from ferry.yaml since; its promotion to stage is still in the history.
  const events = historyEvents([promoteBoth]);

  test.each<[string, HistoryFilter, boolean, string[]]>([
    ['an app in ferry.yaml', { app: 'api' }, true, []],
    ['an app removed from ferry.yaml that the history names', { app: 'web' }, true, []],
    ['an environment of ferry.yaml the history does not name', { env: 'dev' }, true, []],
    ['a name in neither', { env: 'qa', app: 'nope' }, true, [
      'no environment "qa" in ferry.yaml or its history (environments: dev, stage)',
      'no app "nope" in ferry.yaml or its history (apps: api, web)',
    ]],
    ['ferry.yaml unreadable: an app the history names', { app: 'web' }, false, []],
    ['ferry.yaml unreadable: a name the history does not have', { env: 'dev' }, false, [
      'no environment "dev" in the history (environments: stage), and ferry.yaml, which may name it, could not be read',
    ]],
  ])('%s', (_title, filter, readable, messages) => {
    const problems = unknownFilterNames(filter, events, readable ? todaysConfig : undefined);
    expect(problems.map((p) => p.message)).toEqual(messages);
    expect(problems.map((p) => p.field)).toEqual(messages.map((m) => (m.startsWith('no app') ? 'app' : 'env')));
  });

  test('the warning of an unreadable ferry.yaml: one line, with file, line, column and field', () => {
    const error = new ConfigurationError([
      { file: 'ferry.yaml', line: 5, column: 18, field: 'environments[1].promoteFrom', message: 'no environment named "devv" (environments: dev, stage)' },
      { file: 'ferry.yaml', line: 9, column: 5, field: 'apps[0]', message: 'unknown key "imgae"' },
    ]);
    expect(unreadConfigWarning(error)).toBe('could not read ferry.yaml, the history is from the commits\' trailers alone: '
      + 'ferry.yaml:5:18: environments[1].promoteFrom: no environment named "devv" (environments: dev, stage); ferry.yaml:9:5: apps[0]: unknown key "imgae"');
  });

  test.each<[HistoryFilter, string]>([
    [{}, 'no Ferry commits'],
    [{ app: 'web' }, 'no Ferry commits for app web'],
    [{ env: 'prod' }, 'no Ferry commits in env prod'],
    [{ env: 'prod', app: 'web' }, 'no Ferry commits for app web in env prod'],
  ])('nothing to show for %j: says what was asked for', (filter, text) => {
    expect(formatHistory([], filter)).toBe(text);
  });
});

describe('control characters from a hand-made commit are never printed as they are', () => {
  // C0 (ESC, tab, CR), DEL, C1 (CSI, NEL), the line and paragraph separators, a bidi override and an isolate.
  const controls = [['ESC', '\u001b'], ['tab', '\t'], ['CR', '\r'], ['DEL', '\u007f'], ['CSI', '\u009b'], ['NEL', '\u0085'], ['U+2028', '\u2028'], ['U+2029', '\u2029'], ['U+202E', '\u202e'], ['U+2066', '\u2066']] as const;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  test.each(controls)('%s in an environment\'s name, a filter, a name asked for', (_name, c) => {
    const env = `st${c}age`;
    const event: HistoryEvent = { commit: 'a'.repeat(40), date: '2026-11-24T10:00:00Z', action: 'bump', env, app: 'api', approvedBy: [] };
    expect(formatHistory([event]).split('\n')[0]).not.toMatch(raw);
    expect(formatHistory([], { env, app: `a${c}pi` })).not.toMatch(raw);
    const [problem] = unknownFilterNames({ env: `q${c}a` }, [event], undefined);
    expect(problem!.message).not.toMatch(raw);
    expect(problem!.message).toMatch(/^no environment "q.+a" in the history \(environments: st.+age\)/);
    expect(unreadConfigWarning(new ConfigurationError({ file: 'ferry.yaml', line: 1, field: 'registry', message: `found "r${c}"` }))).not.toMatch(raw);
  });
});

describe('branchHistoryEvents: each change once, and only what reached the branch', () => {
  type Trailers = [string, string][];
  const bump = (app: string, tag: string, extra: Trailers = []): Trailers => [['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', app], ['Ferry-Image', image(app, tag)], ...extra];
  const promote = (...apps: [string, string][]): Trailers => [['Ferry-Action', 'promote'], ['Ferry-Env', 'stage'], ['Ferry-From', 'dev'], ...apps.flatMap(([app, tag]): Trailers => [['Ferry-App', app], ['Ferry-Image', image(app, tag)]])];
  const block = (app: string, tag: string): Trailers => [['Ferry-Action', 'block'], ['Ferry-App', app], ['Ferry-Image', image(app, tag)], ['Ferry-Reason', 'bad build']];
  /** A commit of the log: its id, its day in November 2026, its parents, its trailers (none: a merge as GitHub words it by default). */
  const c = (commit: string, day: number, parents: string[], trailers: Trailers = []) => ({
    commit, date: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`, parents,
    trailers: trailerList(trailers.length ? commitMessage(`${trailers[0]![1]}: by ${commit}`, trailers) : `Merge pull request #1 from acme/${commit}`),
  });
  const rows = (log: ReturnType<typeof c>[], tip: string, filter: HistoryFilter = {}) =>
    branchHistoryEvents(log, tip, filter).map((e) => [e.commit, e.date.slice(8, 10), e.action, e.app, e.image?.split('@')[0]?.split(':')[1]]);

  test.each<[string, ReturnType<typeof c>[], (string | undefined)[][]]>([
    ['a first-parent history: every Ferry commit, as historyEvents shows it', [
      c('m3', 3, ['m2'], bump('api', '1.2.0')), c('m2', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['m3', '03', 'bump', 'api', '1.2.0'], ['m2', '02', 'bump', 'api', '1.1.0']]],
    ['a merge repeating the trailers of the commit it brought in: one event, the merge\'s id and date', [
      c('M', 5, ['m1', 'b1'], bump('api', '1.1.0')), c('b1', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['M', '05', 'bump', 'api', '1.1.0']]],
    ['a merge without Ferry trailers: the event of the commit it brought in, its id, at the merge\'s date (when it landed)', [
      c('M', 5, ['m1', 'b1']), c('b1', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['b1', '05', 'bump', 'api', '1.1.0']]],
    ['a pin made again on the merged branch before the merge: only the last one reached the branch', [
      c('M', 5, ['m1', 'b2']), c('b2', 3, ['b1'], bump('api', '1.2.0')), c('b1', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['b2', '05', 'bump', 'api', '1.2.0']]],
    ['... and with the merge repeating the last one: the merge alone', [
      c('M', 5, ['m1', 'b2'], bump('api', '1.2.0')), c('b2', 3, ['b1'], bump('api', '1.2.0')), c('b1', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['M', '05', 'bump', 'api', '1.2.0']]],
    ['... told by ancestry, not by date (the later commit dated earlier)', [
      c('M', 5, ['m1', 'b2']), c('b1', 3, ['m1'], bump('api', '1.1.0')), c('b2', 2, ['b1'], bump('api', '1.2.0')), c('m1', 1, []),
    ], [['b2', '05', 'bump', 'api', '1.2.0']]],
    // git lists by date: a merged branch's commit made in the same second as (or before) a later
    // commit of the line came out below it; the history shows it where it landed, with its merge.
    ['a merged branch\'s commit listed by git below a later commit of the line (dates of one second): shown at its merge, above it', [
      c('M', 5, ['m3', 'b1']), c('m3', 5, ['m2'], bump('api', '1.2.0')), c('b1', 5, ['m2'], bump('api', '1.1.0')), c('m2', 2, ['m1'], bump('web', '3.0.0')), c('m1', 1, []),
    ], [['b1', '05', 'bump', 'api', '1.1.0'], ['m3', '05', 'bump', 'api', '1.2.0'], ['m2', '02', 'bump', 'web', '3.0.0']]],
    ['pins of other apps on the merged branch are each kept', [
      c('M', 5, ['m1', 'b2']), c('b2', 3, ['b1'], bump('web', '2.0.0')), c('b1', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['b2', '05', 'bump', 'web', '2.0.0'], ['b1', '05', 'bump', 'api', '1.1.0']]],
    ['a promotion of two apps, one pinned again on the branch: the other app\'s event stays', [
      c('M', 5, ['m1', 'b2']), c('b2', 3, ['b1'], promote(['api', '1.2.0'])), c('b1', 2, ['m1'], promote(['api', '1.1.0'], ['web', '2.0.0'])), c('m1', 1, []),
    ], [['b2', '05', 'promote', 'api', '1.2.0'], ['b1', '05', 'promote', 'web', '2.0.0']]],
    ['a pin that recorded a block, pinned again on the branch: kept, the block is in the blocklist all the same', [
      c('M', 5, ['m1', 'b2']), c('b2', 3, ['b1'], bump('api', '1.2.0')), c('b1', 2, ['m1'], bump('api', '1.1.0', [['Ferry-Blocked', image('api', '1.0.9')]])), c('m1', 1, []),
    ], [['b2', '05', 'bump', 'api', '1.2.0'], ['b1', '05', 'bump', 'api', '1.1.0']]],
    ['a merged block with Ferry\'s message (no environment): once, as the merge', [
      c('M', 5, ['m1', 'b1'], block('api', '6.6.6')), c('b1', 2, ['m1'], block('api', '6.6.6')), c('m1', 1, []),
    ], [['M', '05', 'block', 'api', '6.6.6']]],
    ['a merge whose trailers repeat nothing it brought in: both, each its own', [
      c('M', 5, ['m1', 'b1'], bump('api', '1.1.0')), c('b1', 2, ['m1'], bump('api', '1.0.5')), c('m1', 1, []),
    ], [['M', '05', 'bump', 'api', '1.1.0'], ['b1', '05', 'bump', 'api', '1.0.5']]],
    ['a branch brought up to date with a merge of main: what main had landed already is its own, not the merge\'s', [
      c('M', 6, ['m2', 'U'], bump('web', '2.0.0')), c('U', 4, ['b1', 'm2']), c('m2', 3, ['m1'], bump('web', '1.5.0')),
      c('b1', 2, ['m1'], bump('web', '2.0.0')), c('m1', 1, []),
    ], [['M', '06', 'bump', 'web', '2.0.0'], ['m2', '03', 'bump', 'web', '1.5.0']]],
    // A merge inside the merged branch: each commit hears of the pins after it along each line.
    ['a merged branch with lines of its own: a pin pinned again after it on one of them is left out', [
      c('M', 6, ['m1', 'U']), c('U', 5, ['b1', 'b2']), c('b2', 4, ['b0'], bump('api', '1.2.0')), c('b1', 3, ['b0'], bump('web', '2.0.0')),
      c('b0', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['b2', '06', 'bump', 'api', '1.2.0'], ['b1', '06', 'bump', 'web', '2.0.0']]],
    ['... whichever line the merge inside names first', [
      c('M', 6, ['m1', 'U']), c('U', 5, ['b2', 'b1']), c('b2', 4, ['b0'], bump('api', '1.2.0')), c('b1', 3, ['b0'], bump('web', '2.0.0')),
      c('b0', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['b2', '06', 'bump', 'api', '1.2.0'], ['b1', '06', 'bump', 'web', '2.0.0']]],
    ['... a pin on one line is kept for a pin on another line that it is no ancestor of', [
      c('M', 8, ['m1', 'Z']), c('Z', 7, ['Y', 'X']), c('Y', 6, ['P1'], bump('api', '1.2.0')), c('X', 5, ['P1', 'P2']),
      c('P2', 4, ['m1'], bump('api', '1.1.0')), c('P1', 3, ['m1'], bump('web', '2.0.0')), c('m1', 1, []),
    ], [['Y', '08', 'bump', 'api', '1.2.0'], ['P2', '08', 'bump', 'api', '1.1.0'], ['P1', '08', 'bump', 'web', '2.0.0']]],
    ['... whichever line the merge inside names first', [
      c('M', 8, ['m1', 'Z']), c('Z', 7, ['X', 'Y']), c('Y', 6, ['P1'], bump('api', '1.2.0')), c('X', 5, ['P2', 'P1']),
      c('P2', 4, ['m1'], bump('api', '1.1.0')), c('P1', 3, ['m1'], bump('web', '2.0.0')), c('m1', 1, []),
    ], [['Y', '08', 'bump', 'api', '1.2.0'], ['P2', '08', 'bump', 'api', '1.1.0'], ['P1', '08', 'bump', 'web', '2.0.0']]],
    ['a long merged branch: each pin but the last of each app left out', [
      c('M', 20, ['m1', 'b9']),
      ...Array.from({ length: 9 }, (_, i) => 9 - i).map((n) => c(`b${n}`, 10 + n, [n === 1 ? 'm1' : `b${n - 1}`], bump(['api', 'web', 'db'][n % 3]!, `1.${n}.0`))),
      c('m1', 1, []),
    ], [['b9', '20', 'bump', 'api', '1.9.0'], ['b8', '20', 'bump', 'db', '1.8.0'], ['b7', '20', 'bump', 'web', '1.7.0']]],
    ['a commit on the first-parent line with the same trailers as an older one: both (each landed)', [
      c('m3', 3, ['m2'], bump('api', '1.1.0')), c('m2', 2, ['m1'], bump('api', '1.1.0')), c('m1', 1, []),
    ], [['m3', '03', 'bump', 'api', '1.1.0'], ['m2', '02', 'bump', 'api', '1.1.0']]],
  ])('%s', (_title, log, expected) => {
    expect(rows(log, log[0]!.commit)).toEqual(expected);
  });

  test('--env and --app narrow down what is left', () => {
    const log = [c('M', 5, ['m1', 'b2'], bump('api', '1.2.0')), c('b2', 3, ['b1'], bump('api', '1.2.0')), c('b1', 2, ['m1'], bump('web', '2.0.0')), c('m1', 1, [])];
    expect(rows(log, 'M', { app: 'web' })).toEqual([['b1', '05', 'bump', 'web', '2.0.0']]);
    expect(rows(log, 'M', { env: 'dev', app: 'api' })).toEqual([['M', '05', 'bump', 'api', '1.2.0']]);
    expect(rows(log, 'M', { env: 'stage' })).toEqual([]);
  });

  test('the merge\'s event is its own record: what it adds (approvals recorded at the merge) is shown', () => {
    const log = [
      c('M', 5, ['m1', 'b1'], bump('api', '1.1.0', [['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']])),
      c('b1', 2, ['m1'], bump('api', '1.1.0', [['Ferry-Requested-By', 'alice']])), c('m1', 1, []),
    ];
    expect(branchHistoryEvents(log, 'M')).toEqual([{ commit: 'M', date: '2026-11-05T10:00:00Z', action: 'bump', env: 'dev', app: 'api', image: image('api', '1.1.0'), requestedBy: 'alice', approvedBy: ['bob'] }]);
  });

  // helper-146: a pin made on a branch at 09:00, main's bump of another app at 10:00, the branch
  // merged at 11:50: the pin reached main at 11:50, as status and promote's soak say, so the
  // history shows it then, newest first, above main's 10:00 bump (it showed it at 09:00, above).
  test('a pin a merge brought in: at the merge\'s date, in the branch\'s order, its own commit kept and the merge named (landedWith)', () => {
    const at = (commit: string, date: string, parents: string[], trailers: Trailers = []) => ({ ...c(commit, 1, parents, trailers), date });
    const log = [
      at('M', '2026-06-01T11:50:00Z', ['m2', 'b1']), at('m2', '2026-06-01T10:00:00Z', ['m1'], bump('web', '2.0.0')),
      at('b1', '2026-06-01T09:00:00Z', ['m1'], bump('api', '1.1.0', [['Ferry-Requested-By', 'alice']])), at('m1', '2026-05-01T00:00:00Z', []),
    ];
    expect(branchHistoryEvents(log, 'M')).toEqual([
      { commit: 'b1', date: '2026-06-01T11:50:00Z', landedWith: 'M', action: 'bump', env: 'dev', app: 'api', image: image('api', '1.1.0'), requestedBy: 'alice', approvedBy: [] },
      { commit: 'm2', date: '2026-06-01T10:00:00Z', action: 'bump', env: 'dev', app: 'web', image: image('web', '2.0.0'), approvedBy: [] },
    ]);
    // A commit the log's parents do not reach from the tip (its merge not in the log): as it is, at its own date.
    expect(branchHistoryEvents(log.slice(1), 'm2').map((e) => [e.commit, e.date, e.landedWith])).toEqual([['m2', '2026-06-01T10:00:00Z', undefined], ['b1', '2026-06-01T09:00:00Z', undefined]]);
  });
});

// helper-170: a bump merged as the line's side (-s ours, a conflict resolved to main's side) or by
// an evil merge (its tree pinning another digest) was shown as landed with the merge.
describe('landedEvents: a pin a merge brought in reached the branch only if the merge\'s tree holds it', () => {
  const pin = (extra: Partial<HistoryEvent> = {}): HistoryEvent => ({
    commit: 'b1', date: '2026-11-05T10:00:00Z', landedWith: 'M', action: 'bump', env: 'dev', app: 'api', image: image('api', '2.0.0'), requestedBy: 'alice', approvedBy: [], ...extra,
  });
  const rollback = pin({ action: 'rollback', image: image('api', '1.0.0'), blockedImage: image('api', '2.0.0'), reason: 'crash loop' });
  test.each<[string, HistoryEvent, string | undefined, HistoryEvent[]]>([
    ['the merge\'s tree holds it: kept', pin(), image('api', '2.0.0'), [pin()]],
    ['... by its digest, under another tag', pin(), image('api', '2.0.0').replace(':2.0.0@', ':two@'), [pin()]],
    ['the merge kept another pin (-s ours, a conflict resolved to the line\'s side, an evil merge): left out', pin(), image('api', '3.0.0'), []],
    ['the merge\'s pin not read (the file gone, a pin that cannot be read): kept, ferry audit checks it', pin(), undefined, [pin()]],
    ['a pin of the first-parent line: kept, whatever is read', pin({ landedWith: undefined }), image('api', '3.0.0'), [pin({ landedWith: undefined })]],
    ['a block (no environment): kept', { commit: 'b1', date: '2026-11-05T10:00:00Z', landedWith: 'M', action: 'block', app: 'api', image: image('api', '6.6.6'), approvedBy: [] }, image('api', '3.0.0'),
      [{ commit: 'b1', date: '2026-11-05T10:00:00Z', landedWith: 'M', action: 'block', app: 'api', image: image('api', '6.6.6'), approvedBy: [] }]],
    ['a rollback with --block that did not land: its block, as under another --env', rollback, image('api', '3.0.0'), [{
      commit: 'b1', date: '2026-11-05T10:00:00Z', landedWith: 'M', action: 'block', app: 'api', image: image('api', '2.0.0'), requestedBy: 'alice', approvedBy: [], reason: 'crash loop', rollbackEnv: 'dev',
    }]],
  ])('%s', (_title, event, held, expected) => {
    expect(landedEvents([event], () => held)).toEqual(expected);
  });

  test('each event is held against what its own merge pins', () => {
    const events = [pin({ commit: 'b2', landedWith: 'M2', image: image('api', '3.0.0') }), pin({ app: 'web', image: image('web', '4.0.0') }), pin()];
    const held = new Map([[events[0]!, image('api', '3.0.0')], [events[1]!, image('web', '4.0.0')], [events[2]!, image('api', '1.0.0')]]);
    expect(landedEvents(events, (e) => held.get(e)).map((e) => [e.commit, e.app])).toEqual([['b2', 'api'], ['b1', 'web']]);
  });
});

describe('editsBeyondLandedPins: an edit a merge made itself is by hand unless it pins what a Ferry commit it brought in pinned', () => {
  const edit = (commit: string, app: string, image: string | undefined, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({
    commit, date: '2026-11-05T10:00:00Z', action: 'edit', env: 'dev', app, ...(image !== undefined ? { image } : {}), author: 'Merger', byHand: true, approvedBy: [], ...extra,
  });
  const bump = { commit: 'b1', date: '2026-11-05T10:00:00Z', landedWith: 'M', action: 'bump', env: 'dev', app: 'api', image: image('api', '2.0.0'), approvedBy: [] };
  test.each<[string, HistoryEvent, boolean]>([
    ['git\'s merge of a manifest both sides changed, pinning the bump it brought in: no edit', edit('M', 'api', image('api', '2.0.0')), false],
    ['... the same digest under another tag: no edit', edit('M', 'api', image('api', '2.0.0').replace(':2.0.0@', ':two@')), false],
    ['a merge that pinned another image (an evil merge): the edit', edit('M', 'api', image('api', '7.0.0')), true],
    ['another app\'s pin: the edit', edit('M', 'web', image('api', '2.0.0')), true],
    ['another merge: the edit', edit('M2', 'api', image('api', '2.0.0')), true],
    ['an edit on the merged branch (a commit the merge brought in): the edit', edit('h1', 'api', image('api', '2.0.0'), { landedWith: 'M' }), true],
    ['a pin that could not be read: the edit', edit('M', 'api', undefined), true],
  ])('%s', (_title, e, kept) => {
    expect(editsBeyondLandedPins([e], [bump])).toEqual(kept ? [e] : []);
  });
});

describe('mergedChanges: what a merge brought in without Ferry, as an edit', () => {
  const change = (commit: string, files: string[], message = 'by hand') => ({ commit, files, trailers: trailerList(message) });
  const ferryMessage = commitMessage('bump(dev): api 2.0.0', [['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', 'api'], ['Ferry-Image', image('api', '2.0.0')]]);
  const path = 'dev/api/kustomization.yaml';
  const landed = new Map(['M', 'b1', 'b2'].map((id) => [id, { commit: 'M' }]));
  const parents: Record<string, string[]> = { M: ['m1', 'b2'], b2: ['b1'], b1: ['m1'] };
  const edits = (side: ReturnType<typeof change>[], asLeft: boolean, merge = change('M', [path], 'Merge pull request #1 from acme/pr1')) =>
    mergedChanges([merge], side, landed, (id) => parents[id], () => asLeft).map((c) => [c.commit, c.files]);
  test.each<[string, ReturnType<typeof change>[], boolean, (string | string[])[][]]>([
    ['a Ferry pin the merge has as its branch left it: no edit (the pin is its own row)', [change('b1', [path], ferryMessage)], true, []],
    ['... the merge has it otherwise (an evil merge, a conflict resolved by hand): the merge\'s own edit', [change('b1', [path], ferryMessage)], false, [['M', [path]]]],
    ['a hand edit the merge has as its branch left it: that edit', [change('b1', [path])], true, [['b1', [path]]]],
    ['... the merge has it otherwise: the merge\'s edit alone, the branch\'s never was the branch\'s state', [change('b1', [path])], false, [['M', [path]]]],
    ['a hand edit made again on the branch: the last one', [change('b2', [path]), change('b1', [path])], true, [['b2', [path]]]],
  ])('%s', (_title, side, asLeft, expected) => {
    expect(edits(side, asLeft)).toEqual(expected);
  });

  test('a merge with Ferry\'s trailers makes no edit of its own, whatever it has', () => {
    expect(edits([change('b1', [path], ferryMessage)], false, change('M', [path], ferryMessage))).toEqual([]);
  });
});

describe('atLanding: an event as of when its commit reached the branch', () => {
  const event = (commit: string, date: string): HistoryEvent => ({ commit, date, action: 'edit', env: 'dev', app: 'api', author: 'Hand', byHand: true, approvedBy: [] });
  const landed = new Map([
    ['b1', { commit: 'M', date: '2026-06-01T11:50:00Z' }], ['M', { commit: 'M', date: '2026-06-01T11:50:00Z' }], ['m2', { commit: 'm2', date: '2026-06-01T10:00:00Z' }],
  ]);
  test.each<[string, HistoryEvent, Partial<HistoryEvent>]>([
    ['a hand edit a merge brought in: the merge\'s date, the merge named, its own commit and author kept', event('b1', '2026-06-01T09:00:00+02:00'), { commit: 'b1', date: '2026-06-01T11:50:00Z', landedWith: 'M', author: 'Hand' }],
    ['a commit of the first-parent line: as it is', event('m2', '2026-06-01T10:00:00Z'), { commit: 'm2', date: '2026-06-01T10:00:00Z' }],
    ['a merge\'s own change: as it is', event('M', '2026-06-01T11:50:00Z'), { commit: 'M', date: '2026-06-01T11:50:00Z' }],
    ['a commit landings() does not know (a shallow history\'s edge): as it is', event('x', '2026-01-01T00:00:00Z'), { commit: 'x', date: '2026-01-01T00:00:00Z' }],
  ])('%s', (_title, e, expected) => {
    const [out] = atLanding([e], landed);
    expect(out).toMatchObject(expected);
    if (expected.landedWith === undefined) expect(out).toEqual(e);
  });
});
