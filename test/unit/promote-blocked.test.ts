// The blocked gate of ferry promote, planned on an env repo in memory. A block names content: a
// digest blocked for one app is refused for every app (another app that runs the same image, an
// app renamed since). `--all` leaves out an app whose source digest is blocked and promotes the
// others; an app asked for by name fails closed.
import { describe, expect, test } from 'vitest';
import { GateError, planPromote, stoppedAdvice, type PromoteRequest, type PromoteResult } from '../../actions/src/core/promote.js';
import type { Planned } from '../../actions/src/core/env-repo-writer.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const NOW = new Date('2026-11-24T12:00:00Z');
const AN_HOUR_AGO = '2026-11-24T11:00:00Z';
const BLOCKED_AT = '2026-11-24T11:30:00Z';

/** user-service and user-worker run the same image; order-service its own. */
const APPS = [['user-service', 'user-service'], ['user-worker', 'user-service'], ['order-service', 'order-service']] as const;

function ferryYaml(apps: readonly (readonly [string, string])[]): string {
  return [
    `registry: ${REG}`, 'environments:', '  - name: dev', '  - name: stage', '    promoteFrom: dev', '    gates:', '      soak: 30m', 'apps:',
    ...apps.flatMap(([name, image]) => [`  - name: ${name}`, `    image: ${image}`, `    manifest: "{env}/${name}/kustomization.yaml"`]),
    '',
  ].join('\n');
}

const manifest = (image: string, tag: string, d: string) => `resources: [../../base/${image}]\nimages:\n  - name: ${image}\n    newName: ${REG}/${image}\n    newTag: ${tag}\n    digest: ${d}\n`;

/** dev pins `dev` (app -> [tag, digest]); stage pins 1.0.0 (digest 0…) everywhere. */
function snapshot(apps: readonly (readonly [string, string])[], dev: Record<string, [string, string]>, blocked: string) {
  const files: Record<string, string> = { 'ferry.yaml': ferryYaml(apps), 'blocked.yaml': blocked };
  for (const [name, image] of apps) {
    files[`stage/${name}/kustomization.yaml`] = manifest(image, '1.0.0', digest('0'));
    const [tag, d] = dev[name] ?? ['1.0.0', digest('0')];
    files[`dev/${name}/kustomization.yaml`] = manifest(image, tag, d);
  }
  return { commit: 'c'.repeat(40), readFile: async (path: string) => files[path] };
}

const since = async () => ({ commit: 'a'.repeat(40), date: AN_HOUR_AGO });
const request = (extra: Partial<PromoteRequest>): PromoteRequest => ({ from: 'dev', to: 'stage', apps: [], all: false, approvedBy: [], requestedBy: 'alice', ...extra });
const BAD = digest('b');
const GOOD = digest('9');
const blockedFor = (app: string) => `blocked:\n  - app: ${app}\n    digest: ${BAD}\n    reason: CVE-2026-0001\n    by: bob\n    at: ${BLOCKED_AT}\n`;

async function stopped(planned: Promise<Planned<PromoteResult>>): Promise<GateError> {
  const error = await planned.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GateError);
  return error as GateError;
}

