// The gates of a promotion that measure the running version: `analysis` (Argo Rollouts templates
// from the env repo's analysis/ folder, run against the source environment with the promoted
// version's args) and `compare` (chosen metrics of the candidate against a baseline version,
// judged by baseline-compare.ts). Both fail closed: anything but a Successful analysis, and
// anything but a passing comparison, stops the promotion.
//
// Which versions the args name:
// - app, env, image, tag, digest: the app, the source environment, and the version promoted;
// - previous-image, previous-tag, previous-digest: the version it replaces in the target
//   environment (absent on a first promotion).
// Baselines of a comparison, over windows of the same length:
// - `target` (default): the version now in the target environment, in the target environment,
//   over the same window as the candidate (the last `window`, default 30m);
// - `previous`: the version the candidate replaced in the source environment, over the `window`
//   before the candidate was pinned there (the two versions never ran side by side there).
// A comparison whose candidate and baseline would send Prometheus the same request (a template
// whose query uses none of the args that tell the two versions apart) compares a series with
// itself and would always pass: it is an error instead, and so is a comparison interrupted before
// it had both series of every metric (the report says which metrics it had).
import type { AnalysisTemplate, ResolvedAnalysis, ResolvedMetric } from './analysis-template.js';
import { ferryArgs, inTheClear, maskSecrets as mask, parseAnalysisTemplate, plainHttpMessage, resolveAnalysis, secretForms } from './analysis-template.js';
import { formatValue, progressLine, queryRequest, runAnalysis, summarizeRun, type AnalysisRunResult, type Clock, type PrometheusClient } from './analysis-run.js';
import { judge, type ComparisonReport, type MetricComparisonSpec } from './baseline-compare.js';
import { fieldOf, findEnvironment, type CompareConfig, type FerryConfig, type Path } from './config.js';
import type { EnvRepoSnapshot } from './env-repo-writer.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import type { PinEvent } from './history.js';
import { ANALYSIS_DIR } from './env-repo-files.js';
import { parseImageRef } from './image-ref.js';
import { appList, parseDuration, promotionKeys, type AppPromotion, type GateVerdict, type MeasuredGates } from './promote.js';

const DEFAULT_WINDOW = '30m';
const DEFAULT_STEP_SECONDS = 60;

export interface MeasureDeps {
  prometheus: PrometheusClient;
  clock: Clock;
  /** Environment variables: bearer token, FERRY_SECRET_* args. */
  env: Record<string, string | undefined>;
  /** Replaces ferry.yaml's prometheus.address (`--prometheus`). */
  prometheusAddress?: string;
  signal?: AbortSignal;
  progress?: (line: string) => void;
  /** Told of each secret value (secret args, the bearer token) as soon as it is read, to mask it (the actions: core.setSecret). */
  secret?: (value: string) => void;
}

export interface MeasureInput {
  config: FerryConfig;
  snapshot: EnvRepoSnapshot;
  from: string;
  to: string;
  promotions: readonly AppPromotion[];
  /** Ferry's pins, for the `previous` baseline. */
  pins: readonly PinEvent[];
}

export interface MeasuredReport extends MeasuredGates {
  runs: { app: string; run: AnalysisRunResult }[];
  comparisons: { app: string; report: ComparisonReport; windows: { candidate: Window; baseline: Window } }[];
  /** Values never to show (secret args, tokens). */
  secrets: string[];
}

interface Window {
  env: string;
  image: string;
  startMs: number;
  endMs: number;
}

/**
 * Reads `analysis/<name>.yaml` (or `.yml`) from the env repo; the template's name must be `name`.
 * `config`, the ferry.yaml that names it: a template that is not there is reported where
 * ferry.yaml names it (missingTemplate()).
 */
export async function loadTemplate(snapshot: EnvRepoSnapshot, name: string, config?: Pick<FerryConfig, 'file' | 'environments'>): Promise<AnalysisTemplate> {
  for (const ext of ['yaml', 'yml']) {
    const file = `${ANALYSIS_DIR}/${name}.${ext}`;
    const text = await snapshot.readFile(file);
    if (text !== undefined) return parseAnalysisTemplate(text, file, name);
  }
  throw new ConfigurationError(await missingTemplate(snapshot, name, config));
}

