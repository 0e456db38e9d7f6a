// The Auditor across a merge taken apart (beginMerge() ... endMerge()): what the commits a merge
// brought in changed and the merge did not keep is not the line's, and the range of --since and
// --until is a stretch of the line that takes in what its merges brought, whatever their dates.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Auditor, type AuditCommit } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { BLOCKLIST_FILE } from '../../actions/src/core/env-repo-files.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';

const config = await parseConfig(readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8'));
const app = config.apps[0]!;
const image = (n: number) => `${app.registry}/${app.image}:1.${n}.0@sha256:${String(n).padStart(64, '0')}`;
const path = (env: string) => app.manifest.replaceAll('{env}', env).replaceAll('{app}', app.name);

let seq = 0;
function commit(trailers: Trailer[], files: string[], date = '2026-11-24T10:00:00Z'): AuditCommit {
  return { commit: (++seq).toString(16).padStart(40, '0'), date, trailers: trailerList(commitMessage('change', trailers)), files };
}
/** A Ferry pin of image(n) in env, as Ferry writes it. */
function pin(action: 'bump' | 'promote', env: string, n: number, previous?: number): AuditCommit {
  const trailers: Trailer[] = [['Ferry-Action', action], ['Ferry-Env', env], ['Ferry-App', app.name], ['Ferry-Image', image(n)]];
  // (A promotion records where it came from: env's promoteFrom, the template's.)
  if (action === 'promote') trailers.splice(2, 0, ['Ferry-From', env === 'prod' ? 'stage' : 'dev']);
  if (previous !== undefined) trailers.push(['Ferry-Previous-Image', image(previous)]);
  if (action === 'promote') trailers.push(['Ferry-Gate', 'soak=pass(3h>=2h)']);
  trailers.push(['Ferry-Requested-By', 'alice']);
  return commit(trailers, [path(env)]);
}

describe('a merge that discards what its branch changed', () => {
  test('a pin on the branch is not the line\'s: the next pin on the line replaces the line\'s, and the branch\'s digest was never in dev', () => {
    const auditor = new Auditor();
    const history = [pin('bump', 'dev', 1)];
    auditor.check(history[0]!, config);
    const mark = auditor.beginMerge(config, [path('dev')]);
    auditor.check(pin('bump', 'dev', 2, 1), config); // on the branch
    auditor.endMerge(mark, new Set()); // (-s ours: the merge changed nothing)
    auditor.check(commit([], []), config);
    expect(auditor.recordedPins(config).map((p) => [p.env, p.digest])).toEqual([['dev', image(1).split('@')[1]]]);
    const promote = pin('promote', 'stage', 2, 1);
    for (const c of [pin('bump', 'dev', 3, 1), promote]) auditor.check(c, config);
    expect(auditor.violations.map((v) => [v.commit, v.rule])).toEqual([[promote.commit, 'skipped-stage']]);
  });

  test('a pin on the branch the merge kept stays on record', () => {
    const auditor = new Auditor();
    auditor.check(pin('bump', 'dev', 1), config);
    const mark = auditor.beginMerge(config, [path('dev')]);
    auditor.check(pin('bump', 'dev', 2, 1), config);
    auditor.endMerge(mark, new Set([path('dev')]));
    auditor.check(commit([], []), config);
    expect(auditor.recordedPins(config).map((p) => p.digest)).toEqual([image(2).split('@')[1]]);
  });

  test('an unblock on the branch the merge discarded lifts nothing; a block there counts though discarded', () => {
    const block = (action: 'block' | 'unblock', n: number) => commit([['Ferry-Action', action], ['Ferry-App', app.name], ['Ferry-Image', image(n)], ['Ferry-Reason', 'CVE'], ['Ferry-Requested-By', 'sec']], [BLOCKLIST_FILE]);
    const auditor = new Auditor();
    auditor.check(block('block', 5), config);
    const mark = auditor.beginMerge(config, [BLOCKLIST_FILE]);
    for (const c of [block('unblock', 5), block('block', 6)]) auditor.check(c, config);
    auditor.endMerge(mark, new Set());
    const pins = [pin('bump', 'dev', 5), pin('bump', 'dev', 6, 5)];
    for (const c of pins) auditor.check(c, config);
    expect(auditor.violations.map((v) => [v.commit, v.rule])).toEqual(pins.map((c) => [c.commit, 'blocked-digest']));
  });
});

describe('--since and --until: a stretch of the line', () => {
  const edit = (env: string, date: string) => commit([], [path(env)], date);

  test.each([
    ['since alone', { since: '2026-01-10T00:00:00Z' }, ['side', 'after']],
    ['until alone', { until: '2026-01-12T00:00:00Z' }, ['before', 'side']],
    ['both', { since: '2026-01-10T00:00:00Z', until: '2026-01-12T00:00:00Z' }, ['side']],
    ['a range no commit of the line is in', { since: '2026-01-13T00:00:00Z', until: '2026-01-14T00:00:00Z' }, []],
  ])('%s: what the first merge in it brought in counts, whatever its dates', (_, range, expected) => {
    const auditor = new Auditor(range);
    const named = new Map<string, string>();
    const check = (name: string, c: AuditCommit) => {
      named.set(c.commit, name);
      auditor.check(c, config);
    };
    check('before', edit('prod', '2026-01-01T00:00:00Z'));
    const mark = auditor.beginMerge(config, [path('stage')]);
    check('side', edit('stage', '2020-01-01T00:00:00Z'));
    auditor.endMerge(mark, new Set([path('stage')]));
    check('merge', commit([], [], '2026-01-11T00:00:00Z'));
    check('after', edit('dev', '2026-01-20T00:00:00Z'));
    expect(auditor.violations).toHaveLength(3);
    expect(auditor.inRange().map((v) => named.get(v.commit))).toEqual(expected);
  });
});
