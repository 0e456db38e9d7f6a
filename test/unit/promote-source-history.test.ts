// Soak reads each promoted app's history in its source environment. planPromote first tells the
// history which apps it will ask about (the apps that change, not those unchanged or left out), so
// that their older versions are read together: `promote --all` once read them app after app, one
// fetch each (2,000 apps after one commit that edited every manifest: 2,003 fetches, 93 s).
import { describe, expect, test } from 'vitest';
import { GateError, planPromote, type PromoteRequest, type SourceAsk, type SourceHistory } from '../../actions/src/core/promote.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const NOW = new Date('2026-11-24T12:00:00Z');
const NAMES = ['changed-a', 'unchanged', 'blocked', 'changed-b'];
const manifest = (app: string, tag: string, d: string) => `resources: [../../base/${app}]\nimages:\n  - name: ${app}\n    newName: ${REG}/${app}\n    newTag: ${tag}\n    digest: ${d}\n`;

function snapshot(without: string[] = []) {
  const files: Record<string, string> = {
    'ferry.yaml': [`registry: ${REG}`, 'environments:', '  - name: dev', '  - name: stage', '    promoteFrom: dev', '    gates:', '      soak: 30m', 'apps:',
      ...NAMES.flatMap((name) => [`  - name: ${name}`, `    image: ${name}`, `    manifest: "{env}/${name}/kustomization.yaml"`]), ''].join('\n'),
    'blocked.yaml': `blocked:\n  - app: blocked\n    digest: ${digest('b')}\n    reason: CVE-2026-0001\n`,
  };
  NAMES.forEach((name, i) => {
    files[`stage/${name}/kustomization.yaml`] = manifest(name, '1.0.0', digest('0'));
    files[`dev/${name}/kustomization.yaml`] = name === 'unchanged' ? manifest(name, '1.0.0', digest('0')) : manifest(name, '2.0.0', name === 'blocked' ? digest('b') : digest(String(i + 1)));
  });
  for (const path of without) delete files[path];
  return { commit: 'c'.repeat(40), readFile: async (path: string) => files[path] };
}

/** A source history that records what it is told and asked, in order. */
function recording() {
  const calls: string[] = [];
  const since: SourceHistory = async (app, path, d) => {
    calls.push(`since ${app.name} ${path} ${d}`);
    return { commit: 'a'.repeat(40), date: '2026-11-24T09:00:00Z' };
  };
  since.prefetch = async (asks: readonly SourceAsk[]) => {
    calls.push(`prefetch ${asks.map((a) => `${a.app.name} ${a.path} ${a.digest}`).join(', ')}`);
  };
  return { since, calls };
}

const request = (extra: Partial<PromoteRequest>): PromoteRequest => ({ from: 'dev', to: 'stage', apps: [], all: false, approvedBy: [], requestedBy: 'alice', ...extra });

describe('planPromote tells the source history every app it will ask about, before asking', () => {
  test('--all: the apps that change, once, before the first question; not the unchanged, not the left out', async () => {
    const { since, calls } = recording();
    const planned = await planPromote(snapshot(), request({ all: true }), since, NOW);
    expect(planned.result.promotions.map((p) => p.app)).toEqual(['changed-a', 'changed-b']);
    expect(calls).toEqual([
      `prefetch changed-a dev/changed-a/kustomization.yaml ${digest('1')}, changed-b dev/changed-b/kustomization.yaml ${digest('4')}`,
      `since changed-a dev/changed-a/kustomization.yaml ${digest('1')}`,
      `since changed-b dev/changed-b/kustomization.yaml ${digest('4')}`,
    ]);
  });

  test('an app that cannot be planned: the apps before it are asked about first, then its error, as app by app', async () => {
    const { since, calls } = recording();
    const error = await planPromote(snapshot(['stage/changed-b/kustomization.yaml']), request({ apps: ['changed-a', 'changed-b'] }), since, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('has no manifest in "stage"');
    expect(calls).toEqual([
      `prefetch changed-a dev/changed-a/kustomization.yaml ${digest('1')}`,
      `since changed-a dev/changed-a/kustomization.yaml ${digest('1')}`,
    ]);
  });

  test('nothing changes: no history is read', async () => {
    const { since, calls } = recording();
    const planned = await planPromote(snapshot(), request({ apps: ['unchanged'] }), since, NOW);
    expect(planned.write).toBe(false);
    expect(calls).toEqual([]);
  });

  test('a plain function (no prefetch) is asked as before', async () => {
    const asked: string[] = [];
    const error = await planPromote(snapshot(), request({ all: true }), async (app) => (asked.push(app.name), { unknown: 'not told' }), NOW).catch((e: unknown) => e);
    expect(asked).toEqual(['changed-a', 'changed-b']);
    expect(error).toBeInstanceOf(GateError);
    expect((error as GateError).result.promotions.map((p) => p.sourceUnknown)).toEqual(['not told', 'not told']);
  });
});
