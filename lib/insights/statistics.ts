/**
 * The statistics of a segment's excess over its expected value: a one-sided z-test whose variance
 * is the larger of the segment's own residual variance and the baseline model's variance (so a
 * small segment that happens to look uniform cannot claim certainty), plus multiple-testing
 * corrections. Pure functions, unit-tested on synthetic inputs.
 */

/**
 * Complementary error function (Numerical Recipes' erfcc, Chebyshev fit): fractional error below
 * 1.2e-7 for every x, so tail probabilities stay accurate down to about 1e-300.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

export type ExcessInput = {
  sessions: number;
  observed: number;
  expected: number;
  /** Sum of squared residuals against the baseline (before any adjustment). */
  residualSq: number;
  /** Observed minus baseline expected (the residual sum the squares belong to). */
  residualSum: number;
  /** The baseline model's variance of observed - expected for this segment. */
  modelVariance: number;
  /**
   * Sum of squared expected values (e_i^2) over the segment's sessions, when known: then the
   * spread is measured around the multiplicative fit (O/E) x e_i rather than around the mean
   * residual, so a fault that scales every session's value is not mistaken for noise.
   */
  expectedSq?: number;
  /** +1 when higher is worse, -1 when lower is worse. */
  worse: 1 | -1;
};

export type ExcessTest = {
  /** Excess in the worse direction (positive = worse than expected), summed over sessions. */
  excess: number;
  variance: number;
  z: number;
  p: number;
};

/**
 * Var(observed - expected) is estimated twice: from the segment's own residuals (unbiased sample
 * variance x n) and from the model; the larger wins (conservative for small or lumpy segments, and
 * a single outlier session cannot make a segment significant).
 *
 * The residuals' spread is taken around what explains them. The part of the excess that is the
 * segment's own (observed - expected) is fitted as a multiplicative effect, (O/E) x e_i, so a
 * fault that scales every session's value is not mistaken for noise; with sum y e ~ rho sum e^2
 * that removes own^2 x sum e^2 / E^2. The part explained by other findings (expected - baseline)
 * sits on the sessions those findings hold, so only its mean is removed (explained^2 / n): how
 * unevenly it falls on this segment stays in the variance. With every e_i equal and nothing
 * explained this is the ordinary sum r^2 - (sum r)^2 / n.
 */
export function residualSpread(input: ExcessInput): number {
  const { sessions: n, residualSum: r } = input;
  return spreadOf(n, input.residualSq, r, input.observed - input.expected, perUnitOf(input));
}

/** max(sum e^2 / E^2, 1 / n): how a multiplicative own excess spreads over the sessions. */
function perUnitOf(input: ExcessInput): number {
  const base = input.observed - input.residualSum;
  const n = Math.max(input.sessions, 1);
  return Math.max(input.expectedSq !== undefined && base > 0 ? input.expectedSq / (base * base) : 0, 1 / n);
}

function spreadOf(n: number, residualSq: number, residualSum: number, own: number, perUnit: number): number {
  const explained = residualSum - own;
  return Math.max(residualSq - (explained * explained) / n - own * own * perUnit, 0);
}

/**
 * Var(observed - expected) from plain numbers (the hot-loop form of testExcess): `own` is
 * observed - expected, `perUnit` max(sum e^2 / E^2, 1 / n).
 */
export function excessVariance(
  n: number,
  residualSq: number,
  residualSum: number,
  own: number,
  perUnit: number,
  modelVariance: number,
): number {
  const sample = n > 1 ? (spreadOf(n, residualSq, residualSum, own, perUnit) * n) / (n - 1) : 0;
  return Math.max(sample, modelVariance, Number.MIN_VALUE);
}

export function testExcess(input: ExcessInput): ExcessTest {
  const excess = input.worse * (input.observed - input.expected);
  const variance = excessVariance(
    input.sessions,
    input.residualSq,
    input.residualSum,
    input.observed - input.expected,
    perUnitOf(input),
    input.modelVariance,
  );
  const z = excess / Math.sqrt(variance);
  return { excess, variance, z, p: normalSf(z) };
}

/** Bonferroni: p x tests, capped at 1. */
export function bonferroni(p: number, tests: number): number {
  return Math.min(1, p * Math.max(tests, 1));
}

/** Benjamini-Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    adjusted[i] = running;
  }
  return adjusted;
}

/** The z with P(Z > z) = p (bisection; p in (0, 0.5]). */
export function normalIsf(p: number): number {
  if (!(p > 0)) return Number.POSITIVE_INFINITY;
  if (p >= 0.5) return 0;
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalSf(mid) > p) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Stand-in for sum (y - e)^2 of 0/1 values whose segment total is `observed` over `sessions`:
 * chosen so that testExcess's sample variance equals the binomial n p (1 - p) at the observed rate
 * p, the variance a 0/1 segment actually shows.
 */
export function binaryResidualSq(observed: number, expected: number, sessions: number): number {
  if (sessions <= 1) return 0;
  const p = observed / sessions;
  const residual = observed - expected;
  return sessions * p * (1 - p) * ((sessions - 1) / sessions) + (residual * residual) / sessions;
}

/**
 * Signed root of the quasi-Poisson deviance of observing `observed` where `expected` was due:
 * sign(O - E) x sqrt(2 (O ln(O/E) - (O - E)) / dispersion). Unlike (O - E) / sqrt(V) it respects
 * the right skew of counts, so a small segment with a few expected stalls needs many more of them
 * to look significant (Poisson, E = 6: 19 stalls give z 5.3 by the normal rule, 4.2 here, close
 * to the exact tail).
 */
export function devianceZ(observed: number, expected: number, dispersion: number): number {
  if (!(expected > 0) || !(dispersion > 0)) return Number.POSITIVE_INFINITY;
  const o = Math.max(observed, 0);
  const term = o > 0 ? o * Math.log(o / expected) - (o - expected) : expected;
  const z = Math.sqrt(Math.max((2 * term) / dispersion, 0));
  return o >= expected ? z : -z;
}
