import { type BaselineModel, modelVariance } from "./baseline";
import { INSIGHT_METRIC_INFO, type InsightMetric } from "./metrics";
import type { SegmentIndex } from "./overlap";
import { type ExcessTest, normalIsf, normalSf, testExcess } from "./statistics";
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
 *    part of it (smaller z).
 * 2. Treat its excess as explained: add it to the expected value of every overlapping segment in
 *    proportion to their shared expected mass (SegmentIndex.overlapMass). Parents lose the
 *    child's excess, children of a broad finding lose their share of it, siblings lose the part
 *    they contain.
 * 3. Repeat until nothing passes; then re-estimate each finding given all the others (a parent
 *    picked before its child keeps only what the child does not explain) and drop findings that
 *    no longer pass.
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
};

export type Attribution = {
  index: number;
  stats: SegmentStats;
  observed: number;
  /** Expected total after the main effects and the other findings' excess. */
  expected: number;
  test: ExcessTest;
};

export function attribute(input: MetricInput): Attribution[] {
  const { metric, model, index, eligible, pCutoff } = input;
  const info = INSIGHT_METRIC_INFO[metric];
  const stats = index.stats;
  const worse = info.worse;
  const count = stats.length;
  const observed = Float64Array.from(stats, (s) => s.metrics[metric].sy);
  const base = Float64Array.from(stats, (s) => s.metrics[metric].se);
  const sessions = Float64Array.from(stats, (s) => s.sessions);
  // Var(observed - expected) does not depend on the adjustments: computed once per segment.
  const sd = Float64Array.from(stats, (s, i) =>
    Math.sqrt(
      testExcess({
        sessions: s.sessions,
        observed: observed[i]!,
        expected: base[i]!,
        residualSq: s.metrics[metric].sr2,
        residualSum: observed[i]! - base[i]!,
        modelVariance: modelVariance(model, base[i]!, s.sessions),
        worse,
      }).variance,
    ),
  );
  const zCut = normalIsf(pCutoff);
  const expected = Float64Array.from(base);
  const totalBase = input.totalExpected;

  /** z of segment i against expected e, or -Infinity when it fails the support/effect floors. */
  const score = (i: number, e: number) => {
    const excess = worse * (observed[i]! - e);
    if (!(excess > 0) || !(e > 0)) return Number.NEGATIVE_INFINITY;
    if (excess / e < info.minRelativeEffect || excess / sessions[i]! < info.minAbsoluteEffect)
      return Number.NEGATIVE_INFINITY;
    const z = excess / sd[i]!;
    return z >= zCut ? z : Number.NEGATIVE_INFINITY;
  };

  const chosen: number[] = [];
  const isChosen = new Uint8Array(count);
  while (chosen.length < input.maxFindings) {
    let best = -1;
    let bestZ = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      if (!eligible[i] || isChosen[i]) continue;
      const z = score(i, expected[i]!);
      if (z > bestZ) {
        best = i;
        bestZ = z;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    isChosen[best] = 1;
    const share = (observed[best]! - expected[best]!) / base[best]!;
    for (let i = 0; i < count; i++) {
      if (!eligible[i] || i === best) continue;
      const shared = index.overlapMass(best, i, base, totalBase);
      if (shared > 0) expected[i]! += share * shared;
    }
    expected[best] = observed[best]!;
  }

  const kept = backfit(chosen, index, observed, base, totalBase, score, worse);
  return kept.map(({ index: i, expected: e }) => {
    const excess = worse * (observed[i]! - e);
    const z = excess / sd[i]!;
    return {
      index: i,
      stats: stats[i]!,
      observed: observed[i]!,
      expected: e,
      test: { excess, variance: sd[i]! * sd[i]!, z, p: normalSf(z) },
    };
  });
}

/**
 * Gauss-Seidel re-estimation of each finding's excess given all the others (the greedy order only
 * let earlier picks explain later ones); drops the weakest finding that no longer passes, repeats.
 */
function backfit(
  chosen: number[],
  index: SegmentIndex,
  observed: Float64Array,
  base: Float64Array,
  totalBase: number,
  score: (i: number, e: number) => number,
  worse: 1 | -1,
): { index: number; expected: number }[] {
  let kept = [...chosen];
  const excess = new Map<number, number>();
  const expectedOf = (i: number, among: number[]) => {
    let e = base[i]!;
    for (const j of among) {
      if (j !== i) e += (excess.get(j)! / base[j]!) * index.overlapMass(j, i, base, totalBase);
    }
    return e;
  };
  // Start from the greedy's estimates: each finding net of those picked before it.
  kept.forEach((i, k) => {
    excess.set(i, observed[i]! - expectedOf(i, kept.slice(0, k)));
  });
  for (let round = 0; round < 50; round++) {
    let change = 0;
    for (const i of kept) {
      const next = observed[i]! - expectedOf(i, kept);
      change = Math.max(change, Math.abs(next - excess.get(i)!) / Math.max(Math.abs(base[i]!), 1e-9));
      excess.set(i, next);
    }
    const scores = kept.map((i) => score(i, expectedOf(i, kept)));
    const failing = kept.filter((_, k) => scores[k] === Number.NEGATIVE_INFINITY);
    if (failing.length > 0) {
      // Drop the failing finding with the least excess relative to its size; others may recover.
      const weakest = failing.reduce((a, b) =>
        (worse * excess.get(a)!) / base[a]! <= (worse * excess.get(b)!) / base[b]! ? a : b,
      );
      kept = kept.filter((i) => i !== weakest);
      excess.delete(weakest);
      continue;
    }
    if (change < 1e-9) break;
  }
  return kept.map((i) => ({ index: i, expected: expectedOf(i, kept) }));
}
