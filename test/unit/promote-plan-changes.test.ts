// planChanges: how a promotion planned again on a new head differs from the plan made first, app
// by app, old → new; basisChanges: what its analysis verdicts were measured on that differs now.
import { describe, expect, test } from 'vitest';
import { PlanChangedError, expectedApps, planChanges, type AppPromotion, type ExpectedApp, type MeasuredGates, type PlannedApp, type PromoteRequest, type PromoteResult } from '../../actions/src/core/promote.js';
import { RefusedError } from '../../actions/src/core/blocklist.js';
import { basisChanges, measuredBasis, type BasisInput } from '../../actions/src/core/measured-basis.js';

const hex = (c: string) => c.repeat(64);
const image = (tag: string, c: string) => `registry.example/user-service:${tag}@sha256:${hex(c)}`;
const planned = (app: string, tag: string, c: string, previous = image('1.0.0', 'a')): PlannedApp => ({ app, image: image(tag, c), digest: `sha256:${hex(c)}`, previousImage: previous });
const promotion = (p: PlannedApp): AppPromotion => ({ ...p, manifest: `stage/${p.app}/kustomization.yaml`, diff: '' });
const result = (over: Partial<PromoteResult>): PromoteResult => ({ from: 'dev', to: 'stage', promotions: [], gates: [], ...over });

