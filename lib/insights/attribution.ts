import { type BaselineModel, modelVariance } from "./baseline";
import { INSIGHT_METRIC_INFO, type InsightMetric } from "./metrics";
import type { SegmentIndex } from "./overlap";
import { devianceZ, type ExcessTest, normalIsf, normalSf, testExcess } from "./statistics";
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
};

export type Attribution = {
  index: number;
  stats: SegmentStats;
  observed: number;
  /** Expected total after the main effects and the other findings' excess. */
  expected: number;
  test: ExcessTest;
};

type Explained = { expected: number; extraVariance: number };

export function attribute(input: MetricInput): Attribution[] {
  const { metric, model, index, eligible, pCutoff } = input;
  const info = INSIGHT_METRIC_INFO[metric];
  const stats = index.stats;
  const worse = info.worse;
  const count = stats.length;
  const totalBase = input.totalExpected;
  const observed = Float64Array.from(stats, (s) => s.metrics[metric].sy);
  const base = input.base ?? Float64Array.from(stats, (s) => s.metrics[metric].se);
  const aggregatedBase = Float64Array.from(stats, (s) => s.metrics[metric].se);
  const sessions = Float64Array.from(stats, (s) => s.sessions);
  const modelVar = Float64Array.from(stats, (s, i) => modelVariance(model, base[i]!, s.sessions));
  /** Var(observed - expected) given the expected value so far (statistics.ts testExcess). */
  const varianceAt = (i: number, e: number) =>
    testExcess({
      sessions: sessions[i]!,
      observed: observed[i]!,
      expected: e,
      residualSq: stats[i]!.metrics[metric].sr2,
      // The squared residuals were aggregated against the query's baseline.
      residualSum: observed[i]! - aggregatedBase[i]!,
      modelVariance: modelVar[i]!,
      worse,
      expectedSq: input.expectedSq?.[i],
    }).variance;
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

  // Ordering statistic: excess over the model's standard deviation (plus estimated-overlap error).
  const orderZ = (i: number, e: number, extraVariance: number) =>
    (worse * (observed[i]! - e)) / Math.sqrt(Math.max(modelVar[i]! + extraVariance, Number.MIN_VALUE));

  /** Moves `excess` of finding j (spread over its expected mass) onto segment i. */
  const explain = (j: number, excess: number, i: number, into: Explained) => {
    const shared = index.overlapMass(j, i, base, totalBase);
    if (shared <= 0) return;
    into.expected += (excess / base[j]!) * shared;
    if (!index.lastExact) {
      const perSession = excess / sessions[j]!;
      const k = (shared / base[i]!) * sessions[i]!;
      into.extraVariance += perSession * perSession * k * Math.max(1 - k / sessions[i]!, 0);
    }
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
      const z = orderZ(i, expected[i]!, extra[i]!);
      if (z > bestZ) {
        best = i;
        bestZ = z;
      }
    }
    if (best < 0) break;
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
    };
  });
}
