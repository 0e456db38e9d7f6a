// Changes of ferry.yaml in an env repo of many apps: what the Auditor does per change follows what
// changed, not the number of apps. It once placed every manifest of every app again at each
// change (2,000 apps, 2,000 changes: 12 ms a change beside the parse). Counted here by the
// manifests placed (manifestPath, the real one); the verdicts are the ones the rules give.
import { describe, expect, test, vi } from 'vitest';
import { Auditor, type AuditCommit } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { CONFIG_FILE } from '../../actions/src/core/env-repo-files.js';
import { manifestPath } from '../../actions/src/core/manifest-path.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';
import { appName, ferryYaml, REGISTRY } from '../support/env-repo-fixture.js';

vi.mock('../../actions/src/core/manifest-path.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../actions/src/core/manifest-path.js')>();
  return { ...actual, manifestPath: vi.fn(actual.manifestPath) };
});

const APPS = 200;
const text = ferryYaml(APPS);
/** Version n of ferry.yaml: the same rules and manifests, a comment apart. */
const version = (n: number) => parseConfig(`${text}# revision ${n}\n`);
const image = (app: string, n: number) => `${REGISTRY}/${app}:1.${n}.0@sha256:${String(n).padStart(64, '0')}`;
const path = (app: string, env: string) => `${env}/${app}/kustomization.yaml`;

let seq = 0;
function commitWith(trailers: Trailer[], files: string[]): AuditCommit {
  const message = trailers.length ? commitMessage('a change', trailers) : 'a change';
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(message), files };
}
const bump = (app: string, n: number, previous?: number, file = path(app, 'dev')) => commitWith([
  ['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', app], ['Ferry-Image', image(app, n)],
  ...(previous !== undefined ? [['Ferry-Previous-Image', image(app, previous)] as Trailer] : []), ['Ferry-Requested-By', 'alice'],
], [file]);
const edit = () => commitWith([], [CONFIG_FILE]);

describe('a change of ferry.yaml that moves no manifest', () => {
  test(`${APPS} apps, every one pinned, 30 changes: no manifest is placed again`, async () => {
    const versions = await Promise.all(Array.from({ length: 31 }, (_, n) => version(n)));
    const auditor = new Auditor();
    auditor.check(commitWith([['Ferry-Action', 'init']], [CONFIG_FILE]), versions[0], undefined);
    for (let i = 0; i < APPS; i++) auditor.check(bump(appName(i), 1), versions[0]);
    const placed = vi.mocked(manifestPath).mock.calls.length;
    for (let n = 1; n <= 30; n++) auditor.check(edit(), versions[n], versions[n - 1]);
    expect(vi.mocked(manifestPath).mock.calls.length - placed).toBe(0);
    // The pins on record stand (nothing moved): a next pin that says it replaced another is flagged.
    auditor.check(bump(appName(7), 2, 9), versions[30]);
    expect(auditor.violations.map((v) => [v.rule, v.app])).toEqual([['trailers-disagree', appName(7)]]);
  });

  test('one that moves a manifest is told, and what was on record there is forgotten; the others stand', async () => {
    const before = await version(0);
    const moved = await parseConfig(text.replace(`  - name: ${appName(3)}\n    image: ${appName(3)}\n    manifest: "{env}/{app}/kustomization.yaml"`, `  - name: ${appName(3)}\n    image: ${appName(3)}\n    manifest: "{env}/{app}/x/kustomization.yaml"`));
    const auditor = new Auditor();
    auditor.check(commitWith([['Ferry-Action', 'init']], [CONFIG_FILE]), before, undefined);
    for (const app of [appName(3), appName(4)]) auditor.check(bump(app, 1), before);
    const change = edit();
    auditor.check(change, moved, before);
    auditor.check(bump(appName(3), 2, 9, `dev/${appName(3)}/x/kustomization.yaml`), moved); // (nothing on record to disagree with)
    const other = bump(appName(4), 2, 9);
    auditor.check(other, moved);
    expect(auditor.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([
      ...['dev', 'stage', 'prod'].map((env) => [change.commit, 'rules-weakened', env, undefined]),
      [other.commit, 'trailers-disagree', 'dev', appName(4)],
    ]);
  });

  test('a pin of an app ferry.yaml does not have is forgotten at the next change, as before', async () => {
    const [v0, v1] = [await version(0), await version(1)];
    const stranger = 'not-in-config';
    const run = (changeBetween: boolean) => {
      const auditor = new Auditor();
      auditor.check(commitWith([['Ferry-Action', 'init']], [CONFIG_FILE]), v0, undefined);
      auditor.check(bump(stranger, 1, undefined, 'elsewhere.yaml'), v0);
      if (changeBetween) auditor.check(edit(), v1, v0);
      auditor.check(bump(stranger, 2, 9, 'elsewhere.yaml'), changeBetween ? v1 : v0);
      return auditor.violations.map((v) => [v.rule, v.app]);
    };
    expect(run(false)).toEqual([['trailers-disagree', stranger]]);
    expect(run(true)).toEqual([]);
  });
});
