// ferry history's events from Ferry commits' trailers: a promotion of several apps is one commit
// with each app's trailers in turn, and each app has its event in the history.
import { describe, expect, test } from 'vitest';
import { historyEvents, pinEvents } from '../../actions/src/core/history.js';
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
