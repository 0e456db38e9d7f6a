import { describe, expect, test } from 'vitest';
import { parseCondition, parseTimeExpression, type MetricValue } from '../../actions/src/core/analysis-expr.js';
import { evaluate, formatValue, progressLine, progressText, runAnalysis, summarizeRun, type Clock, type PrometheusClient, type PrometheusQueryRequest, type PrometheusQueryResult, type ProgressEvent } from '../../actions/src/core/analysis-run.js';
import { parseAnalysisTemplate, resolveAnalysis, type ResolvedAnalysis, type ResolvedMetric } from '../../actions/src/core/analysis-template.js';
import { toJson } from '../../actions/src/core/format-value.js';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const MIN = 60_000;

/** A clock that jumps forward when slept on; with `abortAt`, aborts `controller` once time reaches it. */
function fakeClock(abortAt?: { at: number; controller: AbortController }): Clock & { sleeps: number[] } {
  let t = T0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    async sleep(ms: number, signal?: AbortSignal) {
      sleeps.push(ms);
      t += ms;
      if (abortAt && t - T0 >= abortAt.at) abortAt.controller.abort();
      if (signal?.aborted) throw new Error('sleep aborted');
    },
  };
}

type Step = MetricValue | Error;

/** Answers each query (the metric's name) with the next scripted value, or throws the scripted error. */
function fakePrometheus(script: Record<string, Step[]>, clock: Clock): PrometheusClient & { calls: { query: string; at: number; request: PrometheusQueryRequest }[] } {
  const calls: { query: string; at: number; request: PrometheusQueryRequest }[] = [];
  const left = Object.fromEntries(Object.entries(script).map(([k, v]) => [k, [...v]]));
  return {
    calls,
    async query(q) {
      calls.push({ query: q.query, at: clock.now() - T0, request: q });
      const step = left[q.query]?.shift();
      if (step === undefined) throw new Error(`test: nothing scripted for query ${JSON.stringify(q.query)} any more`);
      if (step instanceof Error && 'matrix' in step) return { value: [1, 1], resultType: 'matrix', series: [] };
      if (step instanceof Error) throw step;
      const series = q.range ? [{ labels: { pod: 'p-1' }, points: [[q.range.endMs / 1000, 1]] as [number, number][] }] : [];
      return { value: step, resultType: q.range ? 'matrix' : 'vector', series };
    },
  };
}

interface MetricOptions {
  success?: string;
  failure?: string;
  count?: number;
  intervalMs?: number;
  initialDelayMs?: number;
  failureLimit?: number;
  inconclusiveLimit?: number;
  consecutiveErrorLimit?: number;
  dryRun?: boolean;
  query?: string;
  range?: { start: string; end: string; stepSeconds: number };
}

const SUCCESS = 'result[0] >= 0.99';

function metric(name: string, o: MetricOptions = {}): ResolvedMetric {
  const m: ResolvedMetric = {
    name,
    dryRun: o.dryRun ?? false,
    address: 'http://prom:9090',
    query: o.query ?? name,
    headers: {},
    initialDelayMs: o.initialDelayMs ?? 0,
    count: o.count ?? 1,
    failureLimit: o.failureLimit ?? 0,
    inconclusiveLimit: o.inconclusiveLimit ?? 0,
    consecutiveErrorLimit: o.consecutiveErrorLimit ?? 4,
  };
  if (o.intervalMs !== undefined) m.intervalMs = o.intervalMs;
  const success = o.success ?? (o.failure === undefined ? SUCCESS : undefined);
  if (success !== undefined) m.successCondition = { text: success, expression: parseCondition(success) };
  if (o.failure !== undefined) m.failureCondition = { text: o.failure, expression: parseCondition(o.failure) };
  if (o.range) m.rangeQuery = { start: parseTimeExpression(o.range.start), end: parseTimeExpression(o.range.end), stepSeconds: o.range.stepSeconds };
  return m;
}

function analysis(metrics: ResolvedMetric[], secrets: string[] = []): ResolvedAnalysis {
  return { template: 'gate', file: 'analysis/gate.yaml', metrics, secrets };
}

async function run(metrics: ResolvedMetric[], script: Record<string, Step[]>, opts: { abortAt?: number; controller?: AbortController; secrets?: string[] } = {}) {
  const controller = opts.controller ?? new AbortController();
  const clock = fakeClock(opts.abortAt !== undefined ? { at: opts.abortAt, controller } : undefined);
  const prometheus = fakePrometheus(script, clock);
  const events: ProgressEvent[] = [];
  const result = await runAnalysis(analysis(metrics, opts.secrets), { prometheus, clock, signal: controller.signal, onProgress: (e) => events.push(e) });
  return { result, calls: prometheus.calls, events, clock };
}