/** Where ferry.yaml first names template `name`: a gate's `analysis` list, or a compare metric's `template`. */
function templateUse(config: Pick<FerryConfig, 'environments'>, name: string): Path | undefined {
  for (const [i, env] of config.environments.entries()) {
    const j = env.gates?.analysis?.indexOf(name) ?? -1;
    if (j >= 0) return ['environments', i, 'gates', 'analysis', j];
    const k = env.gates?.compare?.metrics.findIndex((m) => m.template === name) ?? -1;
    if (k >= 0) return ['environments', i, 'gates', 'compare', 'metrics', k, 'template'];
  }
  return undefined;
}

/**
 * A template ferry.yaml names that analysis/ does not have (a name misspelt, most often): the
 * problem is ferry.yaml's, at the name (line, column and field), and it lists the templates that
 * analysis/ has (as far as the snapshot can list them).
 */
async function missingTemplate(snapshot: EnvRepoSnapshot, name: string, config: Pick<FerryConfig, 'file' | 'environments'> | undefined): Promise<Problem> {
  const files = await snapshot.listFiles?.(ANALYSIS_DIR);
  const present = files && [...new Set(files.filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')))];
  const there = present === undefined ? '' : present.length ? `; the templates in ${ANALYSIS_DIR}/: ${present.join(', ')}` : `; ${ANALYSIS_DIR}/ holds none`;
  const message = `no analysis template ${quote(name)}: expected ${ANALYSIS_DIR}/${name}.yaml (or .yml) in the environment repository${there}`;
  const path = config && templateUse(config, name);
  if (!config || !path) return { file: `${ANALYSIS_DIR}/${name}.yaml`, message };
  const text = await snapshot.readFile(config.file).catch(() => undefined);
  const { configLocator } = await import('./config-located.js');
  return { file: config.file, ...configLocator(text)(path), field: fieldOf(path), message };
}

const RANK: Record<GateVerdict['verdict'], number> = { pass: 0, inconclusive: 1, error: 2, fail: 3 };
const worst = (verdicts: GateVerdict['verdict'][]): GateVerdict['verdict'] => verdicts.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');

export function runVerdict(run: AnalysisRunResult): GateVerdict['verdict'] {
  return ({ Successful: 'pass', Failed: 'fail', Inconclusive: 'inconclusive', Error: 'error' } as const)[run.phase];
}

/** The analysis and compare verdicts of a promotion, measured now. Throws ConfigurationError for a template or config that cannot run. */
export async function measureGates(input: MeasureInput, deps: MeasureDeps): Promise<MeasuredReport> {
  const gates = findEnvironment(input.config, input.to).gates ?? {};
  const address = deps.prometheusAddress ?? input.config.prometheus?.address;
  if (address === undefined) {
    throw new ConfigurationError({ file: input.config.file, field: 'prometheus.address', message: `the analysis gates of ${quote(input.to)} query Prometheus: set prometheus: { address: <url> } in ${input.config.file}, or give --prometheus <url>` });
  }
  // ferry.yaml names the token's variable; the address may be --prometheus: neither sends it in the clear.
  const bearerTokenEnv = input.config.prometheus?.bearerTokenEnv;
  if (bearerTokenEnv && inTheClear(address)) {
    const message = plainHttpMessage(address, `${input.config.file}'s prometheus.bearerTokenEnv, ${bearerTokenEnv}`);
    throw new ConfigurationError(deps.prometheusAddress !== undefined ? { field: '--prometheus', message } : { file: input.config.file, field: 'prometheus.address', message });
  }
  // Each template read once, also when several promotions ask for it at the same time.
  const templates = new Map<string, Promise<AnalysisTemplate>>();
  const template = (name: string): Promise<AnalysisTemplate> => {
    let loading = templates.get(name);
    if (!loading) templates.set(name, (loading = loadTemplate(input.snapshot, name, input.config)));
    return loading;
  };
  const nowMs = deps.clock.now();
  const options = {
    env: deps.env, prometheusAddress: address, nowMs,
    ...(deps.prometheusAddress === undefined ? { prometheusAddressAt: { file: input.config.file, field: 'prometheus.address' } } : {}),
    ...(input.config.prometheus?.bearerTokenEnv ? { bearerTokenEnv: input.config.prometheus.bearerTokenEnv } : {}),
    ...(input.config.prometheus?.sigv4 ? { sigv4: input.config.prometheus.sigv4 } : {}),
  };
  const resolve = (t: AnalysisTemplate, args: Record<string, string>): ResolvedAnalysis => resolveAnalysis(t, args, options);

  // Resolve everything first: bad templates and missing args fail before anything is measured.
  const analyses: { app: string; analysis: ResolvedAnalysis }[] = [];
  for (const p of input.promotions) {
    for (const name of gates.analysis ?? []) {
      const t = await template(name);
      analyses.push({ app: p.app, analysis: resolve(t, candidateArgs(t, p, input.from)) });
    }
  }
  const comparePlans = gates.compare ? await Promise.all(input.promotions.map((p) => planComparison(gates.compare!, p, input, template, resolve, nowMs))) : [];
  const secrets = [...new Set([...analyses.flatMap((a) => a.analysis.secrets), ...comparePlans.flatMap((c) => c.secrets)])];
  // Each spelling a log may hold it in (JSON-escaped, percent-encoded) is a secret too.
  for (const value of secrets) for (const form of secretForms(value)) deps.secret?.(form);

  const label = (app: string, name: string) => (input.promotions.length > 1 ? `${app} ${name}` : name);
  const runs = await Promise.all(analyses.map(async ({ app, analysis }) => ({
    app,
    run: await runAnalysis(analysis, {
      prometheus: deps.prometheus, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}),
      onProgress: (e) => deps.progress?.(`${label(app, analysis.template)}/${e.metric}: ${progressLine(e, (v) => mask(formatValue(v, 4), secrets), (ms) => `${Math.round(ms / 1000)}s`)}`),
    }),
  })));
  const comparisons = await Promise.all(comparePlans.map(async (plan) => {
    deps.progress?.(`${label(plan.app, 'compare')}: ${plan.queries.length} metrics, candidate ${plan.windows.candidate.image} against ${plan.windows.baseline.image}`);
    return { app: plan.app, report: await plan.run(deps, secrets), windows: plan.windows };
  }));

  const verdicts: GateVerdict[] = [];
  if (gates.analysis?.length) {
    const reason = mask(runs.map((r) => `${label(r.app, r.run.template)}: ${summarizeRun(r.run)}`).join('; '), secrets);
    verdicts.push({
      gate: 'analysis',
      verdict: worst(runs.map((r) => runVerdict(r.run))),
      reason,
      // (Every app's runs, or one long run: bounded for the commit, every template named.)
      ...(runs.length > 1 || reason.length > RECORD_ROOM ? { record: mask(analysisRecord(runs, gates.analysis, input.promotions.length > 1), secrets) } : {}),
    });
  }
  if (gates.compare) {
    const verdictOf = (c: (typeof comparisons)[number]): GateVerdict['verdict'] => (c.report.error !== undefined ? 'error' : c.report.verdict === 'pass' ? 'pass' : 'fail');
    verdicts.push({
      gate: 'compare',
      verdict: worst(comparisons.map(verdictOf)),
      // The judgment, then each metric's numbers: `fail: score 0 < 75; …: latency/p95 p=0.0001<0.05, +45.5% >= +10%`.
      reason: mask(comparisons.map((c) => label(c.app, `${c.report.reason}: ${c.report.metrics.map((m) => `${m.metric} ${m.reason}`).join(', ')}`)).join('; '), secrets),
      ...(comparisons.length > 1 ? { record: mask(tally(comparisons.map((c) => ({ what: c.app, verdict: verdictOf(c) })), 'apps', 'pass'), secrets) } : {}),
    });
  }
  return { verdicts, keys: promotionKeys(input.promotions), runs, comparisons, secrets };
}

