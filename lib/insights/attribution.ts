import { type BaselineModel, modelVariance } from "./baseline";
import { INSIGHT_METRIC_INFO, type InsightMetric } from "./metrics";
import type { SegmentIndex } from "./overlap";
import { devianceZ, type ExcessTest, excessVariance, normalIsf, normalSf } from "./statistics";
import type { SegmentStats } from "./types";

/**
 * Attribution: which segments explain the excess, each at the granularity where it lives.
 *
 * Every parent of a faulty segment, and every segment that overlaps it, inherits part of its
 * excess: "BR" and "smart_tv in BR" both look slow when only "vodafone in BR" is broken. The
 * rule is greedy explain-away ordered by significance, then backfitting:
 *
 * 1. Among segments that pass the tests (support, corrected p-value, minimum effect), pick the one
 *    with the largest z. Where the excess truly lives, z is largest: a parent carries the same
 *    excess over more sessions (more noise, smaller z) and a needless child split carries only
 *    part of it (smaller z). The order uses z under the model's variance, comparable between a
 *    parent and its children; a segment's own sample variance (noisy in small segments: ten
 *    sessions can look uniform by chance) only decides whether it passes.
 * 2. Treat its excess as explained: add it to the expected value of every overlapping segment in
 *    proportion to their shared expected mass (SegmentIndex.overlapMass). Parents lose the
 *    child's excess, children of a broad finding lose their share of it, siblings lose the part
 *    they contain.
 * 3. Repeat until nothing passes; then re-estimate each finding given all the others (a parent
 *    picked before its child keeps only what the child does not explain) and drop findings that
 *    no longer pass.
 *
 * How a finding's excess spreads over the sessions it holds is fitted, not assumed: over its splits
 * by the baseline dimensions (a one-dimension finding's device-type and network children), the
 * children's excess is regressed on their sessions and on their expected values (non-negative
 * least squares): "+1500 ms per session" spreads by sessions, "x2" by expected value, and a low-
 * baseline child (ethernet) keeps no residue of an additive fault. Findings without such splits
 * spread multiplicatively.
 *
 * A needless split is refused explicitly: before a two-dimension segment is picked, each of its
 * one-dimension parents that passes on its own is compared with it. If the child's excess is not
 * significantly more than its share of the parent's excess (the share the parent's fitted spread
 * gives it), against the rest of the parent, the parent is picked instead: the effect is the
 * parent's, the child only one side of it ("significantly": the same corrected bar as a finding). An additive fault ("+300 ms for one ISP") otherwise
 * looks as strong in its low-baseline child (the ISP on ethernet) as in the ISP itself, while a
 * fault that lives in the child (content_42 on smart TVs) stands far above its share.
 *
 * When an overlap is estimated rather than counted (three or four conditions), the estimate's own
 * error is added to the segment's variance: the per-session excess of the explaining finding,
 * squared, times the binomial variance k (1 - k / n) of the k shared sessions. Small segments at
 * the crossing of two real faults then cannot pose as a third.
 */

export type MetricInput = {
  metric: InsightMetric;
  model: BaselineModel;
  index: SegmentIndex;
  /** Segments allowed to become findings (enough sessions, not redundant). */
  eligible: Uint8Array;
  /** Per-test p-value cutoff after the multiple-testing correction. */
  pCutoff: number;
  maxFindings: number;
  /** The baseline's expected total over all sessions (the mass of the empty segment). */
  totalExpected: number;
  /** Per segment: sum of squared expected values (heterogeneity.ts). */
  expectedSq?: Float64Array;
  /** Per segment: the baseline's expected total, when not the one aggregated by the query. */
  base?: Float64Array;
  /** The metric's per-segment sums as arrays (built once per metric; see metricArrays). */
  arrays?: MetricArrays;
};

/** A metric's per-segment sums as typed arrays, for the hot loops. */
export type MetricArrays = {
  observed: Float64Array;
  /** Expected totals of the query's baseline (the one the squared residuals were taken against). */
  aggregatedBase: Float64Array;
  sr2: Float64Array;
  sessions: Float64Array;
};