const OK = [0.995];
const BAD = [0.5];
const EMPTY: MetricValue = [];
const NAN = [NaN];
const INF = [Infinity];
const DOWN = () => new Error('Prometheus at http://prom:9090 is unreachable: connect ECONNREFUSED 10.0.0.1:9090');
/** The adapter's PrometheusError for a query Prometheus refuses (HTTP 400 bad_data): a retry cannot change it. */
const REFUSED = () => Object.assign(new Error('Prometheus at http://prom:9090 rejected the query "up{" (HTTP 400, bad_data): "1:4: parse error: unexpected end of input"'), { kind: 'query', retryable: false });
/** A 503 from an overloaded Prometheus: a retry may help. */
// An execution error (HTTP 422) may depend on the data: many-to-many matching while old and new pods overlap.
const EXECUTION = () => Object.assign(new Error('Prometheus at http://prom:9090 rejected the query "a / on(pod) b" (HTTP 422, execution): "found duplicate series for the match group"'), { kind: 'query', retryable: false, status: 422, errorType: 'execution' });
const FLAKY = () => Object.assign(new Error('Prometheus at http://prom:9090 rejected the query "up" (HTTP 503, unavailable): "too many queries"; a retry may help'), { kind: 'query', retryable: true });
/** An answer fakePrometheus gives as a matrix to an instant query. */
const MATRIX = Object.assign(new Error('matrix'), { matrix: true });

describe('a measurement, from the conditions and the result', () => {
  test.each<[string, string | undefined, string | undefined, MetricValue, string, string | undefined]>([
    ['success only, true', SUCCESS, undefined, OK, 'Successful', undefined],
    ['success only, false', SUCCESS, undefined, BAD, 'Failed', 'successCondition "result[0] >= 0.99" is false for 0.5'],
    ['a scalar result', 'result >= 0.99', undefined, 0.995, 'Successful', undefined],
    ['an empty result the condition does not check', SUCCESS, undefined, EMPTY, 'Inconclusive', 'the result is empty (no series matched) and the successCondition does not check for that (use len(result), isNaN(result[0]) or isInf(result[0]) to decide it)'],
    ['NaN the condition does not check', SUCCESS, undefined, NAN, 'Inconclusive', 'the result is NaN and the successCondition does not check for that'],
    ['+Inf, even though +Inf >= 0.99', SUCCESS, undefined, INF, 'Inconclusive', 'the result is infinite and the successCondition does not check for that'],
    ['an empty result the condition handles', 'len(result) == 0 || result[0] >= 0.99', undefined, EMPTY, 'Successful', undefined],
    ['NaN the condition handles', 'isNaN(result[0]) || result[0] >= 0.99', undefined, NAN, 'Successful', undefined],
    ['both, success true', 'result[0] >= 0.9', 'result[0] < 0.5', [0.95], 'Successful', undefined],
    ['both, failure true', 'result[0] >= 0.9', 'result[0] < 0.5', [0.3], 'Failed', 'failureCondition "result[0] < 0.5" is true for 0.3'],
    ['both, neither true', 'result[0] >= 0.9', 'result[0] < 0.5', [0.7], 'Inconclusive', 'neither successCondition "result[0] >= 0.9" nor failureCondition "result[0] < 0.5" is true for 0.7'],
    ['a true failure condition wins over an unhandled NaN', 'result[0] < 5', 'isNaN(result[0]) || result[0] > 10', NAN, 'Failed', 'failureCondition "isNaN(result[0]) || result[0] > 10" is true for NaN'],
    ['failure only, false', undefined, 'result[0] > 10', [3], 'Successful', undefined],
    ['failure only, true', undefined, 'result[0] > 10', [20], 'Failed', 'failureCondition "result[0] > 10" is true for 20'],
    ['failure only, empty result', undefined, 'result[0] > 10', EMPTY, 'Inconclusive', 'the result is empty (no series matched) and the failureCondition does not check for that'],
    ['a type error in a condition', 'result[0] < "a"', undefined, [1], 'Error', 'cannot evaluate successCondition "result[0] < \\"a\\"" for 1: cannot compare number 1 < string "a"'],
    // A scalar is a number: the hint names what works on it (result[0] of a scalar is an Error).
    ['a NaN scalar the condition does not check', 'result >= 0.99', undefined, NaN, 'Inconclusive', 'the result is NaN and the successCondition does not check for that (use isNaN(result) or isInf(result) to decide it)'],
    ['an infinite scalar the condition does not check', 'result >= 0.99', undefined, Infinity, 'Inconclusive', 'the result is infinite and the successCondition does not check for that (use isNaN(result) or isInf(result) to decide it)'],
    ['a NaN scalar checked as the hint says', 'isNaN(result) || result >= 0.99', undefined, NaN, 'Successful', undefined],
    ['an infinite scalar checked as the hint says', '!isInf(result) && result >= 0.99', undefined, Infinity, 'Failed', 'successCondition "!isInf(result) && result >= 0.99" is false for +Inf'],
  ])('%s', (_name, success, failure, value, phase, message) => {
    const m = metric('m', { ...(success !== undefined ? { success } : {}), ...(failure !== undefined ? { failure } : {}) });
    const got = evaluate(m, value);
    expect(got.phase).toBe(phase);
    if (message === undefined) expect(got.message).toBeUndefined();
    else expect(got.message).toContain(message);
  });
});

