// The measured gates of a promotion (analysis-gate.ts) with a scripted Prometheus and a fixed
// clock: which version each query asks about, over which window, and the verdicts and reasons.
import { describe, expect, test } from 'vitest';
import { measureGates, runComparison, type ComparisonQuery, type MeasureInput } from '../../actions/src/core/analysis-gate.js';
import type { PrometheusQueryRequest, PrometheusQueryResult } from '../../actions/src/core/analysis-run.js';
import type { ResolvedMetric } from '../../actions/src/core/analysis-template.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import type { AppPromotion } from '../../actions/src/core/promote.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;
const REGISTRY = 'r.example.com';
const image = (tag: string, hex: string) => `${REGISTRY}/user-service:${tag}@sha256:${hex.repeat(64)}`;
const CANDIDATE = image('2.0.0', 'c');
const IN_TARGET = image('1.0.0', 'a');
const REPLACED_IN_SOURCE = image('1.5.0', 'b');

function config(gates: string): Promise<MeasureInput['config']> {
  return parseConfig(configText(gates));
}

function configText(gates: string): string {
  return `registry: ${REGISTRY}
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
`;
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

  // (It was reported at analysis/<name>.yaml, a file that is not there, with no word of those that are.)
  test.each([
    ['a gate\'s analysis list', 'analysis: [latency, latencyy]', 'ferry.yaml:7:27: environments[1].gates.analysis[1]: no analysis template "latencyy"'],
    ['a compare metric\'s template', compare('target').replace('template: latency', 'template: latncy'), 'ferry.yaml:11:25: environments[1].gates.compare.metrics[0].template: no analysis template "latncy"'],
  ])('a template named in %s that is not in analysis/: at its line, column and field in ferry.yaml, with the templates there', async (_name, gates, where) => {
    const text = configText(gates);
    const listing = { ...snapshot, readFile: async (path: string) => (path === 'ferry.yaml' ? text : snapshot.readFile(path)), listFiles: async (dir: string) => (dir === 'analysis' ? ['README.md', 'latency.yaml', 'errors.yml'] : []) };
    const error = await measureGates({ config: await config(gates), snapshot: listing, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: prometheus({}), clock, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(`${where}: expected analysis/${/"(.*)"/.exec(where)![1]}.yaml (or .yml) in the environment repository; the templates in analysis/: latency, errors`);
  });

  test('a template that is not in analysis/, and a missing Prometheus address, are configuration errors before anything is measured', async () => {
    const p = prometheus({});
    await expect(measureGates({ config: await config('analysis: [nope]'), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env: {} }))
      .rejects.toThrow('ferry.yaml: environments[1].gates.analysis[0]: no analysis template "nope": expected analysis/nope.yaml (or .yml) in the environment repository');
    const noAddress = { ...(await config('analysis: [latency]')) };
    delete noAddress.prometheus;
    await expect(measureGates({ config: noAddress, snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env: {} }))
      .rejects.toThrow(/prometheus\.address: the analysis gates of "stage" query Prometheus/);
    expect(p.asked).toEqual([]);
  });

  describe('ferry.yaml\'s bearer token goes only to an https address or a loopback one', () => {
    /** An analysis gate, and a bearer token for Prometheus at `address`. */
    const configWith = (address: string) => parseConfig(`registry: ${REGISTRY}
environments:
  - name: dev
  - name: stage
    promoteFrom: dev
    gates: { analysis: [latency] }
apps:
  - name: user-service
    image: user-service
    manifest: "{env}/user-service/kustomization.yaml"
prometheus:
  address: ${address}
  bearerTokenEnv: PROMETHEUS_TOKEN
`);
    const env = { PROMETHEUS_TOKEN: 'prom-bearer-secret' };
    const PLAIN = 'the Prometheus bearer token (from ferry.yaml\'s prometheus.bearerTokenEnv, PROMETHEUS_TOKEN) is not sent over plain http to "http://prometheus.test:9090", where anyone on the way could read it: use an https:// address (http is taken only for a loopback address: 127.0.0.1, ::1 or localhost)';

    test('ferry.yaml\'s http address: a ConfigurationError naming ferry.yaml and prometheus.address; nothing is asked', async () => {
      const p = prometheus({});
      const error = await measureGates({ config: await configWith('http://prometheus.test:9090'), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toEqual([{ file: 'ferry.yaml', field: 'prometheus.address', message: PLAIN }]);
      expect(p.asked).toEqual([]);
    });

    test('an http address given instead (--prometheus): the problem names it', async () => {
      const p = prometheus({});
      const error = await measureGates({ config: await configWith('https://prometheus.example.com'), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env, prometheusAddress: 'http://prometheus.test:9090' }).then(() => undefined, (e: unknown) => e);
      expect((error as ConfigurationError).problems).toEqual([{ field: '--prometheus', message: PLAIN }]);
      expect(p.asked).toEqual([]);
    });

    // (It was named "prometheus-address", a name no flag, input or key has.)
    test('ferry.yaml\'s address that is no URL Ferry sends to: the problem names ferry.yaml and prometheus.address; nothing is asked', async () => {
      const p = prometheus({});
      const error = await measureGates({ config: await configWith('https://alice:123#pw@prometheus.test'), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems.map((q) => [q.file, q.field])).toEqual([['ferry.yaml', 'prometheus.address']]);
      expect((error as Error).message).not.toContain('123#pw');
      expect(p.asked).toEqual([]);
    });

    test.each(['https://prometheus.test:9090', 'http://127.0.0.1:9090'])('%s: measured, with the token', async (address) => {
      const p = prometheus({ [digestOf(CANDIDATE)]: 0.2 });
      const report = await measureGates({ config: await configWith(address), snapshot, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] }, { prometheus: p, clock, env });
      expect(p.asked.map((q) => [q.address, q.bearerToken])).toEqual([[address, 'prom-bearer-secret']]);
      expect(report.verdicts).toEqual([{ gate: 'analysis', verdict: 'pass', reason: 'latency: p95 Successful 1/1 last 0.2' }]);
    });
  });
});

describe('runComparison', () => {
  const WINDOW = { startMs: NOW - HOUR, endMs: NOW };
  const SECRET = 'tok"3n\\x';
  function resolvedMetric(query: string): ResolvedMetric {
    return { name: 'p95', dryRun: false, address: 'http://prom.test:9090', query, headers: {}, initialDelayMs: 0, count: 1, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4 };
  }
  const query = (candidate: string, baseline: string): ComparisonQuery => ({
    spec: { metric: 'latency/p95', direction: 'increase' }, candidate: resolvedMetric(candidate), baseline: resolvedMetric(baseline), stepSeconds: 60,
  });
  const TEN = Array.from({ length: 10 }, (_, i) => 0.2 + (i % 5) * 0.01);
  const matrix = (values: number[], warnings?: string[]): PrometheusQueryResult => ({ value: values, resultType: 'matrix', series: [], ...(warnings ? { warnings } : {}) });
  const thresholds = { pass: 95, marginal: 75 };

  test('a failed query: the reason says why, with the secret masked in every spelling (the client is given the secret too)', async () => {
    const asked: PrometheusQueryRequest[] = [];
    const prometheus = {
      async query(q: PrometheusQueryRequest): Promise<PrometheusQueryResult> {
        asked.push(q);
        if (q.query.includes('v1')) return matrix(TEN);
        throw new Error(`Prometheus rejected the range query ${JSON.stringify(q.query)} (HTTP 400): ${q.query}`);
      },
    };
    const report = await runComparison([query(`lat{v="v2",t="${SECRET}"}`, `lat{v="v1",t="${SECRET}"}`)], { candidate: WINDOW, baseline: WINDOW }, thresholds, { prometheus, secrets: [SECRET] });
    expect(report.verdict).toBe('fail');
    expect(report.reason).toContain('p95 candidate: Prometheus rejected the range query "lat{v=\\"v2\\",t=\\"*****\\"}" HTTP 400: lat{v="v2",t="*****"}');
    expect(JSON.stringify(report)).not.toContain('tok');
    expect(asked.map((q) => q.secrets)).toEqual([[SECRET], [SECRET]]);
  });

  test('the same request for the candidate and the baseline is an error, not a pass: nothing is compared', async () => {
    const asked: string[] = [];
    const prometheus = { query: async (q: PrometheusQueryRequest) => (asked.push(q.query), matrix(TEN)) };
    const report = await runComparison([query('lat{app="a"}', 'lat{app="a"}')], { candidate: WINDOW, baseline: WINDOW }, thresholds, { prometheus });
    expect(asked).toEqual([]);
    expect(report).toMatchObject({ verdict: 'fail', score: 0 });
    expect(report.error).toBe('latency/p95: the candidate and the baseline send Prometheus the same query "lat{app=\\"a\\"}" over the same window, so the comparison would compare a series with itself: the query must use an arg whose value differs between them');
    expect(report.reason).toMatch(/^error: latency\/p95: the candidate and the baseline send Prometheus the same query/);
    expect(report.metrics[0]).toMatchObject({ verdict: 'nodata', reason: expect.stringMatching(/^nodata: the candidate and the baseline send/) });
  });

  test('the same query over different windows (baseline previous) is compared', async () => {
    const prometheus = { query: async () => matrix(TEN) };
    const report = await runComparison([query('lat{app="a"}', 'lat{app="a"}')], { candidate: WINDOW, baseline: { startMs: NOW - 5 * HOUR, endMs: NOW - 4 * HOUR } }, thresholds, { prometheus });
    expect(report).toMatchObject({ verdict: 'pass', score: 100 });
    expect(report.error).toBeUndefined();
  });

  test('interrupted: the report comes back (it does not throw), an error naming the metrics it could not read', async () => {
    const controller = new AbortController();
    const prometheus = {
      query: (q: PrometheusQueryRequest, signal?: AbortSignal) => (q.query.includes('fast')
        ? Promise.resolve(matrix(TEN))
        : new Promise<PrometheusQueryResult>((_resolve, reject) => {
          if (signal?.aborted) reject(signal.reason);
          signal?.addEventListener('abort', () => reject(signal.reason));
          controller.abort(new Error('interrupted'));
        })),
    };
    const fast = { ...query('fast{v="2"}', 'fast{v="1"}'), spec: { metric: 'latency/fast', direction: 'increase' as const } };
    const report = await runComparison([fast, query('slow{v="2"}', 'slow{v="1"}')], { candidate: WINDOW, baseline: WINDOW }, thresholds, { prometheus, signal: controller.signal });
    expect(report.verdict).toBe('fail');
    expect(report.error).toBe('interrupted before the series of latency/p95 were read');
    expect(report.metrics.map((m) => [m.metric, m.verdict, m.reason.split(':')[0]])).toEqual([['latency/fast', 'pass', 'p=1>=0.05, +0.0%'], ['latency/p95', 'nodata', 'nodata']]);
  });

  test("Prometheus's warnings are in the reason", async () => {
    const prometheus = { query: async (q: PrometheusQueryRequest) => matrix(TEN, q.query.includes('v2') ? ['partial response (store 3 of 5 down)'] : undefined) };
    const report = await runComparison([query('lat{v="v2"}', 'lat{v="v1"}')], { candidate: WINDOW, baseline: WINDOW }, thresholds, { prometheus });
    expect(report.verdict).toBe('pass');
    expect(report.reason).toBe('pass: score 100 >= 95; 1 of 1 metrics pass; p95 candidate: Prometheus warned "partial response store 3 of 5 down"');
  });
});

describe('measureGates: a compare gate whose template cannot tell the versions apart', () => {
  test('a query that uses neither env nor digest sends the same request for both: the gate is an error, not a pass', async () => {
    const same = TEMPLATE.replace('query: latency{env="{{args.env}}",digest="{{args.digest}}"}', 'query: latency{app="user-service"}');
    const asked: string[] = [];
    const p = { query: async (q: PrometheusQueryRequest): Promise<PrometheusQueryResult> => (asked.push(q.query), { value: [0.2, 0.21, 0.22, 0.23, 0.24], resultType: 'matrix', series: [] }) };
    const report = await measureGates(
      { config: await config(compare('target')), snapshot: { ...snapshot, readFile: async (path: string) => (path === 'analysis/latency.yaml' ? same : undefined) }, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] },
      { prometheus: p, clock, env: {} },
    );
    expect(asked).toEqual([]);
    expect(report.verdicts[0]).toMatchObject({ gate: 'compare', verdict: 'error', reason: expect.stringMatching(/^error: latency\/p95: the candidate and the baseline send Prometheus the same query/) });
  });
});

describe('measureGates: secrets', () => {
  test('each spelling of a secret arg is told to deps.secret (the actions mask them), and none is in the report', async () => {
    const secret = 'org "7"/x';
    const tpl = TEMPLATE.replace('    - name: digest\n', '    - name: digest\n    - name: org\n      valueFrom:\n        secretKeyRef: { name: prom, key: org }\n')
      .replace('digest="{{args.digest}}"}', 'digest="{{args.digest}}",org=\'{{args.org}}\'}'); // (a " in a "…" literal is refused at resolve)
    const told: string[] = [];
    const p = { query: async (q: PrometheusQueryRequest): Promise<PrometheusQueryResult> => { throw new Error(`HTTP 400 for ${JSON.stringify(q.query)} and ${encodeURIComponent(q.query)}`); } };
    const report = await measureGates(
      { config: await config(compare('target')), snapshot: { ...snapshot, readFile: async (path: string) => (path === 'analysis/latency.yaml' ? tpl : undefined) }, from: 'dev', to: 'stage', promotions: [promotion(IN_TARGET)], pins: [] },
      { prometheus: p, clock, env: { FERRY_SECRET_PROM_ORG: secret }, secret: (v) => told.push(v) },
    );
    expect(told).toEqual(expect.arrayContaining([secret, 'org \\"7\\"/x', 'org%20%227%22%2Fx', 'org+%227%22%2Fx']));
    const shown = JSON.stringify({ ...report, secrets: undefined }); // secrets: the values to mask, for the caller
    for (const form of told) expect(shown).not.toContain(form);
    expect(report.verdicts.map((v) => v.verdict)).toEqual(['fail']);
  });
});
