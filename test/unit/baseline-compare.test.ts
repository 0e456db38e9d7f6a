// Baseline comparison: the Mann-Whitney U statistics checked against hand-worked examples, textbook
// values and reference computations done here by other methods (U by counting pairs, the tie term
// from a value count, erfc by numerical integration, the Hodges-Lehmann shift from every pairwise
// difference); then the per-metric verdicts, the score, the thresholds and bad specs.
//
// Constants marked "python3" were computed while writing this test with Python 3's math.erfc
// (the C library's erfc) and U counted over pairs, by:
//   u = sum((x > y) + 0.5 * (x == y) for x in c for y in b)
//   var = n1*n2/12 * ((N+1) - sum(t**3 - t for t in Counter(c+b).values()) / (N*(N-1)))
//   z = copysign(max(0, abs(u - n1*n2/2) - 0.5), u - n1*n2/2) / sqrt(var); p = erfc(abs(z)/sqrt(2))
import { describe, expect, test } from 'vitest';
import {
  compareMetric,
  erfc,
  hodgesLehmannShift,
  judge,
  mannWhitneyU,
  median,
  type ComparisonThresholds,
  type MetricComparisonSpec,
} from '../../actions/src/core/baseline-compare.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';

// ---- Reference computations, by methods other than the implementation's ----------------------

/** U of the candidate by counting pairs: 1 for c > b, 1/2 for c = b (the implementation sums ranks). */
function uByPairs(c: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const x of c) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

/** The tie-corrected variance of U, the tie sizes counted in a Map (the implementation walks sorted ranks). */
function varianceByCounts(c: readonly number[], b: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of [...c, ...b]) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t ** 3 - t;
  const n = c.length + b.length;
  return ((c.length * b.length) / 12) * (n + 1 - ties / (n * (n - 1)));
}

/**
 * erfc(x) for x >= 0 by Simpson's rule: 2/sqrt(pi) times the integral of e^(-t^2) from x to x + 10
 * (the rest is below e^(-100)), 20 000 intervals. The implementation uses a series and a continued fraction.
 */
function erfcSimpson(x: number): number {
  const n = 20_000;
  const h = 10 / n;
  const f = (t: number): number => Math.exp(-t * t);
  let sum = f(x) + f(x + 10);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(x + i * h);
  return ((2 / Math.sqrt(Math.PI)) * sum * h) / 3;
}

function referenceTest(c: readonly number[], b: readonly number[]): { u: number; z: number; pValue: number } {
  const u = uByPairs(c, b);
  const variance = varianceByCounts(c, b);
  if (variance === 0) return { u, z: 0, pValue: 1 };
  const d = u - (c.length * b.length) / 2;
  const z = Math.abs(d) <= 0.5 ? 0 : (d - Math.sign(d) * 0.5) / Math.sqrt(variance);
  return { u, z, pValue: erfcSimpson(Math.abs(z) / Math.SQRT2) };
}

/** The Hodges-Lehmann shift by building and sorting every difference. */
function shiftByAllPairs(c: readonly number[], b: readonly number[]): number {
  const d: number[] = [];
  for (const x of c) for (const y of b) d.push(x - y);
  d.sort((p, q) => p - q);
  const m = d.length >> 1;
  return d.length % 2 ? d[m]! : (d[m - 1]! + d[m]!) / 2;
}

