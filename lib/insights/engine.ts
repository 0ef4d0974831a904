import { type Attribution, attribute, type MetricInput, metricArrays } from "./attribution";
import { type BaselineModel, expectedRate, fitBaseline } from "./baseline";
import { type InsightDimension, segmentFilters, segmentKey } from "./dimensions";
import { cellExpectations, cellShares, expectedSquares, massShareOf } from "./heterogeneity";
import { INSIGHT_METRIC_INFO, INSIGHT_METRICS, type InsightMetric } from "./metrics";
import { SegmentIndex } from "./overlap";
import { bonferroni } from "./statistics";
import { summarize } from "./summary";
import type { BaselineCell, Finding, SegmentStats } from "./types";

/**
 * The engine's pure half: baseline fit on cell sums, then tests, attribution, impact and
 * ranking on segment sums. No database here; db/queries/insights/getInsights.ts feeds it.
 */

export type EngineOptions = {
  /** Smallest segment (sessions) that may become a finding. */
  minSupport: number;
  /** Family-wise error rate, Bonferroni-corrected over every (segment, metric) test. */
  alpha: number;
  maxFindingsPerMetric: number;
  /** Metrics to test (those without data in the range are skipped). */
  metrics: readonly InsightMetric[];
  /** Findings returned (after ranking). */
  limit: number;
  /**
   * Smallest share of the metric's total harm (all extra waiting, stall time, lost bitrate or
   * failed starts) a finding must carry to be reported: a significant excess worth a minute of
   * stall time in a month of a million sessions is a curiosity, not a fault to chase.
   */
  minImpactShare: number;
};

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  minSupport: 10,
  alpha: 0.01,
  maxFindingsPerMetric: 25,
  metrics: INSIGHT_METRICS,
  limit: 20,
  minImpactShare: 1e-4,
};

export type Models = Partial<Record<InsightMetric, BaselineModel>>;

/** Fits one baseline per metric that has data (a metric that is zero everywhere is not tested). */
export function fitModels(
  cells: readonly BaselineCell[],
  dimensions: readonly InsightDimension[],
  metrics: readonly InsightMetric[] = INSIGHT_METRICS,
): Models {
  const models: Models = {};
  for (const metric of metrics) {
    const total = cells.reduce((acc, c) => acc + c.metrics[metric].sy, 0);
    if (total > 0) models[metric] = fitBaseline(cells, dimensions, metric);
  }
  return models;
}

export type EngineInput = {
  cells: readonly BaselineCell[];
  models: Models;
  segments: readonly SegmentStats[];
  /** Dimension pairs whose small segments were left out by the query (support floor). */
  incompletePairs?: (a: InsightDimension, b: InsightDimension) => boolean;
};

export type EngineResult = {
  findings: Finding[];
  sessions: number;
  segmentsTested: number;
  hypothesesTested: number;
  metricsTested: InsightMetric[];
};

function impactOf(
  metric: InsightMetric,
  s: SegmentStats,
  excess: number,
): { impact: number; unit: Finding["impactUnit"] } {
  switch (metric) {
    case "startup_time_ms":
      return { impact: excess, unit: "ms" };
    case "rebuffer_count": {
      // Excess stalls at the segment's own mean stall length.
      const meanStall = s.metrics.rebuffer_count.sy > 0 ? s.stallMs / s.metrics.rebuffer_count.sy : 0;
      return { impact: excess * meanStall, unit: "stall_ms" };
    }
    case "rebuffer_ratio": {
      // The excess share of the segment's stall time.
      const observed = s.metrics.rebuffer_ratio.sy;
      return { impact: observed > 0 ? (s.stallMs * excess) / observed : 0, unit: "stall_ms" };
    }
    case "bitrate_kbps":
      return { impact: excess, unit: "kbps_sessions" };
    case "video_start_failure_rate":
      return { impact: excess, unit: "failed_starts" };
  }
}

/** Refits stop when no cell's expected value moves by more than this, or after MAX rounds. */
const REFIT_TOLERANCE = 0.005;
const MAX_REFIT_ROUNDS = 6;

/**
 * Attribution, then the baseline refitted on the healthy part of the data: the findings' excess is
 * taken out of the baseline cells, the main effects are fitted again and every segment's expected
 * value is rescaled by its cells' change, and attribution runs again. Without it a fault that is a
 * large share of one device type or network (an app version on most web sessions) inflates that
 * main effect and hides its own size, and the reported "expected" values drift.
 */
