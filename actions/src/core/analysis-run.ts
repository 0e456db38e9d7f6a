// The measurement state machine of an analysis run: Argo Rollouts' AnalysisRun semantics
// (argoproj/argo-rollouts analysis/analysis.go: assessMetricStatus, asssessRunStatus;
// utils/evaluate/evaluate.go: EvaluateResult; utils/analysis/helpers.go: IsWorse), failing closed.
//
// A measurement's phase, from the metric's conditions and the query's result:
// - the query failed (Prometheus unreachable, timeout, HTTP or query error) → Error, with the message;
// - an instant query (no rangeQuery) answered with a matrix (a range vector selector such as
//   `up[5m]`) → Error: a matrix answers only a rangeQuery. Flattened, `result[0]` would be the
//   oldest point of the first series (Argo errors too: "Prometheus metric type not supported");
// - the failureCondition is true → Failed;
// - a condition could not be evaluated (a type error) → Error;
// - the result was empty, NaN or Inf and a condition did not examine it (len(result), isNaN,
//   isInf, default(result, …); see analysis-expr.ts) → Inconclusive. Argo errors on an empty
//   vector indexed with result[0] (argo-rollouts #1466), also inside default(result[0], …), and
//   lets a comparison with NaN decide; Flagger read NaN as 0 (flagger #1095). Neither is evidence
//   that a version is good;
// - otherwise as Argo: both conditions → Successful, Failed or (neither true) Inconclusive;
//   successCondition only → Successful or Failed; failureCondition only → Failed or Successful.
// Prometheus's `warnings` (a partial response, …) are kept on the measurement and reported; as in
// Argo (which keeps them in the measurement's metadata) they do not change its phase.
// Secrets (secret args, the bearer token) are masked in everything a measurement keeps: its
// message, its warnings, and the label names and values of its series (a query that selects by a
// secret gets it back as a label).
//
// A metric's phase after each measurement, in Argo's order: failed > failureLimit → Failed;
// inconclusive > inconclusiveLimit → Inconclusive; consecutive errors > consecutiveErrorLimit
// (default 4) → Error; `count` measurements that did not error → Successful. Errors do not count
// toward count; a measurement that did not error resets the consecutive errors.
// Unlike Argo, which retries every error until consecutiveErrorLimit, an error that a retry cannot
// change ends the metric at once as Error: Prometheus refusing the query (HTTP 400 bad_data, and
// every failure the client marks `retryable: false`: a 4xx, an unreadable answer, an untrusted
// certificate), an instant query answered with a matrix, a condition that cannot be evaluated
// (a type error). The gate fails as soon (and as closed) as it would after the retries. Errors
// that may pass (unreachable, timeouts, 429/5xx, an error without `retryable`, and an execution
// error, HTTP 422, which may depend on the data) are retried.
//
// Timing, as Argo's controller: a metric's first measurement is taken `initialDelay` after the run
// starts, each next one `interval` after the previous one finished (10 s after an error when the
// metric has no interval). Metrics run concurrently: the measurements that are due are taken
// together, and the run sleeps until the next one is due.
//
// The run's phase is the worst phase of the metrics that are not dry-run (Successful <
// Inconclusive < Error < Failed). Dry-run metrics are measured and reported, never decide.
// The run stops as soon as it can no longer be Successful (a deciding metric ended other than
// Successful), as Argo's run terminates: metrics still measuring are reported as Stopped and
// decide nothing. An interrupted run (the signal aborted) is never Successful: every metric not
// finished becomes Error ("interrupted after n of count measurements") and so does the run.
import { evaluateCondition, type MetricValue } from './analysis-expr.js';
import { formatValue } from './format-value.js';
import { ERROR_RETRY_INTERVAL_MS, maskSecrets, rangeWindow, type ResolvedAnalysis, type ResolvedMetric } from './analysis-template.js';

export { formatValue };

export type AnalysisPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
/** A metric's phase; Stopped: the run ended before the metric did (it decides nothing). */
export type MetricPhase = AnalysisPhase | 'Stopped';

