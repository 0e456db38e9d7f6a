import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { HttpPrometheus } from '../../adapters/prometheus.js';
import { identicalRequests, runComparison, type ComparisonQuery } from '../../core/analysis-gate.js';
import { formatValue, progressLine, runAnalysis, type AnalysisRunResult, type Clock, type PrometheusClient } from '../../core/analysis-run.js';
import { checkDeclaredArgs, maskSecrets, parseAnalysisTemplates, resolveAnalysis, secretForms, type AnalysisTemplate, type ResolvedAnalysis, type ResolveOptions } from '../../core/analysis-template.js';
import { DIRECTIONS, type ComparisonReport, type Direction } from '../../core/baseline-compare.js';
import { ConfigurationError, quote } from '../../core/errors.js';
import { parseDuration } from '../../core/promote.js';
import type { PhaseHook } from './phases.js';

/** `--compare <metric>:<direction>[:<effect size>]`: a metric of the template, run for candidate and baseline. */
export interface CompareRequest {
  metric: string;
  direction: Direction;
  effectSize?: number;
}

export interface AnalyzeOptions {
  /** Path of the template file. */
  template: string;
  /** The template's name, when the file holds several. */
  name?: string;
  prometheus?: string;
  args: Record<string, string>;
  compare: CompareRequest[];
  /** Baseline args: the candidate's, with these replaced. */
  baselineArgs: Record<string, string>;
  /** How far back both series of a comparison reach. */
  window: string;
  confidence?: number;
  bearerTokenEnv?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
  prometheusClient?: PrometheusClient;
  clock?: Clock;
  /** Told of each secret value (secret args, the bearer token) as soon as it is read, to mask it. */
  secret?: (value: string) => void;
}