/** A reason longer than this gets a record too (GateVerdict.record): the trailer holds every gate's in 1,000 characters. */
const RECORD_ROOM = 300;
/** How much of a record names what did not pass. */
const NAMES_ROOM = 300;

/**
 * The analysis gate as the commit records it past the trailer's room: the runs by phase, every
 * template the gate required (audit's gate-missing rule reads them), and the runs that were not
 * Successful, as many as fit: `14/16 runs Successful, 2 Failed: http-success-rate,
 * http-latency-p95; not Successful: user-service http-latency-p95 Failed, …`.
 */
function analysisRecord(runs: readonly { app: string; run: AnalysisRunResult }[], templates: readonly string[], several: boolean): string {
  return tally(runs.map((r) => ({ what: several ? `${r.app} ${r.run.template}` : r.run.template, verdict: r.run.phase })), 'runs', 'Successful', templates.join(', '));
}

/** `5/7 apps pass, 2 fail: a, b`: how many of `items` had `ok`, the others' counts by verdict (`about` after them), then those others by name, as many as fit. */
function tally(items: readonly { what: string; verdict: string }[], noun: string, ok: string, about?: string): string {
  const counts = new Map<string, number>();
  for (const { verdict } of items) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  const others = [...counts].filter(([v]) => v !== ok).map(([v, n]) => `${n} ${v}`);
  const head = [`${counts.get(ok) ?? 0}/${items.length} ${noun} ${ok}`, ...others].join(', ');
  const failed = items.filter((i) => i.verdict !== ok).map((i) => `${i.what} ${i.verdict}`);
  return `${head}${about ? `: ${about}` : ''}${failed.length ? `; not ${ok}: ${appList(failed, NAMES_ROOM)}` : ''}`;
}