describe('a condition decided by something that does not derive from the result never passes an unexamined result', () => {
  // README: "a condition decided without reading the result stays Inconclusive". A constant on
  // the right of || (or of && in a failureCondition), or a predicate that ignores its element,
  // decides as much as one on the left: an empty, NaN or infinite result stays Inconclusive.
  const RESULTS: [string, MetricValue][] = [['[]', []], ['[NaN]', [NaN]], ['[+Inf]', [Infinity]], ['[-Inf]', [-Infinity]], ['null', null]];
  const SUCCESS_CONDITIONS = [
    'true || result[0] >= 0.99',
    'result[0] >= 0.99 || true',
    'result[0] > 0.9 || 1 == 1',
    'result[0] > 0.9 || len([1]) == 1',
    'result[0] > 0.9 || (1 > 0 ? true : false)',
    'result[0] > 0.9 or not false',
    'result[0] > 0.9 && (result[0] < 2 || true)',
    'any(result, {true})',
    'all(result, {true})',
    'count(result, {true}) == 1',
  ];
  const FAILURE_CONDITIONS = ['result[0] < 0.5 && false', 'false && result[0] < 0.5', 'any(result, {false})'];
  const cases: [string, 'success' | 'failure', string, string, MetricValue][] = [];
  for (const c of SUCCESS_CONDITIONS) {
    for (const [shown, value] of RESULTS) cases.push([c, 'success', shown, 'Inconclusive', value]);
    cases.push([c, 'success', '[0.995]', 'Successful', [0.995]]);
  }
  for (const c of FAILURE_CONDITIONS) {
    for (const [shown, value] of RESULTS) cases.push([c, 'failure', shown, 'Inconclusive', value]);
    cases.push([c, 'failure', '[0.995]', 'Successful', [0.995]]);
  }
  test.each(cases)('%s (%sCondition) on %s → %s', (condition, kind, _shown, phase, value) => {
    expect(evaluate(metric('m', kind === 'success' ? { success: condition } : { failure: condition }), value).phase).toBe(phase);
  });

  test('a side that derives from the result still decides on its own', () => {
    expect(evaluate(metric('m', { success: 'len(result) == 0 || result[0] >= 0.99' }), []).phase).toBe('Successful');
    expect(evaluate(metric('m', { success: 'isNaN(result[0]) || result[0] >= 0.99' }), [NaN]).phase).toBe('Successful');
    expect(evaluate(metric('m', { success: 'len(result) > 0 && result[0] >= 0.99' }), []).phase).toBe('Failed');
    expect(evaluate(metric('m', { success: 'any(result, {isNaN(#)})' }), [NaN]).phase).toBe('Successful');
  });
});

