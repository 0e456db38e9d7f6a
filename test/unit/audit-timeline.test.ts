// The Auditor's memory of which digests each environment had, driven commit by commit: a digest
// promoted or rolled back to need not be the last one pinned where it comes from. Each case
// against the rule as DESIGN.md states it (skipped-stage), with the commits Ferry writes.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Auditor, type AuditCommit } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';

const config = await parseConfig(readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8'));
const app = config.apps[0]!;
const image = (n: number) => `${app.registry}/${app.image}:1.${n}.0@sha256:${String(n).padStart(64, '0')}`;
const path = (env: string) => app.manifest.replaceAll('{env}', env).replaceAll('{app}', app.name);

let seq = 0;
/** A Ferry pin of image(n) in env, the way Ferry writes it (previous: what it replaced). */
function pin(action: 'bump' | 'promote' | 'rollback', env: string, n: number, previous?: number): AuditCommit {
  const trailers: Trailer[] = [['Ferry-Action', action], ['Ferry-Env', env], ['Ferry-App', app.name], ['Ferry-Image', image(n)]];
  if (previous !== undefined) trailers.push(['Ferry-Previous-Image', image(previous)]);
  trailers.push(['Ferry-Requested-By', 'alice'], ['Ferry-Approved-By', 'bob']);
  const message = commitMessage(`${action}(${env}): ${app.name} 1.${n}.0`, trailers);
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(message), files: [path(env)] };
}

/** The skipped-stage violations of a history, as [commit index, env]. */
function skipped(history: AuditCommit[]): [number, string][] {
  const auditor = new Auditor();
  for (const c of history) auditor.check(c, config);
  return auditor.violations.filter((v) => v.rule === 'skipped-stage').map((v) => [history.findIndex((c) => c.commit === v.commit), v.env!]);
}

describe('skipped-stage, whatever digest the source environment had last', () => {
  test('an older digest of dev promoted to stage was in dev: not flagged; one never in dev is', () => {
    expect(skipped([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 3, 2), pin('promote', 'stage', 1), pin('promote', 'stage', 2, 1), pin('promote', 'stage', 9, 2)])).toEqual([[5, 'stage']]);
  });

  test('digests dev got after it was asked about an older one: had, the last and the others', () => {
    expect(skipped([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('promote', 'stage', 1), pin('bump', 'dev', 3, 2), pin('bump', 'dev', 4, 3), pin('promote', 'stage', 3, 1), pin('promote', 'stage', 4, 3), pin('promote', 'stage', 2, 4), pin('promote', 'stage', 5, 2)])).toEqual([[8, 'stage']]);
  });

  test('a rollback in prod to a digest prod had before (not its last): not flagged; to one neither prod nor stage had: flagged', () => {
    const history = [pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 3, 2), pin('promote', 'stage', 1), pin('promote', 'prod', 1), pin('promote', 'stage', 2, 1), pin('promote', 'prod', 2, 1), pin('promote', 'stage', 3, 2), pin('promote', 'prod', 3, 2)];
    expect(skipped([...history, pin('rollback', 'prod', 1, 3)])).toEqual([]);
    expect(skipped([...history, pin('rollback', 'prod', 7, 3)])).toEqual([[history.length, 'prod']]);
  });

  test('a digest prod had only as the previous image of a Ferry pin (pinned there by hand) counts as had', () => {
    const history = [pin('bump', 'dev', 1), pin('promote', 'stage', 1), pin('promote', 'prod', 1, 8), pin('rollback', 'prod', 8, 1)];
    expect(skipped(history)).toEqual([]);
    // and nowhere else: stage never had 8
    expect(skipped([...history, pin('rollback', 'stage', 8, 1)])).toEqual([[history.length, 'stage']]);
  });

  test('the same digest pinned again after another: still had', () => {
    expect(skipped([pin('bump', 'dev', 1), pin('bump', 'dev', 2, 1), pin('bump', 'dev', 1, 2), pin('bump', 'dev', 3, 1), pin('promote', 'stage', 2), pin('promote', 'stage', 1, 2), pin('promote', 'stage', 3, 1)])).toEqual([]);
  });
});

describe('trailers-disagree', () => {
  /** The trailers-disagree violations of a history, as [commit index, message]. */
  function disagree(history: AuditCommit[]): [number, string][] {
    const auditor = new Auditor();
    for (const c of history) auditor.check(c, config);
    return auditor.violations.filter((v) => v.rule === 'trailers-disagree').map((v) => [history.findIndex((c) => c.commit === v.commit), v.message]);
  }

  test('a pin that changed the one manifest it names: not flagged; one that changed another app\'s: flagged', () => {
    const other = config.apps[1]!.manifest.replaceAll('{env}', 'dev').replaceAll('{app}', config.apps[1]!.name);
    expect(disagree([pin('bump', 'dev', 1), { ...pin('bump', 'dev', 2, 1), files: [other] }])).toEqual([
      [1, `a Ferry bump commit changed ${other}, which its trailers do not name`],
      [1, `the trailers name ${path('dev')}, which the commit did not change`],
    ]);
  });

  test('a pin in an environment ferry.yaml does not have: flagged as such, whether or not the commit changed the file', () => {
    const message = `the trailers name ${path('qa')}, in qa, an environment ferry.yaml did not have at the time`;
    expect(disagree([{ ...pin('bump', 'qa', 1), files: [path('qa')] }, pin('bump', 'qa', 2, 1), { ...pin('bump', 'qa', 3, 2), files: [] }])).toEqual([[0, message], [1, message], [2, message]]);
  });
});