export interface AnalyzeOutput {
  /** succeeded: the run is Successful and any comparison passed. */
  status: 'succeeded' | 'failed';
  template: string;
  file: string;
  run: AnalysisRunResult;
  comparison?: ComparisonReport;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

/** `--compare latency-p95:increase:0.1`. */
export function parseCompare(text: string): CompareRequest {
  const [metric, direction, effect, ...rest] = text.split(':');
  if (!metric || !direction || rest.length || !(DIRECTIONS as readonly string[]).includes(direction)) {
    throw new ConfigurationError({ field: '--compare', message: `expected <metric>:<increase|decrease|either>[:<effect size>] (the change that is bad), found ${quote(text)}` });
  }
  const effectSize = effect === undefined ? undefined : Number(effect);
  if (effectSize !== undefined && !(effectSize >= 0)) throw new ConfigurationError({ field: '--compare', message: `expected an effect size of 0 or more (0.1 for 10%), found ${quote(effect)}` });
  return { metric, direction: direction as Direction, ...(effectSize !== undefined ? { effectSize } : {}) };
}

/** `ferry analyze`: one template against Prometheus, now; optionally metrics compared with a baseline. */
export async function runAnalyze(options: AnalyzeOptions): Promise<AnalyzeOutput> {
  const phase = options.phase ?? (() => {});
  phase('Read the analysis template');
  let text: string;
  try {
    text = await readFile(options.template, 'utf8');
  } catch (error) {
    throw new ConfigurationError({ field: '--template', message: `cannot read ${quote(options.template)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
  }
  const templates = parseAnalysisTemplates(text, options.template);
  const template = pick(templates, options);
  // An arg the template does not declare changes nothing: a misspelt --baseline-arg would compare
  // the candidate with itself.
  checkDeclaredArgs(template, options.args, '--arg');
  checkDeclaredArgs(template, options.baselineArgs, '--baseline-arg');
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const resolveOptions: ResolveOptions = {
    env, nowMs: clock.now(), argsFrom: '--arg',
    ...(options.prometheus !== undefined ? { prometheusAddress: options.prometheus } : {}),
    ...(options.bearerTokenEnv !== undefined ? { bearerTokenEnv: options.bearerTokenEnv } : {}),
  };
  const analysis = resolveAnalysis(template, options.args, resolveOptions);
  // Each spelling a log may hold it in (JSON-escaped, percent-encoded) is a secret too.
  const tell = (value: string) => {
    for (const form of secretForms(value)) options.secret?.(form);
  };
  for (const value of analysis.secrets) tell(value);
  const prometheus = options.prometheusClient ?? new HttpPrometheus();

  // Comparisons first resolve (bad metric names fail before anything is measured); the baseline's
  // args are resolved once, when the first compared metric is found.
  let baselineAnalysis: ResolvedAnalysis | undefined;
  const queries: ComparisonQuery[] = options.compare.map((c) => {
    const candidate = analysis.metrics.find((m) => m.name === c.metric);
    if (!candidate) throw new ConfigurationError({ field: '--compare', message: `template ${quote(template.name)} has no metric ${quote(c.metric)} (metrics: ${analysis.metrics.map((m) => m.name).join(', ')})` });
    baselineAnalysis ??= resolveAnalysis(template, { ...options.args, ...options.baselineArgs }, resolveOptions);
    const baseline = baselineAnalysis.metrics.find((m) => m.name === c.metric)!;
    return {
      spec: { metric: c.metric, direction: c.direction, ...(c.effectSize !== undefined ? { effectSize: c.effectSize } : {}), ...(options.confidence !== undefined ? { confidence: options.confidence } : {}) },
      candidate, baseline, stepSeconds: candidate.rangeQuery?.stepSeconds ?? 60,
    };
  });
  // A --baseline-arg may give a secret arg a value of its own: it is kept out of output too.
  const secrets = [...new Set([...analysis.secrets, ...(baselineAnalysis?.secrets ?? [])])];
  for (const value of baselineAnalysis?.secrets ?? []) if (!analysis.secrets.includes(value)) tell(value);
  const say = (line: string) => options.progress?.(maskSecrets(line, secrets));
  // Both sides are read over the same window: the same query would compare a series with itself.
  const same = identicalRequests(queries, { candidate: { startMs: 0, endMs: 1 }, baseline: { startMs: 0, endMs: 1 } }, secrets);
  if (same.length) {
    const args = Object.keys(options.baselineArgs);
    throw new ConfigurationError({
      file: options.template, field: '--baseline-arg',
      message: `${same.map((s) => `--compare ${s.metric}: ${s.why}`).join('; ')} (${args.length ? `--baseline-arg gives ${args.join(', ')}` : 'no --baseline-arg is given'}; the template's args: ${template.args.map((a) => a.name).join(', ') || 'none'})`,
    });
  }

  phase(`Run the analysis ${template.name}`);
  // Every metric runs as the template says; compared metrics are also judged against the baseline.
  const run: AnalysisRunResult = await runAnalysis(analysis, {
    prometheus, clock, ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (e) => say(`${e.metric}: ${progressLine(e, (v) => formatValue(v, 4), formatWait)}`),
  });
  let comparison: ComparisonReport | undefined;
  if (queries.length && !options.signal?.aborted) {
    phase('Compare with the baseline');
    const now = clock.now();
    const windowMs = parseDuration(options.window);
    const window = { startMs: now - windowMs, endMs: now };
    say(`comparing ${queries.length} metric${queries.length === 1 ? '' : 's'} with the baseline over the last ${options.window}`);
    comparison = await runComparison(queries, { candidate: window, baseline: window }, { pass: 95, marginal: 75 }, { prometheus, ...(options.signal ? { signal: options.signal } : {}), progress: say, secrets });
  }
  const ok = run.phase === 'Successful' && (comparison === undefined || comparison.verdict === 'pass') && !options.signal?.aborted;
  return { status: ok ? 'succeeded' : 'failed', template: template.name, file: options.template, run, ...(comparison ? { comparison } : {}) };
}

function pick(templates: AnalysisTemplate[], options: AnalyzeOptions): AnalysisTemplate {
  if (options.name !== undefined) {
    const found = templates.find((t) => t.name === options.name);
    if (!found) throw new ConfigurationError({ file: options.template, field: '--name', message: `no template ${quote(options.name)} in the file (templates: ${templates.map((t) => t.name).join(', ') || 'none'})` });
    return found;
  }
  if (templates.length === 1) return templates[0]!;
  throw new ConfigurationError({ file: options.template, field: '--name', message: templates.length ? `the file holds ${templates.length} templates (${templates.map((t) => t.name).join(', ')}): name one with --name` : 'the file holds no analysis template' });
}

function formatWait(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}` : `${s}s`;
}
export { parseDuration } from '../../core/promote.js';
