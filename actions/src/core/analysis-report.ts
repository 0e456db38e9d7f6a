// How an analysis run and a baseline comparison read: a plain-text table per metric for the
// terminal, and Markdown for job summaries and pull requests, where each range metric is drawn
// as a mermaid `xychart-beta` line chart (GitHub renders mermaid blocks). In Markdown every text
// that came from outside (the template's names and queries, args, Prometheus's answers and errors)
// goes through cell() or code(): no HTML, link or image of theirs renders.
import type { AnalysisRunResult, MetricRun } from './analysis-run.js';
import { formatValue } from './format-value.js';
import { cell, code, htmlText } from './markdown.js';
import type { ComparisonReport } from './baseline-compare.js';
import { formatTable } from './table.js';

export interface AnalysisReport {
  run?: AnalysisRunResult;
  comparison?: ComparisonReport;
}

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function condition(m: MetricRun): string {
  return [m.successCondition && `success: ${m.successCondition}`, m.failureCondition && `failure: ${m.failureCondition}`].filter(Boolean).join('; ');
}

/** Each distinct warning Prometheus gave a metric, with the measurements it came with: `partial response (measurements 1, 3)`. */
export function metricWarnings(m: MetricRun): string[] {
  const seen = new Map<string, number[]>();
  m.measurements.forEach((x, i) => {
    for (const w of x.warnings ?? []) seen.set(w, [...(seen.get(w) ?? []), i + 1]);
  });
  return [...seen].map(([w, at]) => `${w} (measurement${at.length > 1 ? 's' : ''} ${at.join(', ')})`);
}

function measurementRows(m: MetricRun): string[][] {
  return m.measurements.map((x, i) => [String(i + 1), time(x.startedAt), formatValue(x.value, 4), x.phase, x.message ?? '']);
}

/**
 * `  query      <text>`: a text of several lines (a query written as a YAML block, `query: |`)
 * with its other lines under its first, and without the line break a block ends with.
 */
function labelled(label: string, text: string): string {
  const lines = text.trimEnd().split(/\r?\n/).map((line) => line.trimEnd());
  return `  ${label.padEnd(11)}${lines.join(`\n${' '.repeat(13)}`)}`;
}

/** The terminal's view: the run's phase, then per metric its phase, condition and a table of measurements. */
export function formatAnalysisText(report: AnalysisReport): string {
  const out: string[] = [];
  if (report.run) {
    const r = report.run;
    out.push(`analysis ${r.template}: ${r.phase}${r.interrupted ? ' (interrupted)' : ''}: ${r.message}`);
    for (const m of r.metrics) {
      out.push('', `metric ${m.name}: ${m.phase}${m.dryRun ? ' (dry run: does not decide)' : ''}, ${m.successful} successful, ${m.failed} failed, ${m.inconclusive} inconclusive, ${m.errors} errors (count ${m.count})`);
      out.push(labelled('query', m.query));
      if (condition(m)) out.push(`  condition  ${condition(m)}`);
      if (m.message) out.push(`  why        ${m.message}`);
      for (const w of metricWarnings(m)) out.push(`  warning    Prometheus: ${w}`);
      if (m.measurements.length) out.push(indent(formatTable(['#', 'at (UTC)', 'value', 'phase', 'message'], measurementRows(m))));
    }
  }
  if (report.comparison) {
    const c = report.comparison;
    if (out.length) out.push('');
    out.push(`comparison: ${c.verdict}, score ${round(c.score)}: ${c.reason}`);
    out.push(indent(formatTable(['metric', 'verdict', 'candidate median', 'baseline median', 'p', 'effect', 'why'], c.metrics.map((m) => [
      m.metric, m.verdict, num(m.candidate.median), num(m.baseline.median), num(m.pValue), Number.isFinite(m.effect) ? `${(m.effect * 100).toFixed(1)}%` : num(m.effect), m.reason,
    ]))));
  }
  return out.join('\n');
}

