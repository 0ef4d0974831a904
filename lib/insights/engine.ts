import { attribute } from "./attribution";
import { type BaselineModel, expectedRate, fitBaseline } from "./baseline";
import { type InsightDimension, segmentFilters, segmentKey } from "./dimensions";
import { cellShares, expectedSquares } from "./heterogeneity";
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
};

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  minSupport: 10,
  alpha: 0.01,
  maxFindingsPerMetric: 25,
  metrics: INSIGHT_METRICS,
  limit: 20,
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
    const attributions = attribute({
      metric,
      model,
      index,
      eligible,
      pCutoff,
      maxFindings: options.maxFindingsPerMetric,
      totalExpected,
      expectedSq: expectedSquares(index, cells, shares, model),
    });
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
  for (const f of raw.sort((a, b) => b.impactShare - a.impactShare)) {
    const key = `${f.family}:${segmentKey(f.segment)}`;
    const kept = byKey.get(key);
    if (kept) kept.alsoAffects.push(f.metric);
    else byKey.set(key, f);
  }
  const findings = [...byKey.values()].slice(0, options.limit).map((f, i) => ({ ...f, rank: i + 1 }));
  return { findings, sessions, segmentsTested, hypothesesTested, metricsTested };
}
