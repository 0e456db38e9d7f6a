// Baseline comparison: judge a candidate version's metric series against a baseline series taken
// over the same window, the way Kayenta's NetflixACAJudge does (Mann-Whitney U per metric, a
// verdict per metric, a weighted score 0-100, pass / marginal thresholds), with these choices:
//
// - Per metric: the two-sided Mann-Whitney U test (normal approximation with continuity and tie
//   correction; no exact distribution, also not for small n) says whether the candidate differs;
//   the sign of z says which way (z > 0: the candidate ranks higher). A metric fails when the
//   change is significant (p < alpha = 1 - confidence), goes the bad way for its direction, and
//   |effect| >= effectSize. Kayenta instead asks whether the 98% confidence interval of the
//   Hodges-Lehmann shift lies outside a band of +-25% of |shift| and then gates on the mean ratio
//   (allowedIncrease / allowedDecrease); a p-value and one effect are numbers a release manager
//   can check in the report.
// - effect = shift / |baseline median|, where shift is the Hodges-Lehmann estimate (the median
//   of all candidate - baseline differences): the candidate's location is baseline median +
//   shift, so effect is that location over the baseline's, minus 1. Kayenta uses the ratio of
//   means; the shift is the estimator that belongs to the rank test and is not moved by a few
//   outliers. A baseline median of 0 leaves no level to measure a tolerance against: a
//   significant change the bad way fails whatever effectSize says (significance alone decides, as
//   in Kayenta when its ratio is NaN), also when the shift is 0 (error rate 0 in the baseline,
//   0.2 in 13 of 30 candidate points: both medians are 0, yet p=5.6e-5). A non-zero shift is then
//   an infinite effect.
// - No outlier removal (Kayenta drops points outside IQR fences): the rank test is robust to
//   outliers already, and a worse tail is what a promotion gate is for.
// - Too few samples to reach significance at the confidence asked (3 against 3 cannot go below
//   p=0.081, so such a metric could never fail) is `nodata`, like an empty side.
// - NaN and +-Inf samples cannot be ranked, and a comparison never passes on samples it left out
//   (Kayenta removes NaN before its test; a series that is 80% NaN would then pass on the rest):
//   - a candidate sample at the bad end, +Inf when an increase is bad, -Inf when a decrease is
//     bad, either one when any change is bad, is the worst reading there is (histogram_quantile()
//     gives +Inf when the quantile is past the largest bucket): the metric fails, whatever the
//     baseline holds;
//   - otherwise any NaN, or an Inf at the good end, on the candidate's side, and any NaN or Inf on
//     the baseline's side make the metric `nodata`: a reference with points that are no readings
//     cannot say whether the candidate is worse, and the candidate's unreadable points could hide
//     anything. The reason counts each kind on each side.
//   The statistics (u, z, pValue, shift, effect) are then NaN; the summaries describe the finite
//   samples and count the others.
// - Fewer than MIN_SAMPLES on either side is `nodata`, which fails closed: it counts as a failed
//   metric in the score (Kayenta leaves Nodata out of the score unless mustHaveData is set, and
//   fails at >= 50% Nodata).
// - Identical samples (same values in any order) and all-equal samples give U = n1 n2 / 2 or a
//   zero variance, so z = 0 and p = 1: a pass, as Kayenta's shortcuts for these cases give
//   (Kayenta adds noise to all-equal data; here p = 1 is defined).
// - Weights are per metric (Kayenta weights groups of metrics). A critical metric that does not
//   pass (nodata included) makes the verdict fail; the score stays the weighted score so the
//   reader still sees the rest (Kayenta sets the score to 0, and has separate
//   criticalIncrease / criticalDecrease tolerances: here a critical metric uses its effectSize).
// - Default confidence 0.95 (Kayenta hard-codes 0.98); thresholds default { pass: 95, marginal: 75 }
//   and are inclusive, as in Kayenta. The score is rounded to 9 decimals, so float noise in sums of
//   fractional weights cannot carry it across a threshold.
import { ConfigurationError, quote, type Problem } from './errors.js';

