import type { InsightDimension } from "./dimensions";
import { INSIGHT_METRIC_INFO, type InsightMetric } from "./metrics";
import type { BaselineCell } from "./types";

/**
 * The baseline: what a session's metric should be given only the designed, expected differences
 * (smart TVs start slower than phones, 4G stalls more than ethernet). It is a multiplicative
 * main-effects model over the baseline dimensions,
 *
 *   E[y] = mu x f_device[device] x f_network[network] (x minutes watched, for stall counts),
 *
 * the generator's own form (startup = base(device) x mult(network); stalls = Poisson with a rate
 * per minute by network). It is fitted by iterative proportional fitting on the cell sums, which is
 * the Poisson log-linear maximum-likelihood fit: each main effect's expected total equals its
 * observed total. Interactions are deliberately absent: a fault that lives in a combination is,
 * by construction, an excess over what the main effects explain.
 */

export const DEFAULT_BASELINE_DIMENSIONS: readonly InsightDimension[] = ["device_type", "network_type"];
/** Dimensions whose main effects may be declared expected (they must be baseline-cell columns). */
export const BASELINE_DIMENSION_CHOICES: readonly InsightDimension[] = [
  "device_type",
  "network_type",
  "country_code",
];

export type VarianceModel =
  /** Var(y) = dispersion x E[y] (quasi-Poisson), for counts per minute watched. */
  | { kind: "poisson"; dispersion: number }
  /** Var(y) = cv2 x E[y]^2, for per-session values. */
  | { kind: "cv"; cv2: number };

export type BaselineModel = {
  metric: InsightMetric;
  dimensions: readonly InsightDimension[];
  /** Overall level per unit exposure. */
  mu: number;
  /** Multiplicative factor per dimension value (values absent from the data have none). */
  factors: Record<string, Record<string, number>>;
  exposure: "session" | "minutes";
  variance: VarianceModel;
  /** Observed total over all cells (the denominator of impact shares). */
  total: number;
};

const MAX_ITERATIONS = 500;
const TOLERANCE = 1e-10;

function exposureOf(cell: BaselineCell, exposure: "session" | "minutes"): number {
  return exposure === "minutes" ? cell.minutes : cell.sessions;
}

/** Expected value per unit of exposure in a cell (mu x the cell's factors). */
export function expectedRate(model: BaselineModel, values: Record<string, string>): number {
  let rate = model.mu;
  for (const d of model.dimensions) rate *= model.factors[d]?.[values[d] ?? ""] ?? 1;
  return rate;
}

export function fitBaseline(
  cells: readonly BaselineCell[],
  dimensions: readonly InsightDimension[],
  metric: InsightMetric,
): BaselineModel {
  const { exposure } = INSIGHT_METRIC_INFO[metric];
  const x = cells.map((c) => exposureOf(c, exposure));
  const y = cells.map((c) => c.metrics[metric].sy);
  const totalX = x.reduce((a, b) => a + b, 0);
  const totalY = y.reduce((a, b) => a + b, 0);
  const mu = totalX > 0 ? totalY / totalX : 0;
  const factors: Record<string, Record<string, number>> = {};
  for (const d of dimensions) {
    factors[d] = {};
    for (const c of cells) factors[d][c.values[d]!] = 1;
  }
  // Half a unit of exposure's worth of pseudo-data keeps a value with no events (say, no start
  // failures on ethernet in a short range) from getting a factor of exactly zero.
  const pseudo = 0.5 * mu;
  const rate = (i: number) => {
    let r = mu;
    for (const d of dimensions) r *= factors[d]![cells[i]!.values[d]!]!;
    return r;
  };
  for (let iter = 0; iter < MAX_ITERATIONS && mu > 0; iter++) {
    let maxChange = 0;
    for (const d of dimensions) {
      const observed = new Map<string, number>();
      const expected = new Map<string, number>();
      cells.forEach((c, i) => {
        const v = c.values[d]!;
        observed.set(v, (observed.get(v) ?? 0) + y[i]!);
        expected.set(v, (expected.get(v) ?? 0) + rate(i) * x[i]!);
      });
      for (const [v, o] of observed) {
        const e = expected.get(v) ?? 0;
        const ratio = (o + pseudo) / (e + pseudo);
        factors[d]![v]! *= ratio;
        maxChange = Math.max(maxChange, Math.abs(ratio - 1));
      }
    }
    if (maxChange < TOLERANCE) break;
  }

  // Residual variance pooled over cells: sum (y - k x)^2 = syy - 2 k sxy + k^2 sum(x^2).
  const kind = INSIGHT_METRIC_INFO[metric].variance;
  let rss = 0;
  let scale = 0;
  cells.forEach((c, i) => {
    const k = rate(i);
    const m = c.metrics[metric];
    const sumX2 = exposure === "minutes" ? c.minutesSq : c.sessions;
    const sumXY = exposure === "minutes" ? m.sxy : m.sy;
    rss += Math.max(m.syy - 2 * k * sumXY + k * k * sumX2, 0);
    const e = k * x[i]!;
    scale += kind === "poisson" ? e : c.sessions > 0 ? (e * e) / c.sessions : 0;
  });
  const ratio = scale > 0 ? rss / scale : 0;
  const variance: VarianceModel =
    kind === "poisson" ? { kind: "poisson", dispersion: ratio } : { kind: "cv", cv2: ratio };
  return { metric, dimensions, mu, factors, exposure, variance, total: totalY };
}

/** The model's variance of a segment's observed total, given its expected total and size. */
export function modelVariance(model: BaselineModel, expectedSum: number, sessions: number): number {
  if (sessions <= 0) return 0;
  return model.variance.kind === "poisson"
    ? model.variance.dispersion * expectedSum
    : (model.variance.cv2 * expectedSum * expectedSum) / sessions;
}