/** One Prometheus query, as analysis-run asks it (structurally the Prometheus adapter's). */
export interface PrometheusQueryRequest {
  address: string;
  query: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
  bearerToken?: string;
  sigv4?: { region: string; service?: string };
  range?: { startMs: number; endMs: number; stepSeconds: number };
  /** Values the client must keep out of its errors (secret args substituted into the query). */
  secrets?: readonly string[];
}

export interface PrometheusQueryResult {
  value: MetricValue;
  resultType: string;
  series: { labels: Record<string, string>; points: [number, number][] }[];
  /** Prometheus's warnings about the answer (e.g. a partial response). */
  warnings?: string[];
}

/** Prometheus, as the core needs it. Failures are Errors (the adapter's carry a `kind`). */
export interface PrometheusClient {
  query(q: PrometheusQueryRequest, signal?: AbortSignal): Promise<PrometheusQueryResult>;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`; may reject when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Measurement {
  phase: AnalysisPhase;
  startedAt: number;
  finishedAt: number;
  value?: MetricValue;
  /** Range queries: every series with its points, for charts. */
  series?: { labels: Record<string, string>; points: [number, number][] }[];
  message?: string;
  /** Prometheus's warnings about the answer (a partial response, …); they do not change the phase. */
  warnings?: string[];
}

export interface MetricRun {
  name: string;
  phase: MetricPhase;
  dryRun: boolean;
  count: number;
  successCondition?: string;
  failureCondition?: string;
  /** The query as sent, secrets masked. */
  query: string;
  /** The window of the last range query. */
  range?: { startMs: number; endMs: number; stepSeconds: number };
  measurements: Measurement[];
  successful: number;
  failed: number;
  inconclusive: number;
  errors: number;
  consecutiveErrors: number;
  message: string;
}

export interface AnalysisRunResult {
  template: string;
  phase: AnalysisPhase;
  message: string;
  startedAt: number;
  finishedAt: number;
  interrupted: boolean;
  metrics: MetricRun[];
}

export interface ProgressEvent {
  metric: string;
  /** How many measurements the metric has taken toward its count (errors are not); 0 before the first. */
  measurement: number;
  count: number;
  /** How many measurements ended in Error so far (retried up to consecutiveErrorLimit, unless a retry cannot change the error). */
  errors: number;
  phase?: AnalysisPhase;
  value?: MetricValue;
  /** When the metric measures next, from now. */
  nextInMs?: number;
}

export interface RunDeps {
  prometheus: PrometheusClient;
  clock: Clock;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
}

/** Best to worst (utils/analysis/helpers.go analysisStatusOrder, without Running and Pending). */
const ORDER: readonly AnalysisPhase[] = ['Successful', 'Inconclusive', 'Error', 'Failed'];

export function isWorse(current: AnalysisPhase, candidate: AnalysisPhase): boolean {
  return ORDER.indexOf(candidate) > ORDER.indexOf(current);
}

class MetricState {
  readonly run: MetricRun;
  nextAt: number;
  done = false;

  constructor(
    readonly metric: ResolvedMetric,
    startedAt: number,
    readonly secrets: readonly string[],
  ) {
    this.nextAt = startedAt + metric.initialDelayMs;
    this.run = {
      name: metric.name,
      phase: 'Stopped',
      dryRun: metric.dryRun,
      count: metric.count,
      query: maskSecrets(metric.query, secrets),
      measurements: [],
      successful: 0,
      failed: 0,
      inconclusive: 0,
      errors: 0,
      consecutiveErrors: 0,
      message: '',
    };
    if (metric.successCondition) this.run.successCondition = maskSecrets(metric.successCondition.text, secrets);
    if (metric.failureCondition) this.run.failureCondition = maskSecrets(metric.failureCondition.text, secrets);
    if (metric.range) this.run.range = metric.range;
  }

  /** Measurements that did not error (Argo's MetricResult.Count). */
  get counted(): number {
    return this.run.successful + this.run.failed + this.run.inconclusive;
  }

  /** `final`: the measurement's error is one a retry cannot change (the metric ends at once). */
  record(m: Measurement, final = false): void {
    if (m.message !== undefined) m.message = maskSecrets(m.message, this.secrets);
    if (m.warnings) m.warnings = m.warnings.map((w) => maskSecrets(w, this.secrets));
    this.run.measurements.push(m);
    switch (m.phase) {
      case 'Successful':
        this.run.successful++;
        break;
      case 'Failed':
        this.run.failed++;
        break;
      case 'Inconclusive':
        this.run.inconclusive++;
        break;
      case 'Error':
        this.run.errors++;
        this.run.consecutiveErrors++;
        break;
    }
    if (m.phase !== 'Error') this.run.consecutiveErrors = 0;
    this.assess(m, final);
    if (!this.done) this.nextAt = m.finishedAt + (this.metric.intervalMs ?? ERROR_RETRY_INTERVAL_MS);
  }

  /** Argo's assessMetricStatus, after a completed measurement. */
  private assess(last: Measurement, final: boolean): void {
    const r = this.run;
    const m = this.metric;
    const because = last.message ? `: last measurement ${last.phase}: ${last.message}` : '';
    let phase: AnalysisPhase | undefined;
    let why = '';
    if (r.failed > m.failureLimit) {
      phase = 'Failed';
      why = `failed (${r.failed}) > failureLimit (${m.failureLimit})${because}`;
    } else if (r.inconclusive > m.inconclusiveLimit) {
      phase = 'Inconclusive';
      why = `inconclusive (${r.inconclusive}) > inconclusiveLimit (${m.inconclusiveLimit})${because}`;
    } else if (last.phase === 'Error' && final) {
      phase = 'Error';
      why = `the error cannot change on a retry, so the metric ends now (Argo would retry it up to consecutiveErrorLimit)${because}`;
    } else if (r.consecutiveErrors > m.consecutiveErrorLimit) {
      phase = 'Error';
      why = `consecutive errors (${r.consecutiveErrors}) > consecutiveErrorLimit (${m.consecutiveErrorLimit})${because}`;
    } else if (this.counted >= m.count) {
      phase = 'Successful';
      why = `${r.successful} of ${m.count} measurements successful`;
    }
    if (phase) {
      r.phase = phase;
      r.message = why;
      this.done = true;
    } else {
      r.message = `${this.counted} of ${m.count} measurements taken${because}`;
    }
  }
}

/**
 * Runs an analysis to its end: every metric measured until it is decided, or the run can no
 * longer be Successful, or `deps.signal` aborts. Never throws for what Prometheus or a condition
 * does; the result says it.
 */
export async function runAnalysis(analysis: ResolvedAnalysis, deps: RunDeps): Promise<AnalysisRunResult> {
  const { clock, prometheus, signal } = deps;
  const secrets = analysis.secrets;
  const startedAt = clock.now();
  const states = analysis.metrics.map((m) => new MetricState(m, startedAt, secrets));
  const progress = (e: ProgressEvent) => {
    try {
      deps.onProgress?.(e);
    } catch {
      // A progress listener cannot change the run.
    }
  };
  for (const s of states) progress({ metric: s.metric.name, measurement: 0, count: s.metric.count, errors: 0, nextInMs: s.nextAt - startedAt });

  let stoppedBy: MetricState | undefined;
  while (!signal?.aborted) {
    const pending = states.filter((s) => !s.done);
    if (!pending.length) break;
    const now = clock.now();
    const due = pending.filter((s) => s.nextAt <= now);
    if (!due.length) {
      const wait = Math.min(...pending.map((s) => s.nextAt)) - now;
      try {
        await clock.sleep(wait, signal);
      } catch (err) {
        if (!signal?.aborted) throw err;
      }
      continue;
    }
    await Promise.all(due.map((s) => measure(s, prometheus, clock, signal, progress)));
    stoppedBy = states.find((s) => s.done && !s.metric.dryRun && s.run.phase !== 'Successful');
    if (stoppedBy) break;
  }

  const interrupted = !stoppedBy && !!signal?.aborted && states.some((s) => !s.done);
  for (const s of states) {
    if (s.done) continue;
    if (interrupted) {
      s.run.phase = 'Error';
      s.run.message = `interrupted after ${s.counted} of ${s.metric.count} measurements`;
    } else {
      s.run.phase = 'Stopped';
      s.run.message = `stopped after ${s.counted} of ${s.metric.count} measurements: metric ${JSON.stringify(stoppedBy?.metric.name)} ended ${stoppedBy?.run.phase}, so the run could no longer be Successful`;
    }
  }

  const metrics = states.map((s) => s.run);
  const { phase, message } = runPhase(metrics, interrupted);
  return { template: analysis.template, phase, message: maskSecrets(message, secrets), startedAt, finishedAt: clock.now(), interrupted, metrics };
}

function runPhase(metrics: MetricRun[], interrupted: boolean): { phase: AnalysisPhase; message: string } {
  const deciding = metrics.filter((m) => !m.dryRun);
  const dry = metrics.filter((m) => m.dryRun);
  const drySummary = dry.length ? `; dry-run, not deciding: ${dry.map((m) => `${JSON.stringify(m.name)} ${m.phase}`).join(', ')}` : '';
  if (!deciding.length) return { phase: 'Error', message: metrics.length ? `no metric decides: every metric is dry-run${drySummary}` : 'the analysis has no metrics' };
  let worst: MetricRun | undefined;
  for (const m of deciding) {
    if (m.phase === 'Stopped') continue;
    if (!worst || isWorse(worst.phase as AnalysisPhase, m.phase as AnalysisPhase)) worst = m;
  }
  if (interrupted) {
    const unfinished = deciding.filter((m) => m.message.startsWith('interrupted'));
    const first = unfinished[0] ?? deciding[0]!;
    return { phase: 'Error', message: `interrupted: metric ${JSON.stringify(first.name)} ${first.message}${drySummary}` };
  }
  if (!worst) return { phase: 'Error', message: `no metric finished${drySummary}` };
  const phase = worst.phase as AnalysisPhase;
  if (phase === 'Successful') {
    return { phase, message: `${deciding.length === 1 ? `metric ${JSON.stringify(worst.name)}` : `all ${deciding.length} metrics`} Successful${drySummary}` };
  }
  return { phase, message: `metric ${JSON.stringify(worst.name)} assessed ${phase}: ${worst.message}${drySummary}` };
}

/**
 * The Prometheus request of a resolved metric: an instant query, or a range query over `range`;
 * `secrets` are the values the client must keep out of its errors.
 */
export function queryRequest(m: ResolvedMetric, range?: PrometheusQueryRequest['range'], secrets: readonly string[] = []): PrometheusQueryRequest {
  const q: PrometheusQueryRequest = { address: m.address, query: m.query };
  if (m.timeoutMs !== undefined) q.timeoutMs = m.timeoutMs;
  if (Object.keys(m.headers).length) q.headers = m.headers;
  if (m.bearerToken !== undefined) q.bearerToken = m.bearerToken;
  if (m.sigv4) q.sigv4 = m.sigv4;
  if (range) q.range = range;
  if (secrets.length) q.secrets = secrets;
  return q;
}

async function measure(s: MetricState, prometheus: PrometheusClient, clock: Clock, signal: AbortSignal | undefined, progress: (e: ProgressEvent) => void): Promise<void> {
  const m = s.metric;
  const startedAt = clock.now();
  let measurement: Measurement;
  // Whether the measurement's error is one a retry cannot change (see the header).
  let final = false;
  try {
    const range = m.rangeQuery ? rangeWindow(m.rangeQuery, startedAt) : undefined;
    if (range) s.run.range = range;
    const result = await prometheus.query(queryRequest(m, range, s.secrets), signal);
    if (!range && result.resultType === 'matrix') {
      final = true;
      measurement = {
        phase: 'Error', startedAt, finishedAt: clock.now(),
        message: 'Prometheus answered the instant query with a matrix (the query selects a range, such as metric[5m]); a matrix answers only a rangeQuery: aggregate the range in the query (avg_over_time(metric[5m]), …) or give the metric a rangeQuery',
      };
    } else {
      const verdict = evaluate(m, result.value);
      measurement = { phase: verdict.phase, startedAt, finishedAt: clock.now(), value: result.value };
      if (verdict.message) measurement.message = verdict.message;
      final = verdict.phase === 'Error';
      if (range) measurement.series = maskSeries(result.series, s.secrets);
    }
    if (result.warnings?.length) measurement.warnings = [...result.warnings];
  } catch (err) {
    if (signal?.aborted) return; // interrupted mid-measurement: not a measurement
    measurement = { phase: 'Error', startedAt, finishedAt: clock.now(), message: (err as Error)?.message ?? String(err) };
    // The Prometheus client says whether trying again may help (the adapter's PrometheusError.retryable);
    // an execution error (HTTP 422) may depend on the data (many-to-many matching while old and new
    // pods overlap), and is retried all the same.
    const failure = err as { retryable?: unknown; errorType?: unknown } | undefined;
    final = failure?.retryable === false && failure.errorType !== 'execution';
  }
  s.record(measurement, final);
  const e: ProgressEvent = { metric: m.name, measurement: s.counted, count: m.count, errors: s.run.errors, phase: measurement.phase };
  if (measurement.value !== undefined) e.value = measurement.value;
  if (!s.done) e.nextInMs = s.nextAt - measurement.finishedAt;
  progress(e);
}

/** Series with secrets masked in their label names and values; the points are the same (read only when someone reads them). */
function maskSeries(series: PrometheusQueryResult['series'], secrets: readonly string[]): PrometheusQueryResult['series'] {
  if (secrets.length === 0) return series;
  return series.map((s) => {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.labels)) labels[maskSecrets(k, secrets)] = maskSecrets(v, secrets);
    return {
      labels,
      get points() {
        return s.points;
      },
    };
  });
}

type Outcome = { value: boolean; unhandled?: 'empty' | 'nan' | 'inf' } | { error: string };

function outcome(c: ResolvedMetric['successCondition'], value: MetricValue): Outcome | undefined {
  if (!c) return undefined;
  try {
    const o = evaluateCondition(c.expression, value);
    return o.unhandled ? { value: o.value, unhandled: o.unhandled } : { value: o.value };
  } catch (err) {
    return { error: (err as Error)?.message ?? String(err) };
  }
}

const UNHANDLED: Record<'empty' | 'nan' | 'inf', string> = {
  empty: 'the result is empty (no series matched)',
  nan: 'the result is NaN',
  inf: 'the result is infinite',
};

/** What examines an empty, NaN or infinite result of this type: a scalar is a number, not a list. */
function examiners(value: MetricValue): string {
  return typeof value === 'number' ? 'isNaN(result) or isInf(result)' : 'len(result), isNaN(result[0]) or isInf(result[0])';
}

/** EvaluateResult, failing closed on results the conditions did not examine. */
export function evaluate(m: Pick<ResolvedMetric, 'successCondition' | 'failureCondition'>, value: MetricValue): { phase: AnalysisPhase; message?: string } {
  const success = outcome(m.successCondition, value);
  const failure = outcome(m.failureCondition, value);
  const shown = formatValue(value);
  if (failure && 'value' in failure && failure.value) {
    return { phase: 'Failed', message: `failureCondition ${JSON.stringify(m.failureCondition!.text)} is true for ${shown}` };
  }
  for (const [name, o, c] of [['successCondition', success, m.successCondition], ['failureCondition', failure, m.failureCondition]] as const) {
    if (o && 'error' in o) return { phase: 'Error', message: `cannot evaluate ${name} ${JSON.stringify(c!.text)} for ${shown}: ${o.error}` };
  }
  for (const [name, o] of [['successCondition', success], ['failureCondition', failure]] as const) {
    if (o && 'unhandled' in o && o.unhandled) {
      return { phase: 'Inconclusive', message: `${UNHANDLED[o.unhandled]} and the ${name} does not check for that (use ${examiners(value)} to decide it)` };
    }
  }
  const s = success && 'value' in success ? success.value : undefined;
  const f = failure && 'value' in failure ? failure.value : undefined;
  if (s === undefined && f === undefined) {
    // Refused at load (analysis-template.ts); never pass a metric with nothing to check.
    return { phase: 'Error', message: 'the metric has neither successCondition nor failureCondition' };
  }
  if (s === undefined) return { phase: 'Successful' }; // failure condition false
  if (s) return { phase: 'Successful' };
  if (f === undefined) return { phase: 'Failed', message: `successCondition ${JSON.stringify(m.successCondition!.text)} is false for ${shown}` };
  return { phase: 'Inconclusive', message: `neither successCondition ${JSON.stringify(m.successCondition!.text)} nor failureCondition ${JSON.stringify(m.failureCondition!.text)} is true for ${shown}` };
}

/**
 * One line of key numbers, fit for a git trailer value (no line breaks, no parentheses):
 * `http-success-rate Successful 3/3 last 0.998; http-latency-p95 Failed 2/3 2 failed last 0.734`;
 * `… 1 warned`: measurements whose answer Prometheus warned about (a partial response).
 */
export function summarizeRun(result: AnalysisRunResult): string {
  const parts = result.metrics.map((m) => {
    const words = [safe(m.name), m.phase, `${m.successful + m.failed + m.inconclusive}/${m.count}`];
    if (m.failed) words.push(`${m.failed} failed`);
    if (m.inconclusive) words.push(`${m.inconclusive} inconclusive`);
    if (m.errors) words.push(`${m.errors} ${m.errors === 1 ? 'error' : 'errors'}`);
    if (m.dryRun) words.push('dry-run');
    if (result.interrupted && m.phase === 'Error' && m.message.startsWith('interrupted')) words.push('interrupted');
    // Answers Prometheus warned about (a partial response): the phase stands, as in Argo, but the
    // record says what it rests on.
    const warned = m.measurements.filter((x) => x.warnings?.length).length;
    if (warned) words.push(`${warned} warned`);
    const last = m.measurements.findLast((x) => x.value !== undefined);
    if (last) words.push(`last ${safe(formatValue(last.value))}`);
    return words.join(' ');
  });
  return parts.join('; ').slice(0, 900);
}

/** Text without characters that would break a trailer or the `gate=verdict(…)` syntax around it. */
function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029();]/g, '-');
}

/**
 * A progress event as the line the CLI and the actions print: before the first measurement, what
 * is to come (`3 measurements to take, the first now`, or `the first in 30s` after an
 * initialDelay); after each, progressText and when the next is (`; next in 1m`). `wait` writes a wait.
 */
export function progressLine(e: ProgressEvent, value: (v: MetricValue) => string, wait: (ms: number) => string): string {
  if (e.measurement === 0 && e.phase === undefined) {
    return `${e.count} measurement${e.count === 1 ? '' : 's'} to take, the first ${e.nextInMs ? `in ${wait(e.nextInMs)}` : 'now'}`;
  }
  return `${progressText(e, value)}${e.nextInMs !== undefined ? `; next in ${wait(e.nextInMs)}` : ''}`;
}

/** A measurement's progress event as a line: `measurement 2 of 3 Successful 0.99`, or `error 2 (1 of 3 measurements taken)`. */
export function progressText(e: ProgressEvent, value: (v: MetricValue) => string): string {
  const which = e.phase === 'Error' ? `error ${e.errors} (${e.measurement} of ${e.count} measurements taken)` : `measurement ${e.measurement} of ${e.count}${e.phase ? ` ${e.phase}` : ''}`;
  return `${which}${e.value !== undefined ? ` ${value(e.value)}` : ''}`;
}