/** Which change is bad: 'increase' = higher candidate values are bad (latency, errors). */
export type Direction = 'increase' | 'decrease' | 'either';
export const DIRECTIONS: readonly Direction[] = ['increase', 'decrease', 'either'];

export interface MetricComparisonSpec {
  /** Name, for the report and the key into the series map. */
  metric: string;
  direction: Direction;
  /** e.g. 0.95 (default) -> alpha = 0.05, two-sided test. */
  confidence?: number;
  /** Tolerance as a ratio of the baseline's median, e.g. 0.1: a significant change smaller than 10% is not a failure (default 0). */
  effectSize?: number;
  /** Default 1. */
  weight?: number;
  /** A critical metric that fails fails the whole comparison regardless of score. */
  critical?: boolean;
}

export interface SampleSummary {
  /** Finite samples. */
  n: number;
  /** Of the finite samples; NaN for none. */
  median: number;
  mean: number;
  /** NaN / +-Inf samples: never ranked, and any one makes the metric fail or nodata (the reason counts each kind). */
  dropped: number;
}

export interface MetricComparison {
  metric: string;
  verdict: 'pass' | 'fail' | 'nodata';
  candidate: SampleSummary;
  baseline: SampleSummary;
  /** U of the candidate: pairs (c, b) with c > b, plus half the pairs with c = b. NaN for nodata (also z, pValue, shift, effect). */
  u: number;
  /** Signed: > 0 when the candidate ranks higher. */
  z: number;
  /** Two-sided. */
  pValue: number;
  /** Hodges-Lehmann shift, candidate minus baseline, in the metric's unit. */
  shift: number;
  /** shift / |baseline median|, signed: +0.234 = the candidate is 23.4% higher. */
  effect: number;
  /** The resolved spec, for the report. */
  direction: Direction;
  alpha: number;
  effectSize: number;
  weight: number;
  critical: boolean;
  /** One line with the numbers. */
  reason: string;
}

export interface ComparisonThresholds {
  pass: number;
  marginal: number;
}

export interface ComparisonReport {
  verdict: 'pass' | 'marginal' | 'fail';
  /** 100 x (weights of passing metrics) / (all weights). */
  score: number;
  metrics: MetricComparison[];
  reason: string;
  /**
   * Set when the comparison could not be made as asked (candidate and baseline requests that are
   * the same, an interruption): the verdict is then fail, and this says why.
   */
  error?: string;
}

export const DEFAULT_THRESHOLDS: Readonly<ComparisonThresholds> = Object.freeze({ pass: 95, marginal: 75 });
export const DEFAULT_CONFIDENCE = 0.95;
/** Fewer finite samples than this on either side is nodata. */
export const MIN_SAMPLES = 3;

// ---------------------------------------------------------------------------------------------
// Statistics

/**
 * erfc(x) = 1 - erf(x). For |x| < 2: 1 minus the series erf(x) = 2/sqrt(pi) e^(-x^2)
 * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)) (all terms positive, so no cancellation); for x >= 2 the
 * continued fraction erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))),
 * 100 levels deep, evaluated from the bottom up. Relative error below 1e-13 everywhere.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  let f = x;
  for (let k = 100; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/**
 * The two-sided Mann-Whitney U test of candidate against baseline, by the normal approximation
 * with continuity correction and tie correction:
 * u = R_candidate - n1 (n1 + 1) / 2 (average ranks for ties), mu = n1 n2 / 2,
 * sigma^2 = n1 n2 / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))),
 * z = sign(u - mu) max(0, |u - mu| - 1/2) / sigma, p = erfc(|z| / sqrt 2).
 * Zero variance (every value equal) gives z = 0, p = 1. Samples must be finite and non-empty.
 */