export function metricArrays(stats: readonly SegmentStats[], metric: InsightMetric): MetricArrays {
  const n = stats.length;
  const out: MetricArrays = {
    observed: new Float64Array(n),
    aggregatedBase: new Float64Array(n),
    sr2: new Float64Array(n),
    sessions: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const s = stats[i]!;
    const m = s.metrics[metric];
    out.observed[i] = m.sy;
    out.aggregatedBase[i] = m.se;
    out.sr2[i] = m.sr2;
    out.sessions[i] = s.sessions;
  }
  return out;
}

export type Attribution = {
  index: number;
  stats: SegmentStats;
  observed: number;
  /** Expected total after the main effects and the other findings' excess. */
  expected: number;
  test: ExcessTest;
  /** How its excess spreads over its sessions (per session and per unit of expected mass). */
  spread: Spread;
};

type Explained = { expected: number; extraVariance: number };

/** A finding's excess spreads as perSession x sessions + perMass x expected mass (sums to 1 over it). */
export type Spread = { perSession: number; perMass: number };

/**
 * Non-negative weighted least squares of y on (x1, x2) without intercept: the coefficients, or
 * null when the design is degenerate.
 */
export function fitTwo(
  y: readonly number[],
  x1: readonly number[],
  x2: readonly number[],
  w: readonly number[],
): [number, number] | null {
  let s11 = 0;
  let s22 = 0;
  let s12 = 0;
  let s1y = 0;
  let s2y = 0;
  for (let k = 0; k < y.length; k++) {
    s11 += w[k]! * x1[k]! * x1[k]!;
    s22 += w[k]! * x2[k]! * x2[k]!;
    s12 += w[k]! * x1[k]! * x2[k]!;
    s1y += w[k]! * x1[k]! * y[k]!;
    s2y += w[k]! * x2[k]! * y[k]!;
  }
  const det = s11 * s22 - s12 * s12;
  if (!(s11 > 0) || !(s22 > 0)) return null;
  if (Math.abs(det) > 1e-12 * s11 * s22) {
    const a = (s1y * s22 - s2y * s12) / det;
    const b = (s2y * s11 - s1y * s12) / det;
    if (a >= 0 && b >= 0) return [a, b];
  }
  // On the boundary: the better of the two one-variable fits.
  const aOnly = Math.max(s1y / s11, 0);
  const bOnly = Math.max(s2y / s22, 0);
  const rssA = -2 * aOnly * s1y + aOnly * aOnly * s11;
  const rssB = -2 * bOnly * s2y + bOnly * bOnly * s22;
  return rssA < rssB ? [aOnly, 0] : [0, bOnly];
}