/** Markdown for a job summary or a PR: tables, and a chart per range metric. */
export function formatAnalysisMarkdown(report: AnalysisReport): string {
  const out: string[] = [];
  if (report.run) {
    const r = report.run;
    out.push(`### Analysis ${code(r.template)}: ${icon(r.phase)} ${r.phase}${r.interrupted ? ' (interrupted)' : ''}`, '', cell(r.message), '');
    out.push('| metric | phase | measurements | last value | condition |', '| --- | --- | --- | --- | --- |');
    for (const m of r.metrics) {
      const last = m.measurements.findLast((x) => x.value !== undefined);
      out.push(`| ${cell(m.name)}${m.dryRun ? ' (dry run)' : ''} | ${icon(m.phase)} ${m.phase} | ${m.successful} ok, ${m.failed} failed, ${m.inconclusive} inconclusive, ${m.errors} errors (count ${m.count}) | ${cell(formatValue(last?.value, 4))} | ${condition(m) ? code(condition(m)) : ''} |`);
    }
    const warned = r.metrics.flatMap((m) => metricWarnings(m).map((w) => `- ⚠️ ${cell(m.name)}: Prometheus warned: ${cell(w)}`));
    if (warned.length) out.push('', ...warned);
    for (const m of r.metrics) {
      const chart = rangeChart(m);
      if (chart) out.push('', `#### ${cell(m.name)}`, '', chart);
    }
    for (const m of r.metrics) {
      if (m.measurements.length < 2) continue;
      out.push('', `<details><summary>${htmlText(m.name)}: ${m.measurements.length} measurements</summary>`, '', '| # | at (UTC) | value | phase | message |', '| --- | --- | --- | --- | --- |');
      for (const row of measurementRows(m)) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('', '</details>');
    }
  }
  if (report.comparison) {
    const c = report.comparison;
    if (out.length) out.push('');
    out.push(`### Baseline comparison: ${c.verdict === 'pass' ? '✅' : c.verdict === 'marginal' ? '⚠️' : '❌'} ${c.verdict}, score ${round(c.score)}`, '', cell(c.reason), '');
    out.push('| metric | verdict | candidate median | baseline median | p | effect | why |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const m of c.metrics) {
      out.push(`| ${cell(m.metric)} | ${m.verdict} | ${num(m.candidate.median)} (n=${m.candidate.n}) | ${num(m.baseline.median)} (n=${m.baseline.n}) | ${num(m.pValue)} | ${Number.isFinite(m.effect) ? `${(m.effect * 100).toFixed(1)}%` : num(m.effect)} | ${cell(m.reason)} |`);
    }
  }
  return out.join('\n');
}

const MAX_POINTS = 60;
const MAX_LINES = 5;

/**
 * The last range measurement of a metric as a mermaid xychart: one line per series (at most five),
 * at most 60 points (evenly thinned), x labels as UTC times. Non-finite points are left out of
 * the chart (a chart cannot draw NaN) and counted under it.
 */
export function rangeChart(m: MetricRun): string | undefined {
  const last = m.measurements.findLast((x) => x.series?.length);
  if (!last?.series) return undefined;
  const times = [...new Set(last.series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  if (times.length < 2) return undefined;
  const stride = Math.ceil(times.length / MAX_POINTS);
  const shown = times.filter((_, i) => i % stride === 0);
  const series = last.series.slice(0, MAX_LINES);
  let skipped = 0;
  const lines = series.map((s) => {
    const at = new Map(s.points);
    return shown.map((t) => {
      const v = at.get(t);
      if (v === undefined || !Number.isFinite(v)) {
        skipped++;
        return undefined;
      }
      return v;
    });
  });
  const values = lines.flat().filter((v): v is number => v !== undefined);
  if (values.length === 0) return undefined;
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : 0;
  const body = [
    '```mermaid',
    'xychart-beta',
    `    title "${chartText(m.name)}"`,
    `    x-axis [${shown.map((t) => `"${new Date(t * 1000).toISOString().slice(11, 16)}"`).join(', ')}]`,
    `    y-axis "${chartText(m.name)}" ${num(lo - pad)} --> ${num(hi + pad)}`,
    // A missing point repeats the last value drawn (a line cannot have holes in mermaid).
    ...lines.map((l) => `    line [${fillGaps(l).map(num).join(', ')}]`),
    '```',
  ];
  const notes: string[] = [];
  if (last.series.length > MAX_LINES) notes.push(`${last.series.length - MAX_LINES} more series not drawn`);
  if (skipped) notes.push(`${skipped} points without a finite value`);
  if (series.length > 1) notes.push(`lines: ${series.map((s, i) => `${i + 1} ${labels(s.labels)}`).join('; ')}`);
  return `${body.join('\n')}${notes.length ? `\n\n${cell(notes.join('; '))}` : ''}`;
}

function fillGaps(line: (number | undefined)[]): number[] {
  const first = line.find((v) => v !== undefined) ?? 0;
  let prev = first;
  return line.map((v) => (prev = v ?? prev));
}

function labels(l: Record<string, string>): string {
  const text = Object.entries(l).map(([k, v]) => `${k}=${v}`).join(',');
  return `{${text}}`;
}

function num(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  return String(Number(v.toPrecision(6)));
}

function round(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function icon(phase: string): string {
  return phase === 'Successful' ? '✅' : phase === 'Failed' ? '❌' : phase === 'Stopped' ? '⏹️' : '⚠️';
}

/** Text safe inside a mermaid quoted string: no quote, backslash, line break, backtick or HTML. */
function chartText(text: string): string {
  return text.replace(/["\\\n\r\u0085\u2028\u2029`<>&]/g, ' ');
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
