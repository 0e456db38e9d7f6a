// How a metric's value reads in one line, in a module of its own: the job summaries show values,
// and loading the analysis engine (YAML, expressions) for that would slow every action's start.
import type { MetricValue } from './analysis-expr.js';

/**
 * `value` as JSON, a number JSON cannot hold written as Prometheus writes a sample: "NaN", "+Inf",
 * "-Inf" (JSON.stringify would write null, the same as a missing value). Every JSON Ferry writes
 * (--json, the actions' report files and outputs) goes through here, so a measurement of NaN reads
 * the same in each, and as formatValue shows it.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf') : v), indent);
}

/** A short, one-line rendering of a value: 0.9981, NaN, +Inf, empty, [0.1,0.2,0.3,… 5 more] (`+5` read as a value beside +Inf). */
export function formatValue(v: MetricValue | undefined, maxItems = 3): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return '+Inf';
    if (v === -Infinity) return '-Inf';
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  }
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
  if (v.length === 0) return 'empty';
  if (v.length === 1) return formatValue(v[0], maxItems);
  const shown = v.slice(0, maxItems).map((x) => formatValue(x, maxItems));
  return `[${shown.join(',')}${v.length > maxItems ? `,… ${v.length - maxItems} more` : ''}]`;
}
