// ferry history's events from Ferry commits' trailers: a promotion of several apps is one commit
// with each app's trailers in turn, and each app has its event in the history.
import { describe, expect, test } from 'vitest';
import { formatHistory, historyEvents, pinEvents, type HistoryEvent } from '../../actions/src/core/history.js';
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

  test('the text form shows both in the gates / reason column', () => {
    const lines = formatHistory(historyEvents([rollbackBlocked, promoteOverride])).split('\n');
    expect(lines[0]).toBe('prod');
    expect(lines[2]).toMatch(/ rollback +api +1\.0\.0 \(sha256:0{12}\) +2\.0\.0 \(sha256:0{12}\) +bob +reason: crash loop; blocked: 2\.0\.0 \(sha256:0{12}\) +e{12}$/);
    expect(lines[3]).toMatch(/ promote from stage +web +3\.0\.0 \(sha256:0{12}\) +1\.0\.0 \(sha256:0{12}\) +alice +carol +soak=fail\(10m<2h\) approvals=pass\(1\/1\); override: soak; reason: hotfix for INC-42 +f{12}$/);
  });
});