describe('planChanges', () => {
  test.each<[string, (PlannedApp | ExpectedApp)[], Partial<PromoteResult>, string[]]>([
    ['the same plan', [planned('user-service', '1.1.0', 'b')], { promotions: [promotion(planned('user-service', '1.1.0', 'b'))] }, []],
    ['another source digest', [planned('user-service', '1.1.0', 'b')], { promotions: [promotion(planned('user-service', '1.2.0', 'c'))] },
      ['user-service: dev pinned 1.1.0 (sha256:bbbbbbbbbbbb) when planned, now 1.2.0 (sha256:cccccccccccc)']],
    ['another target pin', [planned('user-service', '1.1.0', 'b')], { promotions: [promotion(planned('user-service', '1.1.0', 'b', image('0.9.0', '9')))] },
      ['user-service: stage pinned 1.0.0 (sha256:aaaaaaaaaaaa) when planned, now 0.9.0 (sha256:999999999999)']],
    // (Another run promoted that digest meanwhile: that part of the plan is done; the rest is written.)
    ['an app done by another writer, another still to do', [planned('user-service', '1.1.0', 'b'), planned('order-service', '2.0.0', 'd')],
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], unchanged: [{ app: 'user-service', image: image('1.1.0', 'b') }] }, []],
    ['an app the target pins now at another digest than planned, another still to do', [planned('user-service', '1.1.0', 'b'), planned('order-service', '2.0.0', 'd')],
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], unchanged: [{ app: 'user-service', image: image('1.2.0', 'c') }] },
      ['user-service: dev pinned 1.1.0 (sha256:bbbbbbbbbbbb) when planned, now 1.2.0 (sha256:cccccccccccc), which stage pins already: nothing to promote of it']],
    ['an app whose digest was blocked meanwhile (--all leaves it out)', [planned('user-service', '1.1.0', 'b'), planned('order-service', '2.0.0', 'd')],
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], leftOut: [{ app: 'user-service', image: image('1.1.0', 'b'), digest: `sha256:${hex('b')}`, previousImage: image('1.0.0', 'a'), kind: 'blocked', blocked: { app: 'user-service', reason: 'CVE', by: 'sec' } }] },
      ['user-service: 1.1.0 (sha256:bbbbbbbbbbbb) is blocked for app "user-service" by sec: CVE now: --all leaves it out']],
    ['an app whose pin in the target would never be deployed now (--all leaves it out)', [planned('user-service', '1.1.0', 'b'), planned('order-service', '2.0.0', 'd')],
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], leftOut: [{ app: 'user-service', image: image('1.1.0', 'b'), digest: `sha256:${hex('b')}`, previousImage: image('1.0.0', 'a'), kind: 'undeployed', problem: { file: 'stage/user-service/kustomization.yaml', line: 15, column: 11, field: 'images[0].name', message: 'the entry "user-service" matches no container image' } }] },
      ['user-service: its pin in stage would never be deployed now (stage/user-service/kustomization.yaml:15:11: images[0].name: the entry "user-service" matches no container image): --all leaves it out']],
    ['an app whose pin in the source is never deployed now (--all leaves it out)', [planned('user-service', '1.1.0', 'b'), planned('order-service', '2.0.0', 'd')],
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], leftOut: [{ app: 'user-service', image: image('1.1.0', 'b'), digest: `sha256:${hex('b')}`, previousImage: image('1.0.0', 'a'), kind: 'source-undeployed', problem: { file: 'dev/user-service/kustomization.yaml', line: 15, column: 11, field: 'images[0].name', message: 'the entry "user-service" matches no container image' } }] },
      ['user-service: its pin in dev is never deployed now, dev never ran that digest (dev/user-service/kustomization.yaml:15:11: images[0].name: the entry "user-service" matches no container image): --all leaves it out']],
    ['an app not in the plan', [planned('order-service', '2.0.0', 'd')], { promotions: [promotion(planned('order-service', '2.0.0', 'd')), promotion(planned('user-service', '1.1.0', 'b'))] },
      ['user-service: not in the plan, now stage would go from 1.0.0 (sha256:aaaaaaaaaaaa) to 1.1.0 (sha256:bbbbbbbbbbbb)']],
    // A plan given with --expect binds the source digests, not what the target pins.
    ['expected: the same digest over another target pin', expectedApps([`user-service@sha256:${hex('b')}`]), { promotions: [promotion(planned('user-service', '1.1.0', 'b', image('0.9.0', '9')))] }, []],
    ['expected: another source digest', expectedApps([`user-service@sha256:${hex('b')}`]), { promotions: [promotion(planned('user-service', '1.2.0', 'c'))] },
      ['user-service: expected sha256:bbbbbbbbbbbb (--expect), dev pins 1.2.0 (sha256:cccccccccccc)']],
    ['expected: another source digest, which the target pins already', expectedApps([`user-service@sha256:${hex('b')}`, `order-service@sha256:${hex('d')}`]),
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], unchanged: [{ app: 'user-service', image: image('1.2.0', 'c') }] },
      ['user-service: expected sha256:bbbbbbbbbbbb (--expect), dev pins 1.2.0 (sha256:cccccccccccc), which stage pins already: nothing to promote of it']],
    ['expected: an app the target pins now (done by another run), another still to do', expectedApps([`user-service@sha256:${hex('b')}`, `order-service@sha256:${hex('d')}`]),
      { promotions: [promotion(planned('order-service', '2.0.0', 'd'))], unchanged: [{ app: 'user-service', image: image('1.1.0', 'b') }] }, []],
  ])('%s', (_name, plan, now, expected) => {
    expect(planChanges(plan, result(now))).toEqual(expected);
  });
});