/** A fixed pseudo-random sequence (a 32-bit LCG), so the data is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

// ---- erfc -------------------------------------------------------------------------------------

describe('erfc', () => {
  // python3: math.erfc(x)
  test.each([
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [1.99, 0.004888586800383003],
    [2, 0.004677734981047265],
    [2.5, 0.0004069520174449589],
    [3, 2.2090496998585438e-5],
    [4, 1.541725790028002e-8],
    [6, 2.1519736712498916e-17],
    [10, 2.088487583762545e-45],
  ])('erfc(%d) = %d (libm), and Simpson integration agrees', (x, expected) => {
    expect(relativeError(erfc(x), expected)).toBeLessThan(1e-13);
    expect(relativeError(erfcSimpson(x), expected)).toBeLessThan(1e-9);
  });

  test('erfc(-x) = 2 - erfc(x); NaN stays NaN', () => {
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    expect(erfc(Number.NaN)).toBeNaN();
  });

  test.each([
    [1.959963984540054, 0.05],
    [2.5758293035489004, 0.01],
    [3.2905267314919255, 0.001],
  ])('the two-sided normal quantile z = %d has p = erfc(z / sqrt 2) = %d', (z, p) => {
    expect(relativeError(erfc(z / Math.SQRT2), p)).toBeLessThan(1e-12);
  });
});

// ---- Mann-Whitney U ---------------------------------------------------------------------------

describe('mannWhitneyU', () => {
  test('hand-worked example with a tie across the samples', () => {
    // candidate [3, 5, 5, 9], baseline [1, 5, 7]
    // pooled, sorted: 1b 3c 5c 5c 5b 7b 9c -> ranks 1, 2, (3+4+5)/3 = 4, 4, 4, 6, 7
    // R_candidate = 2 + 4 + 4 + 7 = 17; U = 17 - 4*5/2 = 7
    // by pairs: 3 beats 1 (1); each 5 beats 1 and ties 5 (1.5 x 2 = 3); 9 beats 1, 5, 7 (3): 7
    // mu = 4*3/2 = 6; one tie of 3 values: sum(t^3 - t) = 24; N = 7
    // sigma^2 = 12/12 * (8 - 24/42) = 7.428571428571429; z = (7 - 6 - 0.5) / sqrt(7.428571) = 0.18345
    // p = erfc(0.18345 / sqrt 2) = 0.85445 (python3)
    const r = mannWhitneyU([3, 5, 5, 9], [1, 5, 7]);
    expect(r.u).toBe(7);
    expect(r.z).toBeCloseTo(0.18344984642633572, 12);
    expect(r.pValue).toBeCloseTo(0.8544450676295319, 12);
  });

  test("the textbook tortoise and hare race (Wikipedia 'Mann-Whitney U test': U_T = 11, U_H = 25)", () => {
    // Finishing order T H H H H H T T T T T H, as finishing positions (lower = faster).
    // The tortoises beat 11 hare pairs; the candidate's U counts pairs where the candidate's value is
    // higher (the tortoise finished later): 36 - 11 = 25.
    const tortoise = [1, 7, 8, 9, 10, 11];
    const hare = [2, 3, 4, 5, 6, 12];
    const r = mannWhitneyU(tortoise, hare);
    expect(r.u).toBe(25);
    expect(mannWhitneyU(hare, tortoise).u).toBe(11);
    // mu = 18, sigma^2 = 36 * 13 / 12 = 39, z = (25 - 18 - 0.5) / sqrt 39 (python3)
    expect(r.z).toBeCloseTo(6.5 / Math.sqrt(39), 14);
    expect(r.pValue).toBeCloseTo(0.2979530616081678, 12);
  });

  test("Hollander & Wolfe's data from R's wilcox.test documentation: W = 35", () => {
    // R: wilcox.test(x, y, alternative = "g") gives W = 35, exact p = 0.1272, so exact two-sided 0.2544;
    // the normal approximation with continuity correction here gives 0.2446 (python3).
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = mannWhitneyU(x, y);
    expect(r.u).toBe(35);
    expect(r.z).toBeCloseTo(1.1635076278220096, 12);
    expect(r.pValue).toBeCloseTo(0.24462360512698333, 12);
  });

  test('the tie correction shrinks the variance: three 5s against three 1s', () => {
    // Two ties of 3: sum(t^3 - t) = 48, N = 6: sigma^2 = 9/12 * (7 - 48/30) = 4.05 (5.25 without ties),
    // z = (9 - 4.5 - 0.5) / sqrt 4.05 = 1.98762, p = 0.04685 (python3); untied [4,5,6] vs [1,2,3] gives p = 0.08086.
    const tied = mannWhitneyU([5, 5, 5], [1, 1, 1]);
    expect(tied.u).toBe(9);
    expect(tied.z).toBeCloseTo(1.9876159799998128, 12);
    expect(tied.pValue).toBeCloseTo(0.046854177603873774, 12);
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3]).pValue).toBeCloseTo(0.0808555983700523, 12);
  });

  test('identical samples in another order: U = n1 n2 / 2, z = 0, p = 1', () => {
    expect(mannWhitneyU([3, 1, 2, 2, 9], [9, 2, 1, 3, 2])).toEqual({ u: 12.5, z: 0, pValue: 1 });
  });

  test('all values equal on both sides: zero variance, z = 0, p = 1', () => {
    expect(mannWhitneyU([4, 4, 4], [4, 4, 4, 4])).toEqual({ u: 6, z: 0, pValue: 1 });
  });

  test('swapping the samples mirrors U and z and keeps p', () => {
    const c = [12, 15, 11, 19, 14, 14, 20];
    const b = [10, 9, 14, 13, 8, 11];
    const ab = mannWhitneyU(c, b);
    const ba = mannWhitneyU(b, c);
    expect(ba.u).toBe(c.length * b.length - ab.u);
    expect(ba.z).toBeCloseTo(-ab.z, 14);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
    expect(ab.z).toBeGreaterThan(0); // the candidate ranks higher
  });

  test.each([
    [5, 5, 1, 0],
    [8, 11, 2, 1],
    [30, 25, 1, 0],
    [40, 60, 0.1, 1],
    [200, 150, 0.5, 2],
    [3, 300, 1, 0],
  ])('agrees with the pair-counting reference on %i vs %i pseudo-random samples (rounded to %d, shift %d)', (n1, n2, step, delta) => {
    const rnd = lcg(n1 * 1000 + n2);
    const draw = (n: number, d: number): number[] => Array.from({ length: n }, () => Math.round((rnd() * 20 + d) / step) * step);
    const c = draw(n1, delta);
    const b = draw(n2, 0);
    const got = mannWhitneyU(c, b);
    const want = referenceTest(c, b);
    expect(got.u).toBe(want.u);
    expect(got.z).toBeCloseTo(want.z, 12);
    expect(relativeError(got.pValue, want.pValue)).toBeLessThan(1e-9);
  });

  test('refuses NaN, Inf and empty samples (callers drop them first)', () => {
    expect(() => mannWhitneyU([1, Number.NaN, 3], [1, 2, 3])).toThrow(/NaN or Inf/);
    expect(() => mannWhitneyU([1, 2, 3], [1, Infinity, 3])).toThrow(/NaN or Inf/);
    expect(() => mannWhitneyU([], [1, 2, 3])).toThrow(/at least one sample on each side, got 0 candidate and 3 baseline/);
  });
});

describe('Hodges-Lehmann shift', () => {
  test('hand-worked: candidate [3, 5, 9], baseline [1, 5]', () => {
    // differences 3-1=2, 3-5=-2, 5-1=4, 5-5=0, 9-1=8, 9-5=4 -> sorted -2 0 2 4 4 8 -> median (2 + 4) / 2 = 3
    expect(hodgesLehmannShift([3, 5, 9], [1, 5])).toBe(3);
    expect(median([9, 1, 5, 3])).toBe(4);
    expect(median([])).toBeNaN();
  });

  test.each([
    [7, 9, 1000],
    [120, 80, 0.001],
    [300, 400, 1e-9], // 120 000 pairs: narrowed by bisection before the last few are sorted
    [400, 400, 1], // integer data in 0..20: thousands of equal differences
    [1, 1, 1],
  ])('equals the median of every pairwise difference (%i vs %i, resolution %d)', (n1, n2, step) => {
    const rnd = lcg(n1 + 7 * n2);
    const draw = (n: number, d: number): number[] => Array.from({ length: n }, () => Math.round((rnd() * 20 + d) / step) * step);
    const c = draw(n1, 3);
    const b = draw(n2, 0);
    expect(hodgesLehmannShift(c, b)).toBe(shiftByAllPairs(c, b));
  });

  test('few distinct values: 400 x 400 samples of 0..4', () => {
    const rnd = lcg(42);
    const c = Array.from({ length: 400 }, () => Math.floor(rnd() * 5));
    const b = Array.from({ length: 400 }, () => Math.floor(rnd() * 4));
    expect(hodgesLehmannShift(c, b)).toBe(shiftByAllPairs(c, b));
  });
});

// ---- compareMetric ----------------------------------------------------------------------------

/** Baseline 100..119 (median 109.5); a candidate shifted by d has Hodges-Lehmann shift d. */
const baseline = Array.from({ length: 20 }, (_, i) => 100 + i);
const shifted = (d: number): number[] => baseline.map((v) => v + d);
const spec = (over: Partial<MetricComparisonSpec> = {}): MetricComparisonSpec => ({ metric: 'latency-p95', direction: 'increase', ...over });