export function mannWhitneyU(candidate: readonly number[], baseline: readonly number[]): { u: number; z: number; pValue: number } {
  const n1 = candidate.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) throw new Error(`Mann-Whitney U test: needs at least one sample on each side, got ${n1} candidate and ${n2} baseline samples`);
  const values = [...candidate, ...baseline];
  if (!values.every(Number.isFinite)) throw new Error('Mann-Whitney U test: the samples contain NaN or Inf; drop them before testing');
  const total = n1 + n2;
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < total; ) {
    let j = i;
    while (j + 1 < total && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1; // positions i..j hold ranks i+1..j+1
    for (let k = i; k <= j; k++) if (order[k]! < n1) rankSum += rank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const diff = u - (n1 * n2) / 2;
  const z = (Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5)) / Math.sqrt(variance) + 0; // + 0 turns -0 into 0
  return { u, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/** The median of a sample; NaN when empty. */
export function median(values: readonly number[]): number {
  return sortedMedian(Float64Array.from(values).sort());
}

function sortedMedian(s: ArrayLike<number>): number {
  const n = s.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The Hodges-Lehmann estimate of the shift: the median of the n1 n2 differences c_i - b_j.
 * Computed without building them all (a 11 000-point Prometheus range on each side would be
 * 1.2e8 pairs): bisect on the value, counting pairs <= t with two pointers over the sorted samples,
 * until few enough pairs remain between the bounds to sort them. NaN when either side is empty.
 */
export function hodgesLehmannShift(candidate: readonly number[], baseline: readonly number[]): number {
  if (candidate.length === 0 || baseline.length === 0) return NaN;
  const c = Float64Array.from(candidate).sort();
  const b = Float64Array.from(baseline).sort();
  const pairs = c.length * b.length;
  if (pairs % 2) return kthDifference(c, b, (pairs + 1) / 2);
  return (kthDifference(c, b, pairs / 2) + kthDifference(c, b, pairs / 2 + 1)) / 2;
}

/** Pairs (i, j) with c[i] - b[j] <= t. c - b[j] falls as j grows, and its first j <= t grows with c. */
function countAtMost(c: Float64Array, b: Float64Array, t: number): number {
  let count = 0;
  let j = 0;
  for (let i = 0; i < c.length; i++) {
    while (j < b.length && c[i]! - b[j]! > t) j++;
    count += b.length - j;
  }
  return count;
}

/** The k-th smallest (1-based) of c[i] - b[j], c and b sorted ascending. */
function kthDifference(c: Float64Array, b: Float64Array, k: number): number {
  let lo = c[0]! - b[b.length - 1]!; // the smallest difference
  let hi = c[c.length - 1]! - b[0]!; // the largest
  let below = countAtMost(c, b, lo);
  if (below >= k) return lo;
  // Invariant: below = count(<= lo) < k <= count(<= hi) = atHi.
  let atHi = c.length * b.length;
  const few = Math.max(64, c.length + b.length);
  while (atHi - below > few) {
    const mid = lo / 2 + hi / 2;
    if (!(mid > lo && mid < hi)) return hi; // adjacent doubles: every difference in (lo, hi] is hi
    const atMid = countAtMost(c, b, mid);
    if (atMid >= k) {
      hi = mid;
      atHi = atMid;
    } else {
      lo = mid;
      below = atMid;
    }
  }
  // The few differences in (lo, hi]: for each c[i], the b[j] from the first with c[i] - b[j] <= hi
  // up to (not including) the first with c[i] - b[j] <= lo.
  const band: number[] = [];
  let first = 0;
  let past = 0;
  for (let i = 0; i < c.length; i++) {
    while (first < b.length && c[i]! - b[first]! > hi) first++;
    while (past < b.length && c[i]! - b[past]! > lo) past++;
    for (let j = first; j < past; j++) band.push(c[i]! - b[j]!);
  }
  band.sort((x, y) => x - y);
  return band[k - below - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Judgement

interface ResolvedSpec {
  metric: string;
  direction: Direction;
  confidence: number;
  effectSize: number;
  weight: number;
  critical: boolean;
}

/** Check one spec and fill in the defaults; problems go to `problems` with fields under `path`. */
function resolveSpec(spec: MetricComparisonSpec, path: string, problems: Problem[]): ResolvedSpec {
  const at = (key: string): string => (path ? `${path}.${key}` : key);
  const s = (spec ?? {}) as Partial<MetricComparisonSpec>;
  const bad = (key: string, expected: string, value: unknown): void => {
    problems.push({ field: at(key), message: `expected ${expected}, found ${show(value)}` });
  };
  if (typeof s.metric !== 'string' || s.metric.trim() === '') bad('metric', 'a metric name', s.metric);
  if (!DIRECTIONS.includes(s.direction as Direction)) bad('direction', 'one of increase, decrease, either', s.direction);
  const confidence = s.confidence ?? DEFAULT_CONFIDENCE;
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) bad('confidence', 'a number between 0 and 1 (exclusive), such as 0.95', s.confidence);
  const effectSize = s.effectSize ?? 0;
  if (typeof effectSize !== 'number' || !(effectSize >= 0 && effectSize < Infinity)) bad('effectSize', 'a finite number >= 0, such as 0.1 for 10%', s.effectSize);
  const weight = s.weight ?? 1;
  if (typeof weight !== 'number' || !(weight > 0 && weight < Infinity)) bad('weight', 'a finite number > 0', s.weight);
  if (s.critical !== undefined && typeof s.critical !== 'boolean') bad('critical', 'true or false', s.critical);
  return { metric: String(s.metric), direction: s.direction as Direction, confidence, effectSize, weight, critical: s.critical === true };
}

/** A bad value, quoted; numbers as JavaScript prints them (NaN, Infinity), not as JSON does (null). */
function show(value: unknown): string {
  return quote(typeof value === 'number' ? String(value) : value);
}

function throwIfAny(problems: Problem[]): void {
  if (problems.length) throw new ConfigurationError(problems);
}

/** Compare one metric's candidate samples against its baseline samples. Throws ConfigurationError for a bad spec. */
export function compareMetric(spec: MetricComparisonSpec, candidate: readonly number[], baseline: readonly number[]): MetricComparison {
  const problems: Problem[] = [];
  const resolved = resolveSpec(spec, '', problems);
  throwIfAny(problems);
  return compareResolved(resolved, candidate, baseline);
}

function summarize(sorted: Float64Array, dropped: number): SampleSummary {
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, median: sortedMedian(sorted), mean: sorted.length ? sum / sorted.length : NaN, dropped };
}

/** How many samples are NaN, +Inf and -Inf. */
interface NonFinite {
  nan: number;
  plusInf: number;
  minusInf: number;
}

function countNonFinite(values: readonly number[]): NonFinite {
  const counts = { nan: 0, plusInf: 0, minusInf: 0 };
  for (const v of values) {
    if (Number.isNaN(v)) counts.nan++;
    else if (v === Infinity) counts.plusInf++;
    else if (v === -Infinity) counts.minusInf++;
  }
  return counts;
}

function compareResolved(spec: ResolvedSpec, candidate: readonly number[], baseline: readonly number[]): MetricComparison {
  const c = candidate.filter(Number.isFinite);
  const b = baseline.filter(Number.isFinite);
  const cs = Float64Array.from(c).sort();
  const bs = Float64Array.from(b).sort();
  const alpha = 1 - spec.confidence;
  const base = {
    metric: spec.metric,
    candidate: summarize(cs, candidate.length - c.length),
    baseline: summarize(bs, baseline.length - b.length),
    direction: spec.direction,
    alpha,
    effectSize: spec.effectSize,
    weight: spec.weight,
    critical: spec.critical,
  };
  const bad = spec.direction === 'increase' ? '(increase is bad)' : spec.direction === 'decrease' ? '(decrease is bad)' : '(any change is bad)';
  const none = { u: NaN, z: NaN, pValue: NaN, shift: NaN, effect: NaN };
  if (base.candidate.dropped || base.baseline.dropped) {
    // Never ranked, never left out: each NaN or Inf decides (see the header).
    const cn = countNonFinite(candidate);
    const bn = countNonFinite(baseline);
    const seen = `${seenNote('candidate', cn, candidate.length)}, ${seenNote('baseline', bn, baseline.length)}`;
    const worstUp = spec.direction !== 'decrease' ? cn.plusInf : 0;
    const worstDown = spec.direction !== 'increase' ? cn.minusInf : 0;
    if (worstUp || worstDown) {
      const worst = [...(worstUp ? ['+Inf'] : []), ...(worstDown ? ['-Inf'] : [])].join(' and ');
      return { ...base, ...none, verdict: 'fail', reason: `${worst} in the candidate is the worst reading ${bad}; ${seen}` };
    }
    return {
      ...base,
      ...none,
      verdict: 'nodata',
      reason: `nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; ${seen}`,
    };
  }
  if (c.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
    return {
      ...base,
      ...none,
      verdict: 'nodata',
      reason: `nodata: ${c.length} candidate and ${b.length} baseline samples, at least ${MIN_SAMPLES} needed on each side`,
    };
  }
  // Too few samples to ever reach significance (3 against 3 cannot go below p=0.081) would pass
  // whatever the values: fail closed as nodata instead.
  const floor = mannWhitneyU(Array.from({ length: c.length }, (_, i) => b.length + i + 1), Array.from({ length: b.length }, (_, i) => i + 1)).pValue;
  if (!(floor < alpha)) {
    return {
      ...base, verdict: 'nodata', u: NaN, z: NaN, pValue: NaN, shift: NaN, effect: NaN,
      reason: `nodata: ${c.length} candidate and ${b.length} baseline samples cannot show a change at confidence ${formatNumber(spec.confidence)} (smallest possible p=${formatP(floor)})`,
    };
  }
  const { u, z, pValue } = mannWhitneyU(c, b);
  const shift = hodgesLehmannShift(c, b);
  const level = Math.abs(base.baseline.median);
  const effect = level > 0 ? shift / level : shift === 0 ? 0 : Math.sign(shift) * Infinity;

  const p = `p=${formatP(pValue)}`;
  const a = formatNumber(alpha);
  const change = formatPercent(effect) + (level === 0 && shift !== 0 ? ' (baseline median is 0)' : '');
  let verdict: 'pass' | 'fail' = 'pass';
  let why: string;
  if (!(pValue < alpha)) {
    why = `${p}>=${a}, ${change}: no significant change ${bad}`;
  } else if ((z > 0 && spec.direction === 'decrease') || (z < 0 && spec.direction === 'increase')) {
    why = `${p}<${a}, ${change}: ${z > 0 ? 'higher' : 'lower'} is fine ${bad}`;
  } else {
    // z > 0 implies shift >= 0 (more than half the pairs are positive), z < 0 implies shift <= 0.
    const tolerance = spec.effectSize === 0 ? '0%' : `${z > 0 ? '+' : '-'}${formatNumber(spec.effectSize * 100)}%`;
    if (level === 0 && shift === 0) {
      // No level to measure a tolerance against, and a shift of 0 says nothing: significance decides.
      verdict = 'fail';
      why = `${p}<${a}, ${change} (baseline median is 0): a significant ${z > 0 ? 'rise' : 'fall'} from a baseline median of 0 fails whatever the ${tolerance} tolerance ${bad}`;
    } else if (Math.abs(effect) >= spec.effectSize) {
      verdict = 'fail';
      why = `${p}<${a}, ${change} ${z > 0 ? '>=' : '<='} ${tolerance} ${bad}`;
    } else {
      why = `${p}<${a}, ${change} within the ${tolerance} tolerance ${bad}`;
    }
  }
  return { ...base, verdict, u, z, pValue, shift, effect, reason: why };
}

/**
 * Compare every metric in `specs` (series looked up by metric name; a missing series is nodata),
 * score them and give the verdict. Throws ConfigurationError naming `metrics[i].<field>` or
 * `thresholds.<field>` for bad input, all problems at once.
 */
export function judge(
  specs: readonly MetricComparisonSpec[],
  series: ReadonlyMap<string, { candidate: number[]; baseline: number[] }>,
  thresholds: ComparisonThresholds = DEFAULT_THRESHOLDS,
): ComparisonReport {
  const problems: Problem[] = [];
  if (!Array.isArray(specs) || specs.length === 0) problems.push({ field: 'metrics', message: 'expected at least one metric to compare, found none' });
  const resolved = (Array.isArray(specs) ? specs : []).map((s, i) => resolveSpec(s, `metrics[${i}]`, problems));
  const seen = new Map<string, number>();
  resolved.forEach((s, i) => {
    const first = seen.get(s.metric);
    if (first !== undefined) problems.push({ field: `metrics[${i}].metric`, message: `${quote(s.metric)} is already compared by metrics[${first}]` });
    else seen.set(s.metric, i);
  });
  const t = (thresholds ?? {}) as Partial<ComparisonThresholds>;
  const okPercent = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 100;
  if (!okPercent(t.pass)) problems.push({ field: 'thresholds.pass', message: `expected a score from 0 to 100, found ${show(t.pass)}` });
  if (!okPercent(t.marginal)) problems.push({ field: 'thresholds.marginal', message: `expected a score from 0 to 100, found ${show(t.marginal)}` });
  else if (okPercent(t.pass) && t.marginal > t.pass) problems.push({ field: 'thresholds.marginal', message: `expected at most the pass threshold ${t.pass}, found ${show(t.marginal)}` });
  throwIfAny(problems);
  const { pass, marginal } = t as ComparisonThresholds;

  const metrics = resolved.map((s) => {
    const pair = series.get(s.metric);
    if (pair) return compareResolved(s, pair.candidate ?? [], pair.baseline ?? []);
    return {
      ...compareResolved(s, [], []),
      reason: `nodata: no candidate and baseline series for ${quote(s.metric)}`,
    };
  });
  let all = 0;
  let passed = 0;
  for (const m of metrics) {
    all += m.weight;
    if (m.verdict === 'pass') passed += m.weight;
  }
  // Rounded to 1e-9 so that float noise in sums of fractional weights cannot cross a threshold.
  const score = Math.round((1e11 * passed) / all) / 1e9;
  const failed = metrics.filter((m) => m.verdict !== 'pass');
  const criticals = failed.filter((m) => m.critical);
  const list = failed.map((m) => m.metric + (m.verdict === 'nodata' ? ' (nodata)' : '') + (m.critical ? ' (critical)' : '')).join(', ');
  const s = formatScore(score);
  const tail = failed.length ? `; failed: ${list}` : `; ${metrics.length} of ${metrics.length} metrics pass`;
  if (criticals.length) {
    return { verdict: 'fail', score, metrics, reason: `fail: critical metric ${criticals.map((m) => m.metric).join(', ')} did not pass (score ${s})${tail}` };
  }
  if (score >= pass) return { verdict: 'pass', score, metrics, reason: `pass: score ${s} >= ${pass}${tail}` };
  if (score >= marginal) return { verdict: 'marginal', score, metrics, reason: `marginal: score ${s} < ${pass} and >= ${marginal}${tail}` };
  return { verdict: 'fail', score, metrics, reason: `fail: score ${s} < ${marginal}${tail}` };
}

// ---------------------------------------------------------------------------------------------
// Formatting for reasons

/** `candidate 24 +Inf, 1 NaN of 30 samples`, or `baseline no NaN/Inf of 30 samples`. */
function seenNote(side: string, counts: NonFinite, total: number): string {
  const kinds = ([[counts.nan, 'NaN'], [counts.plusInf, '+Inf'], [counts.minusInf, '-Inf']] as const).filter(([k]) => k > 0);
  return `${side} ${kinds.length ? kinds.map(([k, name]) => `${k} ${name}`).join(', ') : 'no NaN/Inf'} of ${total} sample${total === 1 ? '' : 's'}`;
}

/** Six significant digits, no trailing zeros: 0.05, 10, 12.5. */
function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/** Two significant digits; exponent form below 1e-4. */
function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return `${x > 0 ? '+' : '-'}inf%`;
  return `${x < 0 ? '-' : '+'}${(Math.abs(x) * 100).toFixed(1)}%`;
}

/** Rounded down to two decimals, so a score shown equal to a threshold has reached it. */
function formatScore(score: number): string {
  return String(Math.floor(score * 100 + 1e-6) / 100);
}
