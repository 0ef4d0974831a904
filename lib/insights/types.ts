import type { FilterKey } from "@/lib/filters";
import type { Segment } from "./dimensions";
import type { InsightMetric, MetricFamily } from "./metrics";

/** Sufficient statistics of one metric over a set of sessions, against the baseline model. */
export type MetricSums = {
  /** Sum of observed values. */
  sy: number;
  /** Sum of the baseline model's expected values. */
  se: number;
  /** Sum of squared residuals (observed - expected)^2, for the segment's own variance. */
  sr2: number;
};

/** One segment's aggregates (from the streamed pass over the facts, db/queries/insights/getSegmentStats.ts). */
export type SegmentStats = {
  segment: Segment;
  sessions: number;
  /** Total stall time (ms), to turn excess stalls into stall time. */
  stallMs: number;
  metrics: Record<InsightMetric, MetricSums>;
};

/** Raw sums of one metric in one baseline cell (x = exposure: 1 per session or minutes). */
export type CellMetricSums = { sy: number; syy: number; sxy: number };

/** One cell of the baseline dimensions (e.g. smart_tv x cellular_4g) with its sums. */
export type BaselineCell = {
  values: Record<string, string>;
  sessions: number;
  minutes: number;
  minutesSq: number;
  stallMs: number;
  metrics: Record<InsightMetric, CellMetricSums>;
};

export type Finding = {
  rank: number;
  metric: InsightMetric;
  family: MetricFamily;
  segment: Segment;
  sessions: number;
  /** Observed mean per session (failure rate as a fraction 0..1). */
  value: number;
  /** What the main effects (and findings explained before it) predict per session. */
  expected: number;
  /** value / expected. */
  ratio: number;
  /** Harm summed over the segment's sessions, in impactUnit. */
  impact: number;
  impactUnit: "ms" | "stall_ms" | "kbps_sessions" | "failed_starts";
  /** impact as a share of the metric's total over all filtered sessions (the ranking key). */
  impactShare: number;
  zScore: number;
  pValue: number;
  /** Bonferroni-adjusted p-value (p x number of tests, capped at 1). */
  adjustedP: number;
  summary: string;
  /** Other metrics of the same family that flagged the same segment. */
  alsoAffects: InsightMetric[];
  /** Dashboard page and filters that show this segment. */
  link: { page: string; filters: Partial<Record<FilterKey, string>> };
};

export type InsightsReport = {
  from: string;
  to: string;
  sessions: number;
  /** Segments with enough sessions that were tested (per metric), and hypotheses in total. */
  segmentsTested: number;
  hypothesesTested: number;
  metricsTested: InsightMetric[];
  baselineDimensions: string[];
  findings: Finding[];
  healthy: boolean;
  timingsMs: Record<string, number>;
};