describe('compareMetric: direction', () => {
  // +-30 on 100..119: the samples do not overlap, U = 400 or 0 of 400, z = +-5.396, p = 6.8e-8 (python3);
  // effect = 30 / 109.5 = 27.4%.
  test.each([
    ['increase', 30, 'fail', 'p=6.8e-8<0.05, +27.4% >= 0% (increase is bad)'],
    ['increase', -30, 'pass', 'p=6.8e-8<0.05, -27.4%: lower is fine (increase is bad)'],
    ['decrease', -30, 'fail', 'p=6.8e-8<0.05, -27.4% <= 0% (decrease is bad)'],
    ['decrease', 30, 'pass', 'p=6.8e-8<0.05, +27.4%: higher is fine (decrease is bad)'],
    ['either', 30, 'fail', 'p=6.8e-8<0.05, +27.4% >= 0% (any change is bad)'],
    ['either', -30, 'fail', 'p=6.8e-8<0.05, -27.4% <= 0% (any change is bad)'],
    // +1: U = 219.5 (19 ties), z = 0.514, p = 0.607 (python3)
    ['either', 1, 'pass', 'p=0.61>=0.05, +0.9%: no significant change (any change is bad)'],
    ['increase', 0, 'pass', 'p=1>=0.05, +0.0%: no significant change (increase is bad)'],
  ] as const)('%s is bad, candidate shifted by %d: %s', (direction, d, verdict, reason) => {
    const m = compareMetric(spec({ direction }), shifted(d), baseline);
    expect(m.verdict).toBe(verdict);
    expect(m.reason).toBe(reason);
  });

  test('the numbers in the result', () => {
    const m = compareMetric(spec(), shifted(30), baseline);
    expect(m).toMatchObject({
      metric: 'latency-p95',
      candidate: { n: 20, median: 139.5, mean: 139.5, dropped: 0 },
      baseline: { n: 20, median: 109.5, mean: 109.5, dropped: 0 },
      u: 400,
      shift: 30,
      direction: 'increase',
      effectSize: 0,
      weight: 1,
      critical: false,
    });
    expect(m.z).toBeCloseTo(5.396492763484582, 12);
    expect(m.pValue).toBeCloseTo(6.795615128173387e-8, 18);
    expect(m.effect).toBeCloseTo(30 / 109.5, 14);
    expect(m.alpha).toBeCloseTo(0.05, 14);
  });

  test('the effect is relative to the baseline median: an outlier moves the mean, not the effect', () => {
    const b = [...baseline.slice(0, 19), 5000]; // median still 109.5, mean (19 x 109 + 5000) / 20 = 353.55
    const m = compareMetric(spec(), b.map((v) => v + 30), b);
    expect(m.baseline).toEqual({ n: 20, median: 109.5, mean: 353.55, dropped: 0 });
    expect(m.shift).toBe(30);
    expect(m.effect).toBeCloseTo(30 / 109.5, 14);
  });

  test('a higher confidence needs a smaller p: p = 0.0019 fails at 0.99, passes at 0.999', () => {
    // 8 ones among 20 candidate values against 20 zeros: U = 280, z = 3.103, p = 0.001916 (python3)
    const c = [...Array(12).fill(0), ...Array(8).fill(1)];
    const b = Array(20).fill(0);
    expect(compareMetric(spec({ confidence: 0.99 }), c, b).verdict).toBe('fail');
    expect(compareMetric(spec({ confidence: 0.999 }), c, b).reason).toBe('p=0.0019>=0.001, +0.0%: no significant change (increase is bad)');
  });
});