export function attribute(input: MetricInput): Attribution[] {
  const { metric, model, index, eligible, pCutoff } = input;
  const info = INSIGHT_METRIC_INFO[metric];
  const stats = index.stats;
  const worse = info.worse;
  const count = stats.length;
  const totalBase = input.totalExpected;
  const arrays = input.arrays ?? metricArrays(stats, metric);
  const { observed, sessions, sr2 } = arrays;
  const base = input.base ?? arrays.aggregatedBase;
  const modelVar = new Float64Array(count);
  for (let i = 0; i < count; i++) modelVar[i] = modelVariance(model, base[i]!, sessions[i]!);
  // Var(observed - expected) for the current expected value (statistics.ts excessVariance); the
  // squared residuals were aggregated against the query's baseline.
  const residual = new Float64Array(count);
  const perUnit = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const e0 = arrays.aggregatedBase[i]!;
    residual[i] = observed[i]! - e0;
    const esq = input.expectedSq?.[i];
    perUnit[i] = Math.max(esq !== undefined && e0 > 0 ? esq / (e0 * e0) : 0, 1 / Math.max(sessions[i]!, 1));
  }
  const varianceAt = (i: number, e: number) =>
    excessVariance(sessions[i]!, sr2[i]!, residual[i]!, observed[i]! - e, perUnit[i]!, modelVar[i]!);
  const zCut = normalIsf(pCutoff);
  // Skewed (count-like) metrics are also held to the deviance: the smaller z counts.
  const dispersion = model.variance.kind === "poisson" && worse === 1 ? model.variance.dispersion : 0;
  const zOf = (i: number, e: number, v: number) => {
    const z = (worse * (observed[i]! - e)) / Math.sqrt(v);
    return dispersion > 0 ? Math.min(z, devianceZ(observed[i]!, e, dispersion)) : z;
  };
  /** z of segment i (expected e, extra variance from estimated overlaps), or -Infinity when it fails. */
  const score = (i: number, e: number, extraVariance: number) => {
    const excess = worse * (observed[i]! - e);
    if (!(excess > 0) || !(e > 0)) return Number.NEGATIVE_INFINITY;
    if (excess / e < info.minRelativeEffect || excess / sessions[i]! < info.minAbsoluteEffect)
      return Number.NEGATIVE_INFINITY;
    const z = zOf(i, e, varianceAt(i, e) + extraVariance);
    return z >= zCut ? z : Number.NEGATIVE_INFINITY;
  };

  // Ordering statistic: excess over the model's standard deviation. The error of estimated overlaps
  // only decides pass/fail: it falls on some segments and not on their parents (whose overlap is
  // counted exactly) and would tilt the choice of granularity.
  const orderZ = (i: number, e: number) =>
    (worse * (observed[i]! - e)) / Math.sqrt(Math.max(modelVar[i]!, Number.MIN_VALUE));

  const spreads = new Map<number, Spread>();
  const multiplicative = (j: number): Spread => ({ perSession: 0, perMass: 1 / base[j]! });
  /**
   * How segment j's excess spreads, fitted on its children along the baseline dimensions against
   * the current expected values (net of findings already explained).
   */
  const fitSpread = (j: number, current: Float64Array): Spread => {
    const y: number[] = [];
    const x1: number[] = [];
    const x2: number[] = [];
    const w: number[] = [];
    for (const d of model.dimensions) {
      for (const c of index.extensions(j, d)) {
        if (!(sessions[c]! > 0) || !(base[c]! > 0)) continue;
        y.push(observed[c]! - current[c]!);
        x1.push(sessions[c]!);
        x2.push(base[c]!);
        w.push(1 / Math.max(modelVar[c]!, Number.MIN_VALUE));
      }
    }
    const fit = y.length >= 2 ? fitTwo(y, x1, x2, w) : null;
    const total = fit ? fit[0] * sessions[j]! + fit[1] * base[j]! : 0;
    return fit && total > 0 ? { perSession: fit[0] / total, perMass: fit[1] / total } : multiplicative(j);
  };
  /** The spread a finding was picked with. */
  const spreadOf = (j: number): Spread => spreads.get(j) ?? multiplicative(j);

  /** Moves `excess` of finding j (spread over its sessions and expected mass) onto segment i. */
  const explain = (j: number, excess: number, i: number, into: Explained) => {
    const shared = index.overlapMass(j, i, base, totalBase);
    if (shared <= 0) return;
    const exact = index.lastExact;
    const spread = spreadOf(j);
    let moved = spread.perMass * shared;
    if (spread.perSession > 0)
      moved += spread.perSession * index.overlapMass(j, i, sessions, index.totalSessions);
    into.expected += excess * moved;
    if (!exact) {
      const perSession = excess / sessions[j]!;
      const k = (shared / base[i]!) * sessions[i]!;
      into.extraVariance += perSession * perSession * k * Math.max(1 - k / sessions[i]!, 0);
    }
  };

  /** A passing one-dimension parent whose general effect accounts for `child`, or the child. */
  const parentThatExplains = (
    child: number,
    isChosen: Uint8Array,
    expected: Float64Array,
    extra: Float64Array,
  ) => {
    for (const p of index.parents(child)) {
      if (!eligible[p] || isChosen[p]) continue;
      if (score(p, expected[p]!, extra[p]!) === Number.NEGATIVE_INFINITY) continue;
      const spread = fitSpread(p, expected);
      const share = spread.perSession * sessions[child]! + spread.perMass * base[child]!;
      if (!(share > 0 && share < 1)) continue;
      const parentExcess = observed[p]! - expected[p]!;
      const childExcess = observed[child]! - expected[child]!;
      const rest = modelVariance(model, base[p]! - base[child]!, sessions[p]! - sessions[child]!);
      const v = modelVar[child]! * (1 - share) * (1 - share) + rest * share * share;
      const z = (worse * (childExcess - share * parentExcess)) / Math.sqrt(Math.max(v, Number.MIN_VALUE));
      // The split is a claim of a separate fault: it must clear the same corrected bar.
      if (z < zCut) return p;
    }
    return child;
  };

  // Greedy explain-away.
  const expected = Float64Array.from(base);
  const extra = new Float64Array(count);
  const chosen: number[] = [];
  const isChosen = new Uint8Array(count);
  const scratch: Explained = { expected: 0, extraVariance: 0 };
  while (chosen.length < input.maxFindings) {
    let best = -1;
    let bestZ = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      if (!eligible[i] || isChosen[i]) continue;
      if (score(i, expected[i]!, extra[i]!) === Number.NEGATIVE_INFINITY) continue;
      const z = orderZ(i, expected[i]!);
      if (z > bestZ) {
        best = i;
        bestZ = z;
      }
    }
    if (best < 0) break;
    best = parentThatExplains(best, isChosen, expected, extra);
    spreads.set(best, fitSpread(best, expected));
    chosen.push(best);
    isChosen[best] = 1;
    const excess = observed[best]! - expected[best]!;
    for (let i = 0; i < count; i++) {
      if (!eligible[i] || i === best) continue;
      scratch.expected = expected[i]!;
      scratch.extraVariance = extra[i]!;
      explain(best, excess, i, scratch);
      expected[i] = scratch.expected;
      extra[i] = scratch.extraVariance;
    }
    expected[best] = observed[best]!;
  }

  // Backfitting: each finding's excess given all the other findings (Gauss-Seidel).
  let kept = [...chosen];
  const excessOf = new Map<number, number>();
  const given = (i: number, others: readonly number[]): Explained => {
    const out: Explained = { expected: base[i]!, extraVariance: 0 };
    for (const j of others) if (j !== i) explain(j, excessOf.get(j)!, i, out);
    return out;
  };
  kept.forEach((i, k) => {
    excessOf.set(i, observed[i]! - given(i, kept.slice(0, k)).expected);
  });
  for (let round = 0; round < 50; round++) {
    let change = 0;
    for (const i of kept) {
      const next = observed[i]! - given(i, kept).expected;
      change = Math.max(change, Math.abs(next - excessOf.get(i)!) / Math.max(Math.abs(base[i]!), 1e-9));
      excessOf.set(i, next);
    }
    const failing = kept.filter((i) => {
      const g = given(i, kept);
      return score(i, g.expected, g.extraVariance) === Number.NEGATIVE_INFINITY;
    });
    if (failing.length > 0) {
      // Drop the failing finding with the least excess relative to its size; others may recover.
      const weakest = failing.reduce((a, b) =>
        (worse * excessOf.get(a)!) / base[a]! <= (worse * excessOf.get(b)!) / base[b]! ? a : b,
      );
      kept = kept.filter((i) => i !== weakest);
      excessOf.delete(weakest);
      continue;
    }
    if (change < 1e-9) break;
  }

  return kept.map((i) => {
    const g = given(i, kept);
    const v = varianceAt(i, g.expected) + g.extraVariance;
    const z = zOf(i, g.expected, v);
    return {
      index: i,
      stats: stats[i]!,
      observed: observed[i]!,
      expected: g.expected,
      test: { excess: worse * (observed[i]! - g.expected), variance: v, z, p: normalSf(z) },
      spread: spreadOf(i),
    };
  });
}