function attributeWithRefit(
  input: Omit<MetricInput, "expectedSq" | "base">,
  cells: readonly BaselineCell[],
  shares: Float64Array,
): Attribution[] {
  const { index, metric } = input;
  const width = cells.length;
  const count = index.stats.length;
  let model = input.model;
  const arrays = metricArrays(index.stats, metric);
  let base = arrays.aggregatedBase;
  let result = attribute({ ...input, arrays, expectedSq: expectedSquares(index, cells, shares, model) });
  const mass = new Float64Array(width);
  for (let round = 0; round < MAX_REFIT_ROUNDS && result.length > 0; round++) {
    const perSession = cellExpectations(cells, model);
    const cleaned = cells.map((c) => ({
      ...c,
      metrics: { ...c.metrics, [metric]: { ...c.metrics[metric] } },
    }));
    for (const a of result) {
      massShareOf(a.index, shares, perSession, mass);
      const own = a.observed - a.expected;
      const n = index.stats[a.index]!.sessions;
      const fromSessions = a.spread.perSession * n;
      const fromMass = a.spread.perMass * base[a.index]!;
      for (let c = 0; c < width; c++) {
        const share = fromSessions * shares[a.index * width + c]! + fromMass * mass[c]!;
        cleaned[c]!.metrics[metric].sy -= own * share;
      }
    }
    const refitted = {
      ...fitBaseline(cleaned, model.dimensions, metric),
      variance: model.variance,
      total: model.total,
    };
    const change = cells.map((c) => {
      const before = expectedRate(model, c.values);
      return before > 0 ? expectedRate(refitted, c.values) / before : 1;
    });
    if (change.every((r) => Math.abs(r - 1) < REFIT_TOLERANCE)) break;
    // Each segment's expected total moves with its cells' expected values.
    const next = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      let weighted = 0;
      let total = 0;
      for (let c = 0; c < width; c++) {
        const m = shares[i * width + c]! * perSession[c]!;
        weighted += m * change[c]!;
        total += m;
      }
      next[i] = total > 0 ? (base[i]! * weighted) / total : base[i]!;
    }
    const totalExpected = cells.reduce(
      (acc, c) =>
        acc + expectedRate(refitted, c.values) * (refitted.exposure === "minutes" ? c.minutes : c.sessions),
      0,
    );
    model = refitted;
    base = next;
    result = attribute({
      ...input,
      arrays,
      model,
      base,
      totalExpected,
      expectedSq: expectedSquares(index, cells, shares, model),
    });
  }
  return result;
}

export function analyze(input: EngineInput, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): EngineResult {
  const { cells, models, segments } = input;
  const sessions = cells.reduce((acc, c) => acc + c.sessions, 0);
  const totalStallMs = cells.reduce((acc, c) => acc + c.stallMs, 0);
  const index = new SegmentIndex(segments, sessions, { incompletePairs: input.incompletePairs });
  const eligible = Uint8Array.from(segments, (s, i) =>
    s.sessions >= options.minSupport && !index.redundant[i] ? 1 : 0,
  );
  const segmentsTested = eligible.reduce((a, b) => a + b, 0);
  const metricsTested = options.metrics.filter((m) => models[m]);
  const hypothesesTested = segmentsTested * metricsTested.length;
  const pCutoff = options.alpha / Math.max(hypothesesTested, 1);
  const baseline = Object.values(models)[0]?.dimensions ?? [];
  const shares = cellShares(index, baseline, cells);

  const raw: Finding[] = [];
  for (const metric of metricsTested) {
    const model = models[metric]!;
    const info = INSIGHT_METRIC_INFO[metric];
    const totalExpected = cells.reduce(
      (acc, c) =>
        acc + expectedRate(model, c.values) * (model.exposure === "minutes" ? c.minutes : c.sessions),
      0,
    );
    const attributions = attributeWithRefit(
      { metric, model, index, eligible, pCutoff, maxFindings: options.maxFindingsPerMetric, totalExpected },
      cells,
      shares,
    );
    for (const a of attributions) {
      const s = a.stats;
      const { impact, unit } = impactOf(metric, s, a.test.excess);
      const denominator = info.family === "rebuffering" ? totalStallMs : model.total;
      const value = a.observed / s.sessions;
      const expected = a.expected / s.sessions;
      raw.push({
        rank: 0,
        metric,
        family: info.family,
        segment: s.segment,
        sessions: s.sessions,
        value,
        expected,
        ratio: expected > 0 ? value / expected : Number.POSITIVE_INFINITY,
        impact,
        impactUnit: unit,
        impactShare: denominator > 0 ? impact / denominator : 0,
        zScore: a.test.z,
        pValue: a.test.p,
        adjustedP: bonferroni(a.test.p, hypothesesTested),
        summary: summarize({ metric, segment: s.segment, sessions: s.sessions, value, expected, impact }),
        alsoAffects: [],
        link: { page: info.page, filters: segmentFilters(s.segment) },
      });
    }
  }

  // One finding per segment and metric family (stall count and stall ratio tell one story).
  const byKey = new Map<string, Finding>();
  const material = raw.filter((f) => f.impactShare >= options.minImpactShare);
  for (const f of material.sort((a, b) => b.impactShare - a.impactShare)) {
    const key = `${f.family}:${segmentKey(f.segment)}`;
    const kept = byKey.get(key);
    if (kept) kept.alsoAffects.push(f.metric);
    else byKey.set(key, f);
  }
  const findings = [...byKey.values()].slice(0, options.limit).map((f, i) => ({ ...f, rank: i + 1 }));
  return { findings, sessions, segmentsTested, hypothesesTested, metricsTested };
}
