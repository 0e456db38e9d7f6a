// The measured gates of a promotion (analysis-gate.ts) with a scripted Prometheus and a fixed
// clock: which version each query asks about, over which window, and the verdicts and reasons.
import { describe, expect, test } from 'vitest';
import { measureGates, type MeasureInput } from '../../actions/src/core/analysis-gate.js';
import type { PrometheusQueryRequest, PrometheusQueryResult } from '../../actions/src/core/analysis-run.js';
import { parseConfig } from '../../actions/src/core/config.js';
import type { AppPromotion } from '../../actions/src/core/promote.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;
const REGISTRY = 'r.example.com';
const image = (tag: string, hex: string) => `${REGISTRY}/user-service:${tag}@sha256:${hex.repeat(64)}`;
const CANDIDATE = image('2.0.0', 'c');
const IN_TARGET = image('1.0.0', 'a');
const REPLACED_IN_SOURCE = image('1.5.0', 'b');

function config(gates: string): Promise<MeasureInput['config']> {
  return parseConfig(`registry: ${REGISTRY}
environments:
  - name: dev
  - name: stage
    promoteFrom: dev
    gates:
${gates.replace(/^/gm, '      ')}
apps:
  - name: user-service
    image: user-service
    manifest: "{env}/user-service/kustomization.yaml"
prometheus:
  address: http://prometheus.test:9090
`);
}

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: latency
spec:
  args:
    - name: env
    - name: digest
  metrics:
    - name: p95
      successCondition: result[0] < 0.5
      provider:
        prometheus:
          address: http://in-cluster:9090
          query: latency{env="{{args.env}}",digest="{{args.digest}}"}
