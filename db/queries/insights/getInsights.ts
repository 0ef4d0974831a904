import type { Db } from "@/db/client";
import type { ResolvedFilters } from "@/lib/filters";
import { DEFAULT_BASELINE_DIMENSIONS } from "@/lib/insights/baseline";
import type { InsightDimension } from "@/lib/insights/dimensions";
import { analyze, DEFAULT_ENGINE_OPTIONS, type EngineOptions, fitModels } from "@/lib/insights/engine";
import type { InsightsReport } from "@/lib/insights/types";
import { getBaselineCells } from "./getBaselineCells";
import { getSegmentStats } from "./getSegmentStats";
import { isIncompletePair } from "./segmentCells";

export type InsightsOptions = Partial<EngineOptions> & {
  /** Dimensions whose main effects are expected, not faults (default device type and network). */
  baseline?: readonly InsightDimension[];
};

/**
 * Root-cause insights for a date range and the dashboard filters: two passes over the facts
 * (baseline cells grouped in SQL, then every one- and two-dimension segment summed from one
 * streamed read of the facts), statistics in Node.
 */
export async function getInsights(
  filters: ResolvedFilters,
  options: InsightsOptions = {},
  db?: Db,
): Promise<InsightsReport> {
  const engineOptions: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const baseline = options.baseline ?? DEFAULT_BASELINE_DIMENSIONS;
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => {
    timings[name] = Math.round(performance.now() - since);
    return performance.now();
  };
  let t = performance.now();
  const started = t;
  const cells = await getBaselineCells(filters, baseline, db);
  t = lap("baselineQuery", t);
  const models = fitModels(cells, baseline, engineOptions.metrics);
  const empty: InsightsReport = {
    from: filters.from,
    to: filters.to,
    sessions: cells.reduce((a, c) => a + c.sessions, 0),
    segmentsTested: 0,
    hypothesesTested: 0,
    metricsTested: [],
    baselineDimensions: [...baseline],
    findings: [],
    healthy: true,
    timingsMs: timings,
  };
  if (Object.keys(models).length === 0) return empty;
  const segments = await getSegmentStats(filters, models, baseline, engineOptions.minSupport, db);
  t = lap("segmentQuery", t);
  const result = analyze({ cells, models, segments, incompletePairs: isIncompletePair }, engineOptions);
  lap("statistics", t);
  timings.total = Math.round(performance.now() - started);
  return {
    ...empty,
    sessions: result.sessions,
    segmentsTested: result.segmentsTested,
    hypothesesTested: result.hypothesesTested,
    metricsTested: result.metricsTested,
    findings: result.findings,
    healthy: result.findings.length === 0,
  };
}