describe('--all leaves out an app whose source digest is blocked, and promotes the others', () => {
  test('the blocked app is named as left out, with the block; the commit promotes and records only the others', async () => {
    const snap = snapshot(APPS, { 'user-service': ['6.6.6', BAD], 'order-service': ['2.0.0', GOOD] }, blockedFor('user-service'));
    const planned = await planPromote(snap, request({ all: true }), since, NOW);
    if (!planned.write) throw new Error('expected a write');
    expect(planned.result.promotions.map((p) => p.app)).toEqual(['order-service']);
    expect(planned.result.leftOut).toEqual([{
      app: 'user-service', image: `${REG}/user-service:6.6.6@${BAD}`, digest: BAD, previousImage: `${REG}/user-service:1.0.0@${digest('0')}`, kind: 'blocked',
      blocked: { app: 'user-service', reason: 'CVE-2026-0001', by: 'bob', at: BLOCKED_AT },
    }]);
    expect(planned.result.unchanged).toEqual([{ app: 'user-worker', image: `${REG}/user-service:1.0.0@${digest('0')}` }]);
    expect(planned.result.gates).toEqual([{ gate: 'blocked', verdict: 'pass', reason: 'no digest promoted is blocked' }, { gate: 'soak', verdict: 'pass', reason: '1h>=30m' }]);
    expect(planned.files.map((f) => f.path)).toEqual(['stage/order-service/kustomization.yaml']);
    expect(planned.message).toMatch(/^promote\(stage\): order-service 2\.0\.0 \(sha256:999999999999\) from dev\n/);
    expect(planned.message).not.toContain('user-service');
    expect(planned.message).toContain('\nFerry-Gate: blocked=pass(no digest promoted is blocked) soak=pass(1h>=30m)\n');
  });

  test('a digest blocked for another app that runs the same image (user-worker) is left out too', async () => {
    const snap = snapshot(APPS, { 'user-worker': ['6.6.6', BAD], 'order-service': ['2.0.0', GOOD] }, blockedFor('user-service'));
    const planned = await planPromote(snap, request({ all: true }), since, NOW);
    expect(planned.result.promotions.map((p) => p.app)).toEqual(['order-service']);
    expect(planned.result.leftOut).toEqual([expect.objectContaining({ app: 'user-worker', blocked: expect.objectContaining({ app: 'user-service' }) })]);
  });

  test('every app that would change left out: nothing to write (skipped), the apps left out named', async () => {
    const snap = snapshot(APPS, { 'user-service': ['6.6.6', BAD], 'user-worker': ['6.6.6', BAD] }, blockedFor('user-service'));
    const planned = await planPromote(snap, request({ all: true }), since, NOW);
    expect(planned.write).toBe(false);
    expect(planned.result.promotions).toEqual([]);
    expect(planned.result.gates).toEqual([]);
    expect(planned.result.leftOut?.map((l) => l.app)).toEqual(['user-service', 'user-worker']);
  });

  test('without a block nothing is left out: no leftOut, the gate says no digest is blocked', async () => {
    const snap = snapshot(APPS, { 'user-service': ['6.6.6', BAD], 'order-service': ['2.0.0', GOOD] }, '');
    const planned = await planPromote(snap, request({ all: true }), since, NOW);
    expect(planned.result.promotions.map((p) => p.app)).toEqual(['user-service', 'order-service']);
    expect(planned.result).not.toHaveProperty('leftOut');
    expect(planned.result.gates[0]).toEqual({ gate: 'blocked', verdict: 'pass', reason: 'no digest is blocked' });
  });
});

describe('an app named with --app whose digest is blocked (for it or any other app) stops the promotion', () => {
  test.each<[string, readonly (readonly [string, string])[], string, string, string]>([
    ['blocked for it', APPS, 'user-service', 'user-service', `user-service@sha256:bbbbbbbbbbbb by bob at ${BLOCKED_AT}: CVE-2026-0001`],
    ['blocked for another app that runs the same image', APPS, 'user-worker', 'user-service', `user-worker@sha256:bbbbbbbbbbbb blocked for user-service by bob at ${BLOCKED_AT}: CVE-2026-0001`],
    ['blocked under the name the app had before ferry.yaml renamed it', [['user-svc', 'user-service'], ['order-service', 'order-service']], 'user-svc', 'user-service', `user-svc@sha256:bbbbbbbbbbbb blocked for user-service by bob at ${BLOCKED_AT}: CVE-2026-0001`],
  ])('%s', async (_title, apps, app, blockedApp, reason) => {
    const snap = snapshot(apps, { [app]: ['6.6.6', BAD], 'order-service': ['2.0.0', GOOD] }, blockedFor(blockedApp));
    const error = await stopped(planPromote(snap, request({ apps: [app, 'order-service'] }), since, NOW));
    expect(error.result.gates[0]).toEqual({ gate: 'blocked', verdict: 'fail', reason: `blocked: ${reason}` });
    expect(error.result.promotions.find((p) => p.app === app)?.blocked).toEqual({ app: blockedApp, reason: 'CVE-2026-0001', by: 'bob', at: BLOCKED_AT });
    expect(error.result).not.toHaveProperty('leftOut');
    // The advice: leave it out and promote the others by name (or unblock it), not an override.
    expect(stoppedAdvice(error.result)).toBe(`a blocked digest cannot be overridden: leave ${app} out and promote the others by name (--app order-service), or \`ferry unblock\` it first`);
    expect(error.message).toContain(`nothing written (a blocked digest cannot be overridden: leave ${app} out and promote the others by name (--app order-service), or \`ferry unblock\` it first)`);
  });

  test('an override of another gate lets nothing through', async () => {
    const snap = snapshot(APPS, { 'user-service': ['6.6.6', BAD] }, blockedFor('user-worker'));
    const error = await stopped(planPromote(snap, request({ apps: ['user-service'], override: { gate: 'soak', reason: 'hotfix' } }), since, NOW));
    expect(stoppedAdvice(error.result)).toBe('a blocked digest cannot be overridden: leave user-service out, or `ferry unblock` it first');
  });
});