`;

const snapshot = { commit: 'f'.repeat(40), readFile: async (path: string) => (path === 'analysis/latency.yaml' ? TEMPLATE : undefined) };
const promotion = (previousImage: string): AppPromotion => ({ app: 'user-service', image: CANDIDATE, digest: CANDIDATE.split('@')[1]!, previousImage, manifest: 'stage/user-service/kustomization.yaml', diff: '' });

/** A Prometheus that answers by digest: the same ten samples, shifted by `level[digest]`. */
function prometheus(level: Record<string, number>) {
  const asked: PrometheusQueryRequest[] = [];
  return {
    asked,
    async query(q: PrometheusQueryRequest): Promise<PrometheusQueryResult> {
      asked.push(q);
      const digest = /digest="([^"]+)"/.exec(q.query)![1]!;
      const base = level[digest] ?? 0;
      const values = Array.from({ length: 10 }, (_, i) => base + (i % 5) * 0.01);
      return q.range
        ? { value: values, resultType: 'matrix', series: [{ labels: {}, points: values.map((v, i) => [q.range!.startMs / 1000 + 60 * i, v] as [number, number]) }] }
        : { value: [values[0]!], resultType: 'vector', series: [{ labels: {}, points: [[NOW / 1000, values[0]!]] }] };
    },
  };
}

const clock = { now: () => NOW, sleep: async () => {} };
const digestOf = (ref: string) => ref.split('@')[1]!;
const compare = (baseline: string) => `compare:\n  baseline: ${baseline}\n  window: 1h\n  metrics:\n    - { template: latency, metric: p95, direction: increase, effectSize: 0.1 }`;

describe('measureGates', () => {
  test('analysis: run against the source environment with the promoted digest; Failed is a fail verdict with the numbers', async () => {
    const p = prometheus({ [digestOf(CANDIDATE)]: 0.7 });
    const report = await measureGates({ config: await config('analysis: [latency]'), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env: {} });
    expect(p.asked.map((q) => [q.address, q.query])).toEqual([['http://prometheus.test:9090', `latency{env="dev",digest="${digestOf(CANDIDATE)}"}`]]);
    expect(report.verdicts).toEqual([{ gate: 'analysis', verdict: 'fail', reason: 'latency: p95 Failed 1/1 1 failed last 0.7' }]);
    expect(report.keys).toEqual([`user-service@${digestOf(CANDIDATE)}`]);
  });

  test('compare, baseline target: the version now in the target, in the target, over the same window', async () => {
    const p = prometheus({ [digestOf(CANDIDATE)]: 0.3, [digestOf(IN_TARGET)]: 0.2 });
    const report = await measureGates({ config: await config(compare('target')), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env: {} });
    expect(p.asked.map((q) => [q.query, q.range!.startMs, q.range!.endMs])).toEqual([
      [`latency{env="dev",digest="${digestOf(CANDIDATE)}"}`, NOW - HOUR, NOW],
      [`latency{env="stage",digest="${digestOf(IN_TARGET)}"}`, NOW - HOUR, NOW],
    ]);
    expect(report.verdicts[0]).toMatchObject({ gate: 'compare', verdict: 'fail' });
    expect(report.verdicts[0]!.reason).toMatch(/^fail: score 0 < 75.*: latency\/p95 p=/);
  });

  test('compare, baseline previous: the version the candidate replaced in the source, over the window before the candidate was pinned there (its latest pin)', async () => {
    const p = prometheus({ [digestOf(CANDIDATE)]: 0.2, [digestOf(REPLACED_IN_SOURCE)]: 0.2 });
    const pinnedAt = NOW - 5 * HOUR;
    const pins = [ // newest first, as the log reads them
      { commit: '1'.repeat(40), date: new Date(pinnedAt).toISOString(), action: 'bump', env: 'dev', app: 'user-service', image: CANDIDATE, previousImage: REPLACED_IN_SOURCE },
      { commit: '2'.repeat(40), date: new Date(NOW - 50 * HOUR).toISOString(), action: 'bump', env: 'dev', app: 'user-service', image: CANDIDATE, previousImage: image('0.9.0', 'd') },
    ];
    const report = await measureGates({ config: await config(compare('previous')), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins }, { prometheus: p, clock, env: {} });
    expect(p.asked.map((q) => [q.query, q.range!.startMs, q.range!.endMs])).toEqual([
      [`latency{env="dev",digest="${digestOf(CANDIDATE)}"}`, NOW - HOUR, NOW],
      [`latency{env="dev",digest="${digestOf(REPLACED_IN_SOURCE)}"}`, pinnedAt - HOUR, pinnedAt],
    ]);
    expect(report.verdicts[0]).toMatchObject({ gate: 'compare', verdict: 'pass' });
    expect(report.comparisons[0]!.windows.baseline).toMatchObject({ env: 'dev', image: REPLACED_IN_SOURCE });
  });

  test('compare with no baseline version (a first promotion): nothing is queried for it, and the gate fails closed', async () => {
    const p = prometheus({ [digestOf(CANDIDATE)]: 0.2 });
    const report = await measureGates({ config: await config(compare('target')), snapshot, from: 'dev', to: 'stage', promotions: [promotion('')], pins: [] }, { prometheus: p, clock, env: {} });
    expect(p.asked).toEqual([]);
    expect(report.verdicts[0]).toMatchObject({ gate: 'compare', verdict: 'fail' });
    expect(report.verdicts[0]!.reason).toMatch(/no baseline: stage runs no version of user-service yet/);
  });

  test('a template that is not in analysis/, and a missing Prometheus address, are configuration errors before anything is measured', async () => {
    const p = prometheus({});
    await expect(measureGates({ config: await config('analysis: [nope]'), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env: {} }))
      .rejects.toThrow('analysis/nope.yaml: no analysis template "nope": expected analysis/nope.yaml in the environment repository');
    const noAddress = { ...(await config('analysis: [latency]')) };
    delete noAddress.prometheus;
    await expect(measureGates({ config: noAddress, snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env: {} }))
      .rejects.toThrow(/prometheus\.address: the analysis gates of "stage" query Prometheus/);
    expect(p.asked).toEqual([]);
  });
});