describe('basisChanges of measuredBasis', () => {
  const files: Record<string, string> = { 'analysis/quick.yaml': 'quick v1', 'analysis/strict.yml': 'strict v1' };
  const input = (over: { analysis?: string[]; address?: string; files?: Record<string, string>; previous?: string; flag?: string } = {}): BasisInput => ({
    snapshot: { readFile: async (path) => (over.files ?? files)[path] },
    config: { file: 'ferry.yaml', prometheus: { address: 'http://prometheus:9090' }, environments: [{ name: 'dev' }, { name: 'stage', promoteFrom: 'dev', gates: { analysis: over.analysis ?? ['quick'] } }] },
    from: 'dev', to: 'stage',
    ...(over.flag !== undefined ? { prometheusAddress: over.flag } : {}),
    promotions: [planned('user-service', '1.1.0', 'b', over.previous)],
    pins: [],
  });
  const changes = async (over: Parameters<typeof input>[0]) => basisChanges(await measuredBasis(input()), await measuredBasis(input(over)));

  test.each<[string, Parameters<typeof input>[0], string[]]>([
    ['nothing', {}, []],
    ['another template required', { analysis: ['quick', 'strict'] }, ['the analysis templates stage requires (ferry.yaml): quick → quick, strict', 'analysis/strict.yml: read now, not when measured']],
    ['a template file edited', { files: { ...files, 'analysis/quick.yaml': 'quick v2' } }, ['analysis/quick.yaml changed']],
    ['a template moved from .yaml to .yml', { files: { 'analysis/quick.yml': 'quick v1' } }, ['analysis/quick.yml: read now, not when measured', 'analysis/quick.yaml: read when measured, not now']],
    ['--prometheus given', { flag: 'http://other:9090' }, ['the Prometheus address: http://prometheus:9090 → http://other:9090']],
    // (A password in the address given is not shown.)
    ['--prometheus given with a password', { flag: 'http://ferry:s3cr3t-pw@other:9090' }, ['the Prometheus address: http://prometheus:9090 → http://***@other:9090']],
    ['the target pin the previous-* args name', { previous: image('0.9.0', '9') }, [`what stage pins of user-service (the args previous-*, the compare baseline): ${image('1.0.0', 'a')} → ${image('0.9.0', '9')}`]],
  ])('%s', async (_name, over, expected) => {
    expect(await changes(over)).toEqual(expected);
  });
});

describe('PlanChangedError: what was given for the plan made first, in a sentence that agrees with it', () => {
  const request = (over: Partial<PromoteRequest>): PromoteRequest => ({ from: 'dev', to: 'stage', apps: ['user-service'], all: false, approvedBy: [], ...over });
  const override = { gate: 'soak', reason: 'hotfix' };
  const measured: MeasuredGates = { verdicts: [{ gate: 'analysis', verdict: 'pass', reason: 'quick' }], keys: [] };

  test.each<[string, Partial<PromoteRequest>, MeasuredGates | undefined, string]>([
    ['nothing given', {}, undefined, ''],
    ['one approval', { approvedBy: ['bob'] }, undefined, ' (the approval was for the plan made first)'],
    ['one approver given twice, as GitHub logins are told apart', { approvedBy: ['bob', 'Bob'] }, undefined, ' (the approval was for the plan made first)'],
    ['two approvals', { approvedBy: ['bob', 'carol'] }, undefined, ' (the approvals were for the plan made first)'],
    ['the override alone', { override }, undefined, ' (the override was for the plan made first)'],
    ['the analysis verdicts alone', {}, measured, ' (the analysis verdicts were for the plan made first)'],
    ['one approval and the override', { approvedBy: ['bob'], override }, undefined, ' (the approval and the override were for the plan made first)'],
    ['approvals and the override', { approvedBy: ['bob', 'carol'], override }, undefined, ' (the approvals and the override were for the plan made first)'],
    ['all three', { approvedBy: ['bob'], override }, measured, ' (the approval, the override and the analysis verdicts were for the plan made first)'],
  ])('%s', (_name, over, given, said) => {
    const error = new PlanChangedError(request(over), ['user-service: dev pinned 1.1.0 when planned, now 1.2.0'], 'since it was planned', given);
    expect(error.message).toBe(`the promotion from dev to stage changed since it was planned: user-service: dev pinned 1.1.0 when planned, now 1.2.0; nothing written${said}. Look first (ferry status, ferry history); a new run plans again on what is there now`);
  });

  test('a refusal (--json error kind refused), not a failure of the world', () => {
    const error = new PlanChangedError(request({}), ['x'], 'since it was planned');
    expect(error).toBeInstanceOf(RefusedError);
    expect(error.name).toBe('RefusedError');
  });
});