describe("a metric's phase: limits and counts, as Argo's assessMetricStatus", () => {
  const every = { intervalMs: MIN };
  test.each<[string, MetricOptions, Step[], string, { successful: number; failed: number; inconclusive: number; errors: number }, number]>([
    ['failed > failureLimit → Failed', { ...every, count: 3, failureLimit: 1 }, [BAD, OK, BAD], 'Failed', { successful: 1, failed: 2, inconclusive: 0, errors: 0 }, 3],
    ['failures within failureLimit pass', { ...every, count: 3, failureLimit: 1 }, [BAD, OK, OK], 'Successful', { successful: 2, failed: 1, inconclusive: 0, errors: 0 }, 3],
    ['failureLimit 0 (the default): one failure ends it', { ...every, count: 3 }, [BAD], 'Failed', { successful: 0, failed: 1, inconclusive: 0, errors: 0 }, 1],
    ['inconclusive > inconclusiveLimit → Inconclusive', { ...every, count: 3, inconclusiveLimit: 1 }, [EMPTY, OK, NAN], 'Inconclusive', { successful: 1, failed: 0, inconclusive: 2, errors: 0 }, 3],
    ['inconclusive within inconclusiveLimit pass', { ...every, count: 3, inconclusiveLimit: 1 }, [INF, OK, OK], 'Successful', { successful: 2, failed: 0, inconclusive: 1, errors: 0 }, 3],
    ['inconclusiveLimit 0 (the default): one empty result ends it', {}, [EMPTY], 'Inconclusive', { successful: 0, failed: 0, inconclusive: 1, errors: 0 }, 1],
    ['consecutive errors > consecutiveErrorLimit → Error', { ...every, count: 3, consecutiveErrorLimit: 2 }, [DOWN(), DOWN(), DOWN()], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 3 }, 3],
    ['a measurement without error resets the consecutive errors', { ...every, count: 3, consecutiveErrorLimit: 2 }, [DOWN(), DOWN(), OK, DOWN(), DOWN(), OK, OK], 'Successful', { successful: 3, failed: 0, inconclusive: 0, errors: 4 }, 7],
    ['consecutiveErrorLimit 4 by default', {}, [DOWN(), DOWN(), DOWN(), DOWN(), DOWN()], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 5 }, 5],
    ['consecutiveErrorLimit 0: the first error ends it', { consecutiveErrorLimit: 0 }, [DOWN()], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 1 }, 1],
    ['errors do not count toward count', { ...every, count: 2 }, [DOWN(), OK, OK], 'Successful', { successful: 2, failed: 0, inconclusive: 0, errors: 1 }, 3],
    ['no count and no interval: one measurement', {}, [OK], 'Successful', { successful: 1, failed: 0, inconclusive: 0, errors: 0 }, 1],
    ['a condition that cannot be evaluated is an Error', { success: 'result[0] < "a"', consecutiveErrorLimit: 0 }, [[1]], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 1 }, 1],
    // An error a retry cannot change ends the metric at once (Argo retries it up to consecutiveErrorLimit).
    ['Prometheus refusing the query (retryable: false) ends it at once', {}, [REFUSED(), OK], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 1 }, 1],
    ['a condition that cannot be evaluated ends it at once', { success: 'result[0] < "a"' }, [[1], OK], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 1 }, 1],
    ['an instant query answered with a matrix ends it at once', { ...every, count: 2 }, [MATRIX, OK, OK], 'Error', { successful: 0, failed: 0, inconclusive: 0, errors: 1 }, 1],
    ['an execution error (HTTP 422), which may depend on the data, is retried', { ...every, count: 2 }, [EXECUTION(), OK, OK], 'Successful', { successful: 2, failed: 0, inconclusive: 0, errors: 1 }, 3],
    ['an error that may pass (retryable: true) is retried', { ...every, count: 2 }, [FLAKY(), OK, OK], 'Successful', { successful: 2, failed: 0, inconclusive: 0, errors: 1 }, 3],
    ['a failure-only metric (opted in) passes what it does not catch', { failure: 'result[0] > 10', ...every, count: 2 }, [[3], [4]], 'Successful', { successful: 2, failed: 0, inconclusive: 0, errors: 0 }, 2],
    ['a failure-only metric fails what it catches', { failure: 'result[0] > 10', ...every, count: 2 }, [[3], [20]], 'Failed', { successful: 1, failed: 1, inconclusive: 0, errors: 0 }, 2],
    ['a failure-only metric is Inconclusive on an empty result, never Successful', { failure: 'result[0] > 10' }, [EMPTY], 'Inconclusive', { successful: 0, failed: 0, inconclusive: 1, errors: 0 }, 1],
  ])('%s', async (_name, options, script, phase, counts, queries) => {
    const { result, calls } = await run([metric('m', options)], { m: script });
    expect(result.metrics[0]).toMatchObject({ phase, ...counts });
    expect(result.phase).toBe(phase);
    expect(calls).toHaveLength(queries);
    expect(result.interrupted).toBe(false);
  });

  test('an error a retry cannot change says so, and that Argo would retry it', async () => {
    const { result, events } = await run([metric('m', { count: 3, intervalMs: MIN })], { m: [REFUSED()] });
    expect(result.metrics[0]!.message).toBe('the error cannot change on a retry, so the metric ends now (Argo would retry it up to consecutiveErrorLimit): last measurement Error: Prometheus at http://prom:9090 rejected the query "up{" (HTTP 400, bad_data): "1:4: parse error: unexpected end of input"');
    expect(result.message).toContain('metric "m" assessed Error: the error cannot change on a retry');
    // No "next in": nothing is retried.
    expect(events.at(-1)).toEqual({ metric: 'm', measurement: 0, count: 3, errors: 1, phase: 'Error' });
  });

  test('the messages say why', async () => {
    const failed = await run([metric('m', { count: 3, intervalMs: MIN, failureLimit: 1 })], { m: [BAD, OK, BAD] });
    expect(failed.result.message).toBe('metric "m" assessed Failed: failed (2) > failureLimit (1): last measurement Failed: successCondition "result[0] >= 0.99" is false for 0.5');
    const errored = await run([metric('m', { consecutiveErrorLimit: 1 })], { m: [DOWN(), DOWN()] });
    expect(errored.result.metrics[0]!.message).toBe('consecutive errors (2) > consecutiveErrorLimit (1): last measurement Error: Prometheus at http://prom:9090 is unreachable: connect ECONNREFUSED 10.0.0.1:9090');
    expect(errored.result.metrics[0]!.measurements.map((m) => m.message)).toEqual([expect.stringContaining('unreachable'), expect.stringContaining('unreachable')]);
    const ok = await run([metric('a'), metric('b')], { a: [OK], b: [OK] });
    expect(ok.result.message).toBe('all 2 metrics Successful');
  });
});