function imageArgs(prefix: '' | 'previous-', image: string | undefined): Record<string, string> {
  if (!image) return {};
  const ref = parseImageRef(image, `${prefix}image`);
  return { [`${prefix}image`]: image, [`${prefix}digest`]: ref.digest, ...(ref.tag !== undefined ? { [`${prefix}tag`]: ref.tag } : {}) };
}

function candidateArgs(t: AnalysisTemplate, p: AppPromotion, env: string): Record<string, string> {
  return ferryArgs(t, { app: p.app, env, ...imageArgs('', p.image), ...imageArgs('previous-', p.previousImage || undefined) });
}

interface ComparisonPlan {
  app: string;
  windows: { candidate: Window; baseline: Window };
  queries: ComparisonQuery[];
  secrets: string[];
  run(deps: MeasureDeps, secrets: readonly string[]): Promise<ComparisonReport>;
}

async function planComparison(
  compare: CompareConfig,
  p: AppPromotion,
  input: MeasureInput,
  template: (name: string) => Promise<AnalysisTemplate>,
  resolve: (t: AnalysisTemplate, args: Record<string, string>) => ResolvedAnalysis,
  nowMs: number,
): Promise<ComparisonPlan> {
  const windowMs = parseDuration(compare.window ?? DEFAULT_WINDOW);
  const candidate: Window = { env: input.from, image: p.image, startMs: nowMs - windowMs, endMs: nowMs };
  let baseline: Window | undefined;
  if ((compare.baseline ?? 'target') === 'target') {
    if (p.previousImage) baseline = { env: input.to, image: p.previousImage, startMs: nowMs - windowMs, endMs: nowMs };
  } else {
    // The candidate's latest pin in the source environment (pins are newest first, as soak reads
    // them), and what it replaced there.
    const pin = input.pins.find((e) => e.env === input.from && e.app === p.app && e.image.endsWith(`@${p.digest}`));
    if (pin?.previousImage) {
      const at = new Date(pin.date).getTime();
      baseline = { env: input.from, image: pin.previousImage, startMs: at - windowMs, endMs: at };
    }
  }
  const specs: MetricComparisonSpec[] = compare.metrics.map((m) => ({
    metric: `${m.template}/${m.metric}`, direction: m.direction,
    ...(m.confidence !== undefined ? { confidence: m.confidence } : {}),
    ...(m.effectSize !== undefined ? { effectSize: m.effectSize } : {}),
    ...(m.weight !== undefined ? { weight: m.weight } : {}),
    ...(m.critical !== undefined ? { critical: m.critical } : {}),
  }));
  const thresholds = { pass: compare.pass ?? 95, marginal: compare.marginal ?? 75 };
  const env = input.config.environments.findIndex((e) => e.name === input.to);
  const queries: ComparisonPlan['queries'] = [];
  const secrets: string[] = [];
  for (const [i, m] of compare.metrics.entries()) {
    const t = await template(m.template);
    const metricOf = (analysis: ResolvedAnalysis): ResolvedMetric => {
      secrets.push(...analysis.secrets);
      const found = analysis.metrics.find((x) => x.name === m.metric);
      if (found) return found;
      throw new ConfigurationError({ file: input.config.file, field: `environments[${env}].gates.compare.metrics[${i}].metric`, message: `template ${quote(m.template)} (${t.file}) has no metric ${quote(m.metric)} (metrics: ${t.metrics.map((x) => x.name).join(', ')})` });
    };
    const cand = metricOf(resolve(t, candidateArgs(t, p, input.from)));
    const base = baseline ? metricOf(resolve(t, ferryArgs(t, { app: p.app, env: baseline.env, ...imageArgs('', baseline.image) }))) : cand;
    queries.push({ spec: specs[i]!, candidate: cand, baseline: base, stepSeconds: cand.rangeQuery?.stepSeconds ?? DEFAULT_STEP_SECONDS });
  }
  const windows = { candidate, baseline: baseline ?? { ...candidate, image: '(none)' } };
  return {
    app: p.app, windows, queries, secrets,
    async run(deps, secrets) {
      if (!baseline) {
        // No baseline version: nothing to compare with, which does not pass (fail closed).
        const report = judge(specs, new Map(), thresholds);
        const why = compare.baseline === 'previous' ? `no version before ${p.image} in ${input.from}` : `${input.to} runs no version of ${p.app} yet`;
        return { ...report, reason: `no baseline: ${why}; ${report.reason}` };
      }
      return runComparison(queries, { candidate, baseline }, thresholds, { ...deps, secrets });
    },
  };
}