describe('compareMetric: effect-size tolerance', () => {
  test.each([
    [0.27, 'fail', 'p=6.8e-8<0.05, +27.4% >= +27% (increase is bad)'],
    [0.28, 'pass', 'p=6.8e-8<0.05, +27.4% within the +28% tolerance (increase is bad)'],
  ])('+27.4%% with effectSize %d: %s', (effectSize, verdict, reason) => {
    const m = compareMetric(spec({ effectSize }), shifted(30), baseline);
    expect(m.verdict).toBe(verdict);
    expect(m.reason).toBe(reason);
  });

  test('a change of exactly the tolerance fails; the tolerance mirrors for decrease', () => {
    // baseline 95, 95.5, ..., 105 (median 100), candidate + 10: shift 10, effect exactly 0.1; p = 3.4e-8 (python3)
    const b = Array.from({ length: 21 }, (_, i) => 95 + 0.5 * i);
    const up = compareMetric(spec({ effectSize: 0.1 }), b.map((v) => v + 10), b);
    expect(up.effect).toBe(0.1);
    expect(up.verdict).toBe('fail');
    expect(up.reason).toBe('p=3.4e-8<0.05, +10.0% >= +10% (increase is bad)');
    const down = compareMetric(spec({ direction: 'decrease', effectSize: 0.105 }), b.map((v) => v - 10), b);
    expect(down.verdict).toBe('pass');
    expect(down.reason).toBe('p=3.4e-8<0.05, -10.0% within the -10.5% tolerance (decrease is bad)');
  });

  test('a significant change with a zero shift fails only at the default tolerance 0', () => {
    // 8 sixes among 20 candidate values against 20 fives: p = 0.0019, but 240 of the 400 differences are 0, so the shift is 0.
    const c = [...Array(12).fill(5), ...Array(8).fill(6)];
    const b = Array(20).fill(5);
    const strict = compareMetric(spec(), c, b);
    expect(strict).toMatchObject({ verdict: 'fail', shift: 0, effect: 0, u: 280 });
    expect(strict.reason).toBe('p=0.0019<0.05, +0.0% >= 0% (increase is bad)');
    expect(compareMetric(spec({ effectSize: 0.05 }), c, b).reason).toBe('p=0.0019<0.05, +0.0% within the +5% tolerance (increase is bad)');
    // The same ranks from a baseline median of 0 leave no level for a tolerance: they fail at any tolerance.
    const fromZero = compareMetric(spec({ effectSize: 0.05 }), c.map((v) => v - 5), b.map((v) => v - 5));
    expect(fromZero).toMatchObject({ verdict: 'fail', shift: 0, u: 280 });
    expect(fromZero.reason).toBe('p=0.0019<0.05, +0.0% (baseline median is 0): a significant rise from a baseline median of 0 fails whatever the +5% tolerance (increase is bad)');
  });

  test('a baseline median of 0 makes any shift beyond every tolerance', () => {
    // 20 zeros against 10 zeros and 1..10: U = 300, p = 0.0004 (python3); shift 0.5, effect infinite
    const c = [...Array(10).fill(0), ...Array.from({ length: 10 }, (_, i) => i + 1)];
    const m = compareMetric(spec({ effectSize: 5 }), c, Array(20).fill(0));
    expect(m).toMatchObject({ verdict: 'fail', shift: 0.5, effect: Infinity });
    expect(m.reason).toBe('p=0.0004<0.05, +inf% (baseline median is 0) >= +500% (increase is bad)');
  });

  // Error rate 0 at every baseline point, 0.2 at 13 of 30 candidate points: both medians are 0 and
  // so is the shift, yet U = 645 of 900, z = 4.03, p = 5.6e-5 (python3). The mirrors: a fall for
  // `decrease`, and a rise from a baseline of 0 and -0.2.
  const zeros = Array(30).fill(0);
  const some = Array.from({ length: 30 }, (_, i) => (i < 13 ? 0.2 : 0));
  test.each([
    ['a rise, increase is bad', 'increase', some, zeros, 'p=5.6e-5<0.05, +0.0% (baseline median is 0): a significant rise from a baseline median of 0 fails whatever the +10% tolerance (increase is bad)'],
    ['a fall, decrease is bad', 'decrease', zeros, some, 'p=5.6e-5<0.05, +0.0% (baseline median is 0): a significant fall from a baseline median of 0 fails whatever the -10% tolerance (decrease is bad)'],
    ['a rise from negative values, increase is bad', 'increase', zeros, some.map((v) => -v), 'p=5.6e-5<0.05, +0.0% (baseline median is 0): a significant rise from a baseline median of 0 fails whatever the +10% tolerance (increase is bad)'],
    ['a rise, any change is bad', 'either', some, zeros, 'p=5.6e-5<0.05, +0.0% (baseline median is 0): a significant rise from a baseline median of 0 fails whatever the +10% tolerance (any change is bad)'],
  ] as const)('a baseline median of 0 and a shift of 0: significance alone decides (%s)', (_name, direction, c, b, reason) => {
    const m = compareMetric(spec({ direction, effectSize: 0.1 }), c, b);
    expect(m).toMatchObject({ verdict: 'fail', shift: 0 });
    expect(m.pValue).toBeCloseTo(5.5934e-5, 8);
    expect(m.reason).toBe(reason);
  });

  test('a baseline median of 0 and a significant change the good way still passes', () => {
    const m = compareMetric(spec({ direction: 'decrease', effectSize: 0.1 }), some, zeros);
    expect(m.verdict).toBe('pass');
    expect(m.reason).toBe('p=5.6e-5<0.05, +0.0%: higher is fine (decrease is bad)');
  });

  test('the effect is relative to the size of a negative baseline, keeping the sign of the shift', () => {
    const b = Array.from({ length: 20 }, (_, i) => -119 + i); // median -109.5
    const m = compareMetric(spec({ direction: 'either' }), b.map((v) => v + 30), b);
    expect(m.effect).toBeCloseTo(30 / 109.5, 14);
    expect(m.reason).toBe('p=6.8e-8<0.05, +27.4% >= 0% (any change is bad)');
  });
});

