// The Ferry-Gate a promotion records, however many apps it promotes: every app's numbers are in
// the result (the job summary, --json), and the trailer holds at most 1,000 characters, naming
// every analysis template (audit's gate-missing rule reads them). Planned on an env repo in
// memory, measured against a scripted Prometheus with a fixed clock, and read back by the Auditor.
import { describe, expect, test } from 'vitest';
import { measureGates } from '../../actions/src/core/analysis-gate.js';
import type { PrometheusQueryRequest, PrometheusQueryResult } from '../../actions/src/core/analysis-run.js';
import { Auditor } from '../../actions/src/core/audit.js';
import { parseConfig, type FerryConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { GATE_TRAILER_MAX, gateTrailer, planPromote, type GateVerdict, type PromoteRequest } from '../../actions/src/core/promote.js';
import { GATE_RECORD, commitMessage, trailerList } from '../../actions/src/core/trailers.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const digest = (n: number, c: string) => `sha256:${c}${String(n).padStart(63, '0')}`;
const appName = (i: number) => `payments-service-${String(i).padStart(4, '0')}`;
const TEMPLATES = ['http-success-rate', 'http-latency-p95'];

function ferryYaml(apps: number, gates: string): string {
  return [
    `registry: ${REG}`, 'environments:', '  - name: stage', '  - name: prod', '    promoteFrom: stage', '    gates:', ...gates.split('\n').map((l) => `      ${l}`), 'apps:',
    ...Array.from({ length: apps }, (_, i) => [`  - name: ${appName(i)}`, `    image: ${appName(i)}`, '    manifest: "{env}/{app}/kustomization.yaml"']).flat(),
    'prometheus:', '  address: http://prometheus.test:9090', '',
  ].join('\n');
}
const template = (name: string, metric: string, condition: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: ${name}
spec:
  args:
    - name: app
    - name: digest
  metrics:
    - name: ${metric}
      successCondition: ${condition}
      provider:
        prometheus:
          address: http://in-cluster:9090
          query: ${metric.replaceAll('-', '_')}{app="{{args.app}}",digest="{{args.digest}}"}
`;
const manifest = (app: string, tag: string, d: string) => `resources: [../../base/${app}]\nimages:\n  - name: ${app}\n    newName: ${REG}/${app}\n    newTag: ${tag}\n    digest: ${d}\n`;

/** `apps` apps, each pinned at 2.0.0 in stage and 1.0.0 in prod. */
function repo(apps: number, gates: string) {
  const files: Record<string, string> = {
    'ferry.yaml': ferryYaml(apps, gates),
    'analysis/http-success-rate.yaml': template('http-success-rate', 'success-rate', 'result[0] >= 0.99'),
    'analysis/http-latency-p95.yaml': template('http-latency-p95', 'latency-p95-seconds', 'result[0] < 0.5'),
  };
  for (let i = 0; i < apps; i++) {
    files[`stage/${appName(i)}/kustomization.yaml`] = manifest(appName(i), '2.0.0', digest(i, 'b'));
    files[`prod/${appName(i)}/kustomization.yaml`] = manifest(appName(i), '1.0.0', digest(i, 'a'));
  }
  return { commit: 'c'.repeat(40), readFile: async (path: string) => files[path] };
}

/** A Prometheus where every app is healthy but those in `slow` (p95 0.9 s). */
function prometheus(slow: ReadonlySet<string> = new Set()) {
  return {
    async query(q: PrometheusQueryRequest): Promise<PrometheusQueryResult> {
      const app = /app="([^"]+)"/.exec(q.query)![1]!;
      const value = q.query.startsWith('success_rate') ? 0.99912 : slow.has(app) ? 0.91234 : 0.21234;
      if (!q.range) return { value: [value], resultType: 'vector', series: [{ labels: {}, points: [[NOW / 1000, value]] }] };
      // (A comparison's range: ten samples, the same for every version.)
      const values = Array.from({ length: 10 }, (_, i) => value + (i % 5) * 0.001);
      return { value: values, resultType: 'matrix', series: [{ labels: {}, points: values.map((v, i) => [q.range!.startMs / 1000 + 60 * i, v] as [number, number]) }] };
    },
  };
}

const since = async () => ({ commit: 'a'.repeat(40), date: new Date(NOW - 3 * 3_600_000).toISOString() });
const request = (extra: Partial<PromoteRequest> = {}): PromoteRequest => ({ from: 'stage', to: 'prod', apps: [], all: true, approvedBy: ['bob'], requestedBy: 'alice', ...extra });
const GATES = `soak: 2h\napprovals: 1\nanalysis: [${TEMPLATES.join(', ')}]`;

/** The promotion of every app, its gates measured, planned as the promote command plans it (dry run or not): the commit message and the result. */
async function promote(apps: number, options: { slow?: Set<string>; gates?: string; req?: Partial<PromoteRequest> } = {}) {
  const snapshot = repo(apps, options.gates ?? GATES);
  const config = await parseConfig(await snapshot.readFile('ferry.yaml') as string, 'ferry.yaml');
  const req = request(options.req);
  const preview = await planPromote(snapshot, req, since, new Date(NOW), 'defer');
  const measured = await measureGates({ config, snapshot, from: 'stage', to: 'prod', promotions: preview.result.promotions, pins: [] }, { prometheus: prometheus(options.slow), clock: { now: () => NOW, sleep: async () => {} }, env: {} });
  const planned = await planPromote(snapshot, req, since, new Date(NOW), measured);
  if (!planned.write) throw new Error('expected a write');
  return { config, message: planned.message, result: planned.result, files: planned.files.map((f) => f.path) };
}

/** The commit as audit reads it, checked with prod's gates in force: the gate rules' verdicts. */
function audited(config: FerryConfig, message: string, files: string[]) {
  const auditor = new Auditor();
  auditor.check({ commit: 'd'.repeat(40), date: new Date(NOW).toISOString(), trailers: trailerList(message), files }, config);
  return auditor.violations.filter((v) => v.rule === 'gate-missing' || v.rule === 'gate-not-passed').map((v) => v.message);
}

describe('the analysis gate of many apps, two templates each, as the commit records it', () => {
  test.each([1, 7, 300])('%i apps: a Ferry-Gate of at most 1,000 characters naming both templates; every run\'s numbers in the result; audit finds every gate recorded', async (apps) => {
    const { config, message, result, files } = await promote(apps);
    const gate = trailerList(message).first('Ferry-Gate')!;
    expect(gate.length).toBeLessThanOrEqual(GATE_TRAILER_MAX);
    expect(gate).toMatch(GATE_RECORD);
    expect(trailerList(message).get('Ferry-App')).toHaveLength(apps);
    const analysis = result.gates.find((g) => g.gate === 'analysis')!;
    // The result keeps every run (the job summary, --json).
    expect(analysis.reason.match(/latency-p95-seconds Successful 1\/1/g)).toHaveLength(apps);
    if (apps === 1) {
      // As before: one app's reasons fit, in full.
      expect(gate).toBe(`blocked=pass(no digest is blocked) soak=pass(3h>=2h) approvals=pass(1/1) analysis=pass(${analysis.reason})`);
    } else {
      expect(analysis.reason.length).toBeGreaterThan(GATE_TRAILER_MAX); // (what no longer fitted)
      expect(gate).toBe(`blocked=pass(no digest is blocked) soak=pass(3h>=2h ${appName(0)}) approvals=pass(1/1) analysis=pass(${2 * apps}/${2 * apps} runs Successful: http-success-rate, http-latency-p95)`);
    }
    expect(audited(config, message, files)).toEqual([]);
  });

  test('7 apps, one too slow, overridden: the runs not Successful are named in the record, and audit reads the override; without it, the record is a verdict not passed', async () => {
    const slow = new Set([appName(3)]);
    const { config, message, files } = await promote(7, { slow, req: { override: { gate: 'analysis', reason: 'known slow start, INC-7' } } });
    const gate = trailerList(message).first('Ferry-Gate')!;
    expect(gate.length).toBeLessThanOrEqual(GATE_TRAILER_MAX);
    expect(gate).toContain(`analysis=fail(13/14 runs Successful, 1 Failed: http-success-rate, http-latency-p95; not Successful: ${appName(3)} http-latency-p95 Failed)`);
    expect(audited(config, message, files)).toEqual([]);
    const withoutOverride = message.replace(/^Ferry-(Override|Reason): .*\n/gm, '');
    expect(audited(config, withoutOverride, files)).toEqual(['gate analysis was fail and no override with a reason was recorded']);
  });

  test('a record that does not name a required template is still told (audit reads the record as before)', async () => {
    const { config, message, files } = await promote(7);
    const dropped = message.replace(', http-latency-p95)', ')');
    expect(dropped).not.toBe(message);
    expect(audited(config, dropped, files)).toEqual(['prod required analysis http-latency-p95 at the time; the recorded analysis verdict does not name it']);
  });

  test('compare of 7 apps: bounded the same way (every app\'s comparison in the result)', async () => {
    const gates = 'approvals: 1\ncompare:\n  window: 1h\n  metrics:\n    - { template: http-latency-p95, metric: latency-p95-seconds, direction: increase, effectSize: 0.1 }\n    - { template: http-success-rate, metric: success-rate, direction: decrease }';
    const { config, message, result, files } = await promote(7, { gates });
    const gate = trailerList(message).first('Ferry-Gate')!;
    const compare = result.gates.find((g) => g.gate === 'compare')!;
    expect(compare.reason.length).toBeGreaterThan(GATE_TRAILER_MAX);
    expect(gate.length).toBeLessThanOrEqual(GATE_TRAILER_MAX);
    expect(gate).toMatch(GATE_RECORD);
    expect(gate).toBe('blocked=pass(no digest is blocked) approvals=pass(1/1) compare=pass(7/7 apps pass)');
    expect(audited(config, message, files).filter((m) => m.includes('compare'))).toEqual([]);
  });
});

describe('gateTrailer: any reason, any number of apps', () => {
  const soakOf = (apps: number): GateVerdict => ({ gate: 'soak', verdict: 'fail', reason: Array.from({ length: apps }, (_, i) => `5m<2h (${appName(i)})`).join(', ') });

  test('a soak failed for 300 apps (overridden): the longest reasons are cut to fit, with …; the other gates stay whole', () => {
    const verdicts: GateVerdict[] = [{ gate: 'blocked', verdict: 'pass', reason: 'no digest is blocked' }, soakOf(300), { gate: 'approvals', verdict: 'pass', reason: '1/1' }];
    const gate = gateTrailer(verdicts);
    expect(gate.length).toBeLessThanOrEqual(GATE_TRAILER_MAX);
    expect(gate.length).toBeGreaterThan(GATE_TRAILER_MAX - 40); // (as much as fits)
    expect(gate).toMatch(GATE_RECORD);
    expect(gate).toMatch(/^blocked=pass\(no digest is blocked\) soak=fail\(5m<2h payments-service-0000, 5m<2h .*…\) approvals=pass\(1\/1\)$/);
    expect(() => commitMessage('promote(prod): 300 apps', [['Ferry-Gate', gate]])).not.toThrow();
  });

  test('what fits is written in full, as before', () => {
    const verdicts: GateVerdict[] = [{ gate: 'soak', verdict: 'fail', reason: '1h<2h (web)' }, { gate: 'analysis', verdict: 'pass', reason: 'latency: p95 Successful 1/1 last 0.2', record: '1/1 runs Successful: latency' }];
    expect(gateTrailer(verdicts)).toBe('soak=fail(1h<2h web) analysis=pass(latency: p95 Successful 1/1 last 0.2)');
  });

  test('the analysis record is never cut, the others are; a record longer than the trailer\'s room (templates without end) is written all the same: no error of the user\'s', () => {
    const names = Array.from({ length: 40 }, (_, i) => `template-with-a-rather-long-name-${i}`);
    const verdicts: GateVerdict[] = [soakOf(50), { gate: 'analysis', verdict: 'pass', reason: 'x'.repeat(5000), record: `40/40 runs Successful: ${names.join(', ')}` }];
    const gate = gateTrailer(verdicts);
    expect(gate).toContain(`analysis=pass(40/40 runs Successful: ${names.join(', ')})`);
    expect(gate).toMatch(/^soak=fail\(.{1,23}…\) /);
    expect(() => commitMessage('promote(prod): 50 apps', [['Ferry-Gate', gate]])).not.toThrow();
  });

  test('commitMessage still holds a value a user gave to its limit', () => {
    const error = (() => {
      try {
        commitMessage('promote(prod): x', [['Ferry-Reason', 'r'.repeat(1001)]]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
  });
});