export interface ComparisonQuery {
  spec: MetricComparisonSpec;
  candidate: ResolvedMetric;
  baseline: ResolvedMetric;
  stepSeconds: number;
}

export interface ComparisonDeps extends Pick<MeasureDeps, 'prometheus' | 'signal' | 'progress'> {
  /** Values never to show (secret args, tokens): masked in every reason, kept out of the client's errors. */
  secrets?: readonly string[];
}

/**
 * The metrics whose candidate and baseline requests are the same (same query, address, headers
 * and window): comparing them would compare a series with itself and pass. One line each, secrets masked.
 */
export function identicalRequests(
  queries: readonly ComparisonQuery[],
  windows: { candidate: { startMs: number; endMs: number }; baseline: { startMs: number; endMs: number } },
  secrets: readonly string[] = [],
): { metric: string; why: string }[] {
  return queries.flatMap((q) => {
    const c = queryRequest(q.candidate, rangeOf(windows.candidate, q.stepSeconds));
    const b = queryRequest(q.baseline, rangeOf(windows.baseline, q.stepSeconds));
    if (JSON.stringify(c) !== JSON.stringify(b)) return [];
    return [{
      metric: q.spec.metric,
      why: `the candidate and the baseline send Prometheus the same query ${quote(mask(q.candidate.query, secrets), 200)} over the same window, so the comparison would compare a series with itself: the query must use an arg whose value differs between them`,
    }];
  });
}