describe('timing, on a fake clock', () => {
  test('the first measurement after initialDelay, then one every interval after the previous one finished', async () => {
    const { calls, result, clock } = await run([metric('m', { initialDelayMs: 30_000, intervalMs: MIN, count: 3 })], { m: [OK, OK, OK] });
    expect(calls.map((c) => c.at)).toEqual([30_000, 90_000, 150_000]);
    expect(clock.sleeps).toEqual([30_000, MIN, MIN]);
    expect(result.metrics[0]!.measurements.map((m) => m.startedAt - T0)).toEqual([30_000, 90_000, 150_000]);
    expect(result.finishedAt - result.startedAt).toBe(150_000);
  });

  test('without an interval an error is retried after 10 s', async () => {
    const { calls } = await run([metric('m')], { m: [DOWN(), DOWN(), OK] });
    expect(calls.map((c) => c.at)).toEqual([0, 10_000, 20_000]);
  });

  test('with an interval an error is retried after the interval', async () => {
    const { calls } = await run([metric('m', { intervalMs: 5 * MIN, count: 2 })], { m: [DOWN(), OK, OK] });
    expect(calls.map((c) => c.at)).toEqual([0, 300_000, 600_000]);
  });

  test('metrics run concurrently, each on its own schedule', async () => {
    const { calls, result } = await run(
      [metric('a', { intervalMs: MIN, count: 3 }), metric('b', { initialDelayMs: 45_000, intervalMs: 30_000, count: 2 })],
      { a: [OK, OK, OK], b: [OK, OK] },
    );
    expect(calls.map((c) => `${c.query}@${c.at / 1000}`)).toEqual(['a@0', 'b@45', 'a@60', 'b@75', 'a@120']);
    expect(result.phase).toBe('Successful');
  });

  test('progress: before the first measurement, then after each', async () => {
    const { events } = await run([metric('m', { initialDelayMs: 10_000, intervalMs: MIN, count: 2 })], { m: [OK, [0.999]] });
    expect(events).toEqual([
      { metric: 'm', measurement: 0, count: 2, errors: 0, nextInMs: 10_000 },
      { metric: 'm', measurement: 1, count: 2, errors: 0, phase: 'Successful', value: OK, nextInMs: MIN },
      { metric: 'm', measurement: 2, count: 2, errors: 0, phase: 'Successful', value: [0.999] },
    ]);
  });

  test.each<[string, ProgressEvent, string]>([
    ['before the first, taken at once', { metric: 'm', measurement: 0, count: 1, errors: 0, nextInMs: 0 }, '1 measurement to take, the first now'],
    ['before the first, after an initialDelay', { metric: 'm', measurement: 0, count: 3, errors: 0, nextInMs: 30_000 }, '3 measurements to take, the first in 30000ms'],
    ['after one, more to come', { metric: 'm', measurement: 1, count: 3, errors: 0, phase: 'Successful', value: [0.99], nextInMs: MIN }, 'measurement 1 of 3 Successful [0.99]; next in 60000ms'],
    ['after the last', { metric: 'm', measurement: 3, count: 3, errors: 0, phase: 'Successful', value: [0.99] }, 'measurement 3 of 3 Successful [0.99]'],
    ['an error before any measurement counts', { metric: 'm', measurement: 0, count: 1, errors: 1, phase: 'Error', nextInMs: MIN }, 'error 1 (0 of 1 measurements taken); next in 60000ms'],
  ])('progress line %s (it said "measurement 0 of 1; next in 0s" before anything was measured)', (_name, e, expected) => {
    expect(progressLine(e, (v) => JSON.stringify(v), (ms) => `${ms}ms`)).toBe(expected);
  });

  test('progress with errors: an error is retried and does not count toward the count (it said "measurement 5 of 1")', async () => {
    const { events } = await run([metric('m', { count: 1, consecutiveErrorLimit: 4 })], { m: [DOWN(), DOWN(), OK] });
    expect(events.slice(1).map((e) => progressText(e, (v) => JSON.stringify(v)))).toEqual([
      'error 1 (0 of 1 measurements taken)',
      'error 2 (0 of 1 measurements taken)',
      `measurement 1 of 1 Successful ${JSON.stringify(OK)}`,
    ]);
  });

  test('a range query is asked for the window ending at each measurement', async () => {
    const m = metric('m', { success: 'all(result, {# >= 1})', intervalMs: MIN, count: 2, range: { start: 'now() - duration("10m")', end: 'now()', stepSeconds: 60 } });
    const { calls, result } = await run([m], { m: [[1, 1], [1, 2]] });
    expect(calls.map((c) => c.request.range)).toEqual([
      { startMs: T0 - 600_000, endMs: T0, stepSeconds: 60 },
      { startMs: T0 + MIN - 600_000, endMs: T0 + MIN, stepSeconds: 60 },
    ]);
    expect(result.metrics[0]!.range).toEqual({ startMs: T0 + MIN - 600_000, endMs: T0 + MIN, stepSeconds: 60 });
    expect(result.metrics[0]!.measurements[1]!.series).toEqual([{ labels: { pod: 'p-1' }, points: [[(T0 + MIN) / 1000, 1]] }]);
  });
});