describe('compareMetric: identical, all-equal and missing data', () => {
  test('identical samples pass with p = 1', () => {
    const m = compareMetric(spec({ direction: 'either' }), [...baseline].reverse(), baseline);
    expect(m).toMatchObject({ verdict: 'pass', u: 200, z: 0, pValue: 1, shift: 0, effect: 0 });
  });

  test('all-equal samples pass with p = 1', () => {
    const m = compareMetric(spec({ direction: 'either' }), [7, 7, 7, 7, 7, 7], [7, 7, 7, 7, 7]);
    expect(m).toMatchObject({ verdict: 'pass', z: 0, pValue: 1, effect: 0 });
    expect(m.reason).toBe('p=1>=0.05, +0.0%: no significant change (any change is bad)');
  });

  test.each([
    ['2 samples', [1, 2], baseline, 'nodata: 2 candidate and 20 baseline samples, at least 3 needed on each side'],
    ['no baseline', shifted(30), [], 'nodata: 20 candidate and 0 baseline samples, at least 3 needed on each side'],
  ])('fewer than 3 samples on a side is nodata: %s', (_name, c, b, reason) => {
    const m = compareMetric(spec(), c, b);
    expect(m.verdict).toBe('nodata');
    expect(m.reason).toBe(reason);
    expect([m.u, m.z, m.pValue, m.effect]).toEqual([NaN, NaN, NaN, NaN]);
  });

  test('too few samples to ever be significant are nodata, not a pass: 3 against 3 cannot go below p=0.081', () => {
    const m = compareMetric(spec(), [4, 5, 6], [1, 2, 3]);
    expect(m.verdict).toBe('nodata');
    expect(m.reason).toMatch(/^nodata: 3 candidate and 3 baseline samples cannot show a change at confidence 0\.95 \(smallest possible p=0\.08/);
  });

  test('four clearly higher samples against four are enough to fail an increase', () => {
    // Fully separated 4 vs 4: U = 16, z = (16 - 8 - 0.5) / sqrt(4*4*9/12) = 7.5 / 3.4641 = 2.165, p = 0.0304.
    expect(compareMetric(spec(), [5, 6, 7, 8], [1, 2, 3, 4])).toMatchObject({ verdict: 'fail', u: 16 });
  });
});

describe('compareMetric: NaN and Inf samples decide the verdict, never dropped', () => {
  const inf = Infinity;
  const nan = Number.NaN;
  /** `k` of the 20 baseline-like samples replaced by `value`: the finite rest is the baseline itself. */
  const with_ = (k: number, value: number): number[] => baseline.map((v, i) => (i < k ? value : v));
  test.each([
    // the candidate's worst reading fails the metric
    ['+Inf, increase is bad', 'increase', 'fail', with_(1, inf), baseline, '+Inf in the candidate is the worst reading (increase is bad); candidate 1 +Inf of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['-Inf, decrease is bad', 'decrease', 'fail', with_(3, -inf), baseline, '-Inf in the candidate is the worst reading (decrease is bad); candidate 3 -Inf of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['+Inf, any change is bad', 'either', 'fail', with_(1, inf), baseline, '+Inf in the candidate is the worst reading (any change is bad); candidate 1 +Inf of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['-Inf, any change is bad', 'either', 'fail', with_(1, -inf), baseline, '-Inf in the candidate is the worst reading (any change is bad); candidate 1 -Inf of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['+Inf and NaN, increase is bad', 'increase', 'fail', [nan, ...with_(2, inf)], baseline, '+Inf in the candidate is the worst reading (increase is bad); candidate 1 NaN, 2 +Inf of 21 samples, baseline no NaN/Inf of 20 samples'],
    ['+Inf on both sides, increase is bad', 'increase', 'fail', with_(2, inf), with_(5, inf), '+Inf in the candidate is the worst reading (increase is bad); candidate 2 +Inf of 20 samples, baseline 5 +Inf of 20 samples'],
    ['+Inf in 2 of 4 samples', 'increase', 'fail', [inf, inf, 1, 2], baseline, '+Inf in the candidate is the worst reading (increase is bad); candidate 2 +Inf of 4 samples, baseline no NaN/Inf of 20 samples'],
    // anything else non-finite leaves the metric without a comparison
    ['NaN in the candidate', 'increase', 'nodata', with_(16, nan), baseline, 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate 16 NaN of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['one NaN among lower candidate samples', 'increase', 'nodata', [nan, ...shifted(-30)], baseline, 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate 1 NaN of 21 samples, baseline no NaN/Inf of 20 samples'],
    ['-Inf in the candidate, increase is bad', 'increase', 'nodata', with_(1, -inf), baseline, 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate 1 -Inf of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['+Inf in the candidate, decrease is bad', 'decrease', 'nodata', with_(1, inf), baseline, 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate 1 +Inf of 20 samples, baseline no NaN/Inf of 20 samples'],
    ['NaN in the baseline', 'increase', 'nodata', baseline, with_(1, nan), 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate no NaN/Inf of 20 samples, baseline 1 NaN of 20 samples'],
    ['+Inf in the baseline', 'increase', 'nodata', shifted(30), with_(1, inf), 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate no NaN/Inf of 20 samples, baseline 1 +Inf of 20 samples'],
    ['-Inf in the baseline', 'either', 'nodata', baseline, [-inf, ...baseline], 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate no NaN/Inf of 20 samples, baseline 1 -Inf of 21 samples'],
    ['only NaN, too few', 'increase', 'nodata', [nan, nan, nan], [nan], 'nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate 3 NaN of 3 samples, baseline 1 NaN of 1 sample'],
  ] as const)('%s (%s is bad) → %s', (_name, direction, verdict, c, b, reason) => {
    const m = compareMetric(spec({ direction, effectSize: 0.1 }), c, b);
    expect(m.verdict).toBe(verdict);
    expect(m.reason).toBe(reason);
    expect([m.u, m.z, m.pValue, m.shift, m.effect]).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  test('the summaries describe the finite samples and count the others', () => {
    const m = compareMetric(spec(), [nan, ...shifted(30), -inf], [...baseline, inf]);
    expect(m.candidate).toEqual({ n: 20, median: 139.5, mean: 139.5, dropped: 2 });
    expect(m.baseline).toEqual({ n: 20, median: 109.5, mean: 109.5, dropped: 1 });
  });

  // The adversarial case: 24 of 30 candidate latency points +Inf, the 6 finite ones lower than the
  // baseline's. Judged on the finite points alone, the candidate is better (p < 0.05) and the
  // comparison passed with score 100. 80% NaN passed the same way.
  const base30 = Array.from({ length: 30 }, (_, i) => 0.1 + ((i * 7) % 10) * 0.001);
  test.each([
    ['+Inf', inf, 'fail', 'lat: +Inf in the candidate is the worst reading (increase is bad); candidate 24 +Inf of 30 samples, baseline no NaN/Inf of 30 samples'],
    ['NaN', nan, 'nodata', 'lat: nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; candidate 24 NaN of 30 samples, baseline no NaN/Inf of 30 samples'],
  ] as const)('24 of 30 candidate points %s: the comparison fails with score 0', (_name, value, verdict, reason) => {
    const candidate = Array.from({ length: 30 }, (_, i) => (i < 24 ? value : 0.05 + i * 0.0001));
    const specs = [spec({ metric: 'lat', effectSize: 0.1, critical: true })];
    const r = judge(specs, new Map([['lat', { candidate, baseline: base30 }]]));
    expect(r).toMatchObject({ verdict: 'fail', score: 0 });
    expect(`lat: ${r.metrics[0]!.reason}`).toBe(reason);
    expect(r.metrics[0]!.verdict).toBe(verdict);
    // without the critical flag the score alone fails it
    expect(judge([spec({ metric: 'lat', effectSize: 0.1 })], new Map([['lat', { candidate, baseline: base30 }]]))).toMatchObject({ verdict: 'fail', score: 0 });
  });
});

// ---- judge ------------------------------------------------------------------------------------

const good = { candidate: shifted(0), baseline };
const worse = { candidate: shifted(30), baseline };
function metrics(n: number, over: (i: number) => Partial<MetricComparisonSpec> = () => ({})): MetricComparisonSpec[] {
  return Array.from({ length: n }, (_, i) => spec({ metric: `m${i}`, ...over(i) }));
}

describe('judge: score and verdict', () => {
  test.each([
    ['every metric passes', [good, good, good], [1, 1, 2], 100, 'pass', 'pass: score 100 >= 95; 3 of 3 metrics pass'],
    ['the light metric fails', [worse, good, good], [1, 1, 2], 75, 'marginal', 'marginal: score 75 < 95 and >= 75; failed: m0'],
    ['the heavy metric fails', [good, good, worse], [1, 1, 2], 50, 'fail', 'fail: score 50 < 75; failed: m2'],
    ['two of three fail', [worse, good, worse], [1, 1, 1], 100 / 3, 'fail', 'fail: score 33.33 < 75; failed: m0, m2'],
    ['fractional weights', [good, good, worse], [0.1, 0.2, 0.3], 50, 'fail', 'fail: score 50 < 75; failed: m2'],
  ])('%s', (_name, pairs, weights, score, verdict, reason) => {
    const specs = metrics(pairs.length, (i) => ({ weight: weights[i]! }));
    const r = judge(specs, new Map(pairs.map((p, i) => [`m${i}`, p])));
    expect(r.score).toBeCloseTo(score, 8);
    expect(r.verdict).toBe(verdict);
    expect(r.reason).toBe(reason);
    expect(r.metrics.map((m) => m.metric)).toEqual(specs.map((s) => s.metric));
  });

  test.each([
    [undefined, 'pass'], // 19 of 20 = 95 >= 95 (inclusive)
    [{ pass: 96, marginal: 95 }, 'marginal'], // 95 >= 95 (inclusive)
    [{ pass: 96, marginal: 96 }, 'fail'],
    [{ pass: 0, marginal: 0 }, 'pass'],
    [{ pass: 95.0000001, marginal: 0 }, 'marginal'],
  ] as [ComparisonThresholds | undefined, string][])('19 of 20 equal metrics pass (score 95), thresholds %j: %s', (thresholds, verdict) => {
    const series = new Map(metrics(20).map((s, i) => [s.metric, i === 7 ? worse : good]));
    const r = judge(metrics(20), series, thresholds);
    expect(r.score).toBe(95);
    expect(r.verdict).toBe(verdict);
  });

  test('a failing critical metric fails the comparison whatever the score', () => {
    const specs = metrics(20, (i) => ({ critical: i === 3 }));
    const r = judge(specs, new Map(specs.map((s, i) => [s.metric, i === 3 ? worse : good])));
    expect(r.score).toBe(95);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toBe('fail: critical metric m3 did not pass (score 95); failed: m3 (critical)');
  });

  test('a passing critical metric changes nothing', () => {
    const specs = metrics(3, (i) => ({ critical: i === 0, weight: i === 0 ? 1 : 10 }));
    const r = judge(specs, new Map([['m0', good], ['m1', good], ['m2', good]]));
    expect(r.verdict).toBe('pass');
  });

  test('nodata fails closed: it counts as failed in the score, and a critical one fails the comparison', () => {
    const sparse = { candidate: [1, 2], baseline };
    const specs = metrics(4, (i) => ({ weight: i === 0 ? 3 : 1 }));
    const r = judge(specs, new Map([['m0', good], ['m1', sparse], ['m2', good]])); // m3 has no series at all
    expect(r.score).toBeCloseTo((100 * 4) / 6, 8); // m0 (3) and m2 (1) of 6
    expect(r.verdict).toBe('fail');
    expect(r.reason).toBe('fail: score 66.66 < 75; failed: m1 (nodata), m3 (nodata)');
    expect(r.metrics[3]!.reason).toBe('nodata: no candidate and baseline series for "m3"');
    const critical = judge(metrics(20, (i) => ({ critical: i === 0 })), new Map(metrics(20).map((s, i) => [s.metric, i === 0 ? sparse : good])));
    expect(critical.verdict).toBe('fail');
    expect(critical.reason).toBe('fail: critical metric m0 did not pass (score 95); failed: m0 (nodata) (critical)');
  });

  test('series that no spec names are ignored', () => {
    const r = judge(metrics(1), new Map([['m0', good], ['other', worse]]));
    expect(r.metrics.map((m) => m.metric)).toEqual(['m0']);
    expect(r.verdict).toBe('pass');
  });
});

describe('judge: bad specs and thresholds', () => {
  const two = (second: Record<string, unknown>): MetricComparisonSpec[] => [spec({ metric: 'a' }), { metric: 'b', direction: 'increase', ...second } as MetricComparisonSpec];
  test.each([
    [{ confidence: 1 }, 'metrics[1].confidence', 'expected a number between 0 and 1 (exclusive), such as 0.95, found "1"'],
    [{ confidence: 0 }, 'metrics[1].confidence', 'found "0"'],
    [{ confidence: 95 }, 'metrics[1].confidence', 'found "95"'],
    [{ confidence: Number.NaN }, 'metrics[1].confidence', 'found "NaN"'],
    [{ confidence: '0.95' }, 'metrics[1].confidence', 'found "0.95"'],
    [{ effectSize: -0.1 }, 'metrics[1].effectSize', 'expected a finite number >= 0, such as 0.1 for 10%, found "-0.1"'],
    [{ effectSize: Infinity }, 'metrics[1].effectSize', 'found "Infinity"'],
    [{ weight: 0 }, 'metrics[1].weight', 'expected a finite number > 0, found "0"'],
    [{ weight: -2 }, 'metrics[1].weight', 'found "-2"'],
    [{ direction: 'up' }, 'metrics[1].direction', 'expected one of increase, decrease, either, found "up"'],
    [{ direction: undefined }, 'metrics[1].direction', 'found "undefined"'],
    [{ critical: 'yes' }, 'metrics[1].critical', 'expected true or false, found "yes"'],
    [{ metric: '' }, 'metrics[1].metric', 'expected a metric name, found ""'],
    [{ metric: 'a' }, 'metrics[1].metric', '"a" is already compared by metrics[0]'],
  ])('%o', (second, field, message) => {
    const run = (): unknown => judge(two(second), new Map());
    expect(run).toThrow(ConfigurationError);
    try {
      run();
    } catch (e) {
      const problems = (e as ConfigurationError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]!.field).toBe(field);
      expect(problems[0]!.message).toContain(message);
    }
  });

  test.each([
    [{ pass: 101, marginal: 75 }, 'thresholds.pass', 'expected a score from 0 to 100, found "101"'],
    [{ pass: Number.NaN, marginal: 75 }, 'thresholds.pass', 'found "NaN"'],
    [{ pass: 95, marginal: -1 }, 'thresholds.marginal', 'found "-1"'],
    [{ pass: 90, marginal: 95 }, 'thresholds.marginal', 'expected at most the pass threshold 90, found "95"'],
  ])('thresholds %o', (thresholds, field, message) => {
    try {
      judge(metrics(1), new Map([['m0', good]]), thresholds);
      expect.unreachable('judge accepted bad thresholds');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      expect((e as ConfigurationError).problems).toEqual([{ field, message: expect.stringContaining(message) }]);
    }
  });

  test('no metrics is a configuration error; every problem is reported at once', () => {
    expect(() => judge([], new Map())).toThrow('metrics: expected at least one metric to compare, found none');
    try {
      judge([{ metric: 'x', direction: 'sideways' as never, weight: 0 }], new Map(), { pass: 50, marginal: 60 });
      expect.unreachable('judge accepted bad specs');
    } catch (e) {
      expect((e as ConfigurationError).problems.map((p) => p.field)).toEqual(['metrics[0].direction', 'metrics[0].weight', 'thresholds.marginal']);
    }
  });

  test('compareMetric checks its spec too, naming the field without a list index', () => {
    expect(() => compareMetric(spec({ confidence: 1.5 }), baseline, baseline)).toThrow('confidence: expected a number between 0 and 1 (exclusive), such as 0.95, found "1.5"');
  });
});