/** A window (which may say more: env, image) as a range query's range. */
function rangeOf(window: { startMs: number; endMs: number }, stepSeconds: number): { startMs: number; endMs: number; stepSeconds: number } {
  return { startMs: window.startMs, endMs: window.endMs, stepSeconds };
}

/**
 * Queries each metric over the candidate's and the baseline's window and judges the two samples.
 * A query that fails leaves that metric without data: nodata, which does not pass. Identical
 * candidate and baseline requests, and an interruption (deps.signal), make the report an error
 * (`error` set, verdict fail) instead of a judgment; what was measured until then is still in it.
 */
export async function runComparison(
  queries: readonly ComparisonQuery[],
  windows: { candidate: { startMs: number; endMs: number }; baseline: { startMs: number; endMs: number } },
  thresholds: { pass: number; marginal: number },
  deps: ComparisonDeps,
): Promise<ComparisonReport> {
  const secrets = deps.secrets ?? [];
  const series = new Map<string, { candidate: number[]; baseline: number[] }>();
  const notes: string[] = [];
  const identical = new Map(identicalRequests(queries, windows, secrets).map((x) => [x.metric, x.why]));
  const interrupted = new Set<string>();
  await Promise.all(queries.filter((q) => !identical.has(q.spec.metric)).map(async (q) => {
    const [c, b] = await Promise.all([
      sample(deps, q.candidate, 'candidate', rangeOf(windows.candidate, q.stepSeconds), secrets, notes),
      sample(deps, q.baseline, 'baseline', rangeOf(windows.baseline, q.stepSeconds), secrets, notes),
    ]);
    if (c && b) series.set(q.spec.metric, { candidate: c, baseline: b });
    else if (deps.signal?.aborted) interrupted.add(q.spec.metric);
  }));
  const judged = judge(queries.map((q) => q.spec), series, thresholds);
  const metrics = judged.metrics.map((m) => {
    const why = identical.get(m.metric) ?? (interrupted.has(m.metric) ? 'interrupted before both series were read' : undefined);
    return why ? { ...m, reason: mask(`nodata: ${why}`, secrets) } : m;
  });
  const errors = [
    ...[...identical].map(([metric, why]) => `${metric}: ${why}`),
    ...(interrupted.size ? [`interrupted before the series of ${[...interrupted].join(', ')} were read`] : []),
  ];
  const reason = [judged.reason, ...notes].join('; ');
  if (!errors.length) return { ...judged, metrics, reason: mask(reason, secrets) };
  const error = mask(errors.join('; '), secrets);
  return { ...judged, verdict: 'fail', metrics, error, reason: mask(`error: ${errors.join('; ')}; ${reason}`, secrets) };
}

/**
 * Every value of every series of the metric's query over the window; undefined when the query
 * failed (the metric is then nodata; a note says why) or was interrupted. Prometheus's warnings
 * become notes.
 */
async function sample(deps: ComparisonDeps, m: ResolvedMetric, side: 'candidate' | 'baseline', range: { startMs: number; endMs: number; stepSeconds: number }, secrets: readonly string[], notes: string[]): Promise<number[] | undefined> {
  try {
    const result = await deps.prometheus.query(queryRequest(m, range, secrets), deps.signal);
    for (const w of result.warnings ?? []) notes.push(`${m.name} ${side}: Prometheus warned ${quote(mask(w, secrets), 200).replace(/[()]/g, '')}`);
    // A matrix's value is already every value of every series (no [time, value] pairs made).
    return result.resultType === 'matrix' ? (result.value as number[]) : result.series.flatMap((s) => s.points.map(([, v]) => v));
  } catch (error) {
    if (deps.signal?.aborted) return undefined;
    // Masked before the parentheses go (a trailer's syntax), so a secret holding one is still found.
    notes.push(`${m.name} ${side}: ${mask((error as Error)?.message ?? String(error), secrets).replace(/[()]/g, '')}`);
    return undefined;
  }
}