describe('the run', () => {
  test.each<[string, Step[], Step[], string]>([
    ['Failed is worse than Error', [BAD], [DOWN()], 'Failed'],
    ['Error is worse than Inconclusive', [EMPTY], [DOWN()], 'Error'],
    ['Inconclusive is worse than Successful', [EMPTY], [OK], 'Inconclusive'],
  ])("takes the worst metric's phase: %s", async (_name, a, b, phase) => {
    const { result } = await run([metric('a'), metric('b', { consecutiveErrorLimit: 0 })], { a, b });
    expect(result.phase).toBe(phase);
  });

  test('dry-run metrics are measured and reported, but never decide', async () => {
    const { result, calls } = await run(
      [metric('a', { intervalMs: MIN, count: 3 }), metric('d', { dryRun: true, consecutiveErrorLimit: 0 })],
      { a: [OK, OK, OK], d: [BAD] },
    );
    expect(result.phase).toBe('Successful');
    expect(result.metrics[1]).toMatchObject({ name: 'd', dryRun: true, phase: 'Failed', failed: 1 });
    expect(calls).toHaveLength(4); // the dry-run failure did not stop the run
    expect(result.message).toBe('metric "a" Successful; dry-run, not deciding: "d" Failed');
  });

  test('stops as soon as it can no longer be Successful; metrics still measuring are Stopped', async () => {
    const { result, calls, clock } = await run(
      [metric('a', { intervalMs: MIN, count: 3, failureLimit: 1 }), metric('b', { intervalMs: MIN, count: 5 }), metric('d', { dryRun: true, initialDelayMs: 10 * MIN })],
      { a: [BAD, BAD], b: [OK, OK], d: [] },
    );
    expect(result.phase).toBe('Failed');
    expect(calls.map((c) => `${c.query}@${c.at / 1000}`)).toEqual(['a@0', 'b@0', 'a@60', 'b@60']);
    expect(result.metrics.map((m) => [m.name, m.phase])).toEqual([
      ['a', 'Failed'],
      ['b', 'Stopped'],
      ['d', 'Stopped'],
    ]);
    expect(result.metrics[1]!.message).toBe('stopped after 2 of 5 measurements: metric "a" ended Failed, so the run could no longer be Successful');
    expect(clock.now() - T0).toBe(MIN);
  });

  describe('interrupted, never Successful', () => {
    test('between measurements', async () => {
      const { result, calls } = await run([metric('m', { intervalMs: MIN, count: 3 })], { m: [OK, OK, OK] }, { abortAt: 100_000 });
      expect(calls).toHaveLength(2);
      expect(result).toMatchObject({ phase: 'Error', interrupted: true, message: 'interrupted: metric "m" interrupted after 2 of 3 measurements' });
      expect(result.metrics[0]).toMatchObject({ phase: 'Error', successful: 2, message: 'interrupted after 2 of 3 measurements' });
    });

    test('before it starts', async () => {
      const controller = new AbortController();
      controller.abort();
      const { result, calls } = await run([metric('m')], { m: [OK] }, { controller });
      expect(calls).toHaveLength(0);
      expect(result).toMatchObject({ phase: 'Error', interrupted: true });
      expect(result.metrics[0]!.message).toBe('interrupted after 0 of 1 measurements');
    });

    test('during a query: the aborted query is not a measurement', async () => {
      const controller = new AbortController();
      const clock = fakeClock();
      const prometheus: PrometheusClient = {
        async query() {
          controller.abort();
          throw new Error('This operation was aborted');
        },
      };
      const result = await runAnalysis(analysis([metric('m')]), { prometheus, clock, signal: controller.signal });
      expect(result).toMatchObject({ phase: 'Error', interrupted: true });
      expect(result.metrics[0]).toMatchObject({ phase: 'Error', errors: 0, measurements: [], message: 'interrupted after 0 of 1 measurements' });
    });

    test('a metric already decided keeps its phase; the run is Error', async () => {
      const { result } = await run([metric('a'), metric('b', { initialDelayMs: 5 * MIN })], { a: [OK], b: [OK] }, { abortAt: MIN });
      expect(result.metrics.map((m) => m.phase)).toEqual(['Successful', 'Error']);
      expect(result.phase).toBe('Error');
    });
  });

  test('secrets are masked in the query, the messages and the conditions it reports', async () => {
    const m = metric('m', { query: 'up{token="tok-123"}', consecutiveErrorLimit: 0 });
    const clock = fakeClock();
    const prometheus: PrometheusClient = {
      async query(q) {
        throw new Error(`query ${q.query} failed with HTTP 400`);
      },
    };
    const result = await runAnalysis(analysis([m], ['tok-123']), { prometheus, clock });
    const shown = JSON.stringify(result);
    expect(shown).not.toContain('tok-123');
    expect(result.metrics[0]!.query).toBe('up{token="*****"}');
    expect(result.message).toContain('query up{token="*****"} failed with HTTP 400');
  });

  test('the request carries the resolved provider settings', async () => {
    const m = { ...metric('m'), timeoutMs: 40_000, headers: { 'X-Scope-OrgID': 'tenant-a' }, bearerToken: 'bt', sigv4: { region: 'eu-central-1' } };
    const { calls } = await run([m], { m: [OK] });
    expect(calls[0]!.request).toEqual({ address: 'http://prom:9090', query: 'm', timeoutMs: 40_000, headers: { 'X-Scope-OrgID': 'tenant-a' }, bearerToken: 'bt', sigv4: { region: 'eu-central-1' } });
  });

  test('end to end: a template file, resolved, run', async () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: { name: http-success-rate }
spec:
  args: [{ name: app }, { name: env }]
  metrics:
    - name: http-success-rate
      interval: 1m
      count: 3
      failureLimit: 1
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: sum(rate(ok{namespace="{{args.app}}-{{args.env}}"}[5m]))
`;
    const resolved = resolveAnalysis(parseAnalysisTemplate(text, 'analysis/http-success-rate.yaml'), { app: 'user-service', env: 'stage' }, { env: {}, nowMs: T0, prometheusAddress: 'http://127.0.0.1:9090' });
    const clock = fakeClock();
    const prometheus = fakePrometheus({ 'sum(rate(ok{namespace="user-service-stage"}[5m]))': [[0.999], [0.98], [0.995]] }, clock);
    const result = await runAnalysis(resolved, { prometheus, clock });
    expect(result).toMatchObject({ template: 'http-success-rate', phase: 'Successful', interrupted: false });
    expect(prometheus.calls.map((c) => [c.request.address, c.at])).toEqual([
      ['http://127.0.0.1:9090', 0],
      ['http://127.0.0.1:9090', MIN],
      ['http://127.0.0.1:9090', 2 * MIN],
    ]);
    expect(summarizeRun(result)).toBe('http-success-rate Successful 3/3 1 failed last 0.995');
  });
});

describe("what Prometheus answers, as the measurement keeps it", () => {
  /** A client that gives every query the same answer, and remembers the requests. */
  function answering(answer: PrometheusQueryResult): PrometheusClient & { requests: PrometheusQueryRequest[] } {
    const requests: PrometheusQueryRequest[] = [];
    return { requests, query: async (q) => (requests.push(q), answer) };
  }
  const RANGE = { start: 'now() - duration("10m")', end: 'now()', stepSeconds: 60 };

  test.each<[string, MetricOptions, PrometheusQueryResult, { phase: string; message?: RegExp }]>([
    ['an instant query answered with a matrix is an Error, not judged on its oldest point', {},
      { value: [0.99, 0.2], resultType: 'matrix', series: [{ labels: {}, points: [[1, 0.99], [2, 0.2]] }] },
      { phase: 'Error', message: /^Prometheus answered the instant query with a matrix .*; a matrix answers only a rangeQuery/ }],
    ['a range query answered with a matrix is judged', { range: RANGE, success: 'all(result, {# >= 0.9})' },
      { value: [0.99, 0.95], resultType: 'matrix', series: [{ labels: {}, points: [[1, 0.99], [2, 0.95]] }] },
      { phase: 'Successful' }],
    ['an instant query answered with a vector is judged', {},
      { value: [0.995], resultType: 'vector', series: [{ labels: {}, points: [[1, 0.995]] }] },
      { phase: 'Successful' }],
  ])('%s', async (_name, options, answer, expected) => {
    const result = await runAnalysis(analysis([metric('m', { ...options, consecutiveErrorLimit: 0 })]), { prometheus: answering(answer), clock: fakeClock() });
    const m = result.metrics[0]!.measurements[0]!;
    expect(m.phase).toBe(expected.phase);
    if (expected.message) expect(m.message).toMatch(expected.message);
    else expect(m.message).toBeUndefined();
  });

  test("Prometheus's warnings are kept on the measurement (secrets masked) and do not change its phase", async () => {
    const answer = { value: [0.995], resultType: 'vector', series: [], warnings: ['partial response: store tok-123 of 5 unavailable'] };
    const result = await runAnalysis(analysis([metric('m')], ['tok-123']), { prometheus: answering(answer), clock: fakeClock() });
    expect(result.metrics[0]!.measurements[0]).toMatchObject({ phase: 'Successful', warnings: ['partial response: store ***** of 5 unavailable'] });
    expect(result.phase).toBe('Successful');
    // The line recorded in the commit says the verdict rests on an answer Prometheus warned about.
    expect(summarizeRun(result)).toBe('m Successful 1/1 1 warned last 0.995');
  });

  test('secrets are masked in the label names and values of the series kept for charts, and the client is given them to keep out of its errors', async () => {
    const secret = 'tenant-7f3a"x';
    const answer: PrometheusQueryResult = {
      value: [0.99], resultType: 'matrix',
      series: [{ labels: { tenant: secret, [`label_${secret}`]: 'v', pod: `p-${JSON.stringify(secret).slice(1, -1)}` }, points: [[1, 0.99]] }],
    };
    const client = answering(answer);
    const m = metric('m', { query: `up{tenant="${secret}"}`, range: RANGE, success: 'all(result, {# >= 0.9})' });
    const result = await runAnalysis(analysis([m], [secret]), { prometheus: client, clock: fakeClock() });
    expect(result.metrics[0]!.measurements[0]!.series).toEqual([{ labels: { tenant: '*****', 'label_*****': 'v', pod: 'p-*****' }, points: [[1, 0.99]] }]);
    expect(JSON.stringify(result)).not.toContain('tenant-7f3a');
    expect(client.requests[0]!.secrets).toEqual([secret]);
  });
});

describe('summarizeRun: one line for a trailer', () => {
  async function summary(metrics: ResolvedMetric[], script: Record<string, Step[]>, opts: { abortAt?: number } = {}): Promise<string> {
    return summarizeRun((await run(metrics, script, opts)).result);
  }

  test.each<[string, () => Promise<string>, string]>([
    ['all measured', () => summary([metric('http-success-rate', { intervalMs: MIN, count: 3 })], { 'http-success-rate': [[0.998], [0.997], [0.998]] }), 'http-success-rate Successful 3/3 last 0.998'],
    ['failed, stopping another', () => summary([metric('http-success-rate', { intervalMs: MIN, count: 3 }), metric('http-latency-p95', { success: 'result[0] <= 0.3', intervalMs: MIN, count: 3, failureLimit: 1 })], { 'http-success-rate': [[0.998], [0.998]], 'http-latency-p95': [[0.734], [0.712]] }), 'http-success-rate Stopped 2/3 last 0.998; http-latency-p95 Failed 2/3 2 failed last 0.712'],
    ['errors only', () => summary([metric('m')], { m: [DOWN(), DOWN(), DOWN(), DOWN(), DOWN()] }), 'm Error 0/1 5 errors'],
    ['inconclusive and a dry-run', () => summary([metric('m'), metric('d', { dryRun: true })], { m: [NAN], d: [OK] }), 'm Inconclusive 1/1 1 inconclusive last NaN; d Successful 1/1 dry-run last 0.995'],
    ['interrupted', () => summary([metric('m', { intervalMs: MIN, count: 3 })], { m: [OK, OK] }, { abortAt: 90_000 }), 'm Error 2/3 interrupted last 0.995'],
    ['a list and a name with parentheses', () => summary([metric('p95 (ms)', { success: 'all(result, {# < 1})' })], { 'p95 (ms)': [[0.1, 0.2, 0.3, 0.4]] }), 'p95 -ms- Successful 1/1 last [0.1,0.2,0.3,… 1 more]'],
  ])('%s', async (_name, make, expected) => {
    const line = await make();
    expect(line).toBe(expected);
    expect(line).not.toMatch(/[\n\r()]/);
  });
});

describe('toJson: the JSON of --json, the report files and the outputs', () => {
  test('NaN, +Inf and -Inf as Prometheus writes them, not null (a missing value); the rest as JSON.stringify', () => {
    const measurement = { value: [NaN, Infinity, -Infinity, 0.5, null], series: [{ labels: {}, points: [[1, NaN]] }] };
    expect(toJson(measurement)).toBe('{"value":["NaN","+Inf","-Inf",0.5,null],"series":[{"labels":{},"points":[[1,"NaN"]]}]}');
    expect(toJson({ a: 1 }, 2)).toBe(JSON.stringify({ a: 1 }, null, 2));
  });
});

describe('formatValue', () => {
  test.each<[MetricValue | undefined, string]>([
    [0.99812, '0.9981'],
    [3, '3'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [[], 'empty'],
    [[0.5], '0.5'],
    [[1, 2, 3, 4, 5], '[1,2,3,… 2 more]'],
    [null, 'null'],
    [undefined, 'nothing'],
  ])('%j → %s', (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });
});

describe('a run nothing can decide', () => {
  test.each<[string, ResolvedMetric[], string]>([
    ['only dry-run metrics', [metric('d', { dryRun: true })], 'no metric decides: every metric is dry-run; dry-run, not deciding: "d" Successful'],
    ['no metrics', [], 'the analysis has no metrics'],
  ])('is an Error, never Successful: %s', async (_name, metrics, message) => {
    const { result } = await run(metrics, { d: [OK] });
    expect(result).toMatchObject({ phase: 'Error', message });
  });
});
