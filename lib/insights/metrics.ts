/**
 * The metrics the insights engine tests, with the facts the statistics need about each: which
 * direction is worse, whether the expected value scales with viewing time (stalls happen per
 * minute watched), and the smallest effect worth reporting. Effects below these floors are model
 * misfits or curiosities, not faults, however significant a million sessions make them.
 */
export const INSIGHT_METRICS = [
  "startup_time_ms",
  "rebuffer_ratio",
  "rebuffer_count",
  "bitrate_kbps",
  "video_start_failure_rate",
] as const;
export type InsightMetric = (typeof INSIGHT_METRICS)[number];

export type MetricFamily = "startup" | "rebuffering" | "bitrate" | "failure";

export type InsightMetricInfo = {
  label: string;
  family: MetricFamily;
  /** +1 when higher is worse (startup, stalls, failures), -1 when lower is worse (bitrate). */
  worse: 1 | -1;
  /** "minutes": expected value = rate x minutes watched (Poisson-like); "session": per session. */
  exposure: "session" | "minutes";
  /**
   * Variance model: "poisson" Var = dispersion x mean (counts, stall ratios, failures: skewed, so
   * tested with the deviance as well); "cv" Var = cv^2 x mean^2 (startup, bitrate).
   */
  variance: "poisson" | "cv";
  /** Values are 0/1 (their variance follows from the rate; no squared residuals needed). */
  binary?: boolean;
  /** Smallest reportable excess relative to the expected value (0.1 = 10 %). */
  minRelativeEffect: number;
  /** Smallest reportable excess per session, in the metric's own unit. */
  minAbsoluteEffect: number;
  /** Dashboard page that explains this metric. */
  page: string;
};

export const INSIGHT_METRIC_INFO: Record<InsightMetric, InsightMetricInfo> = {
  startup_time_ms: {
    label: "Startup time",
    family: "startup",
    worse: 1,
    exposure: "session",
    variance: "cv",
    minRelativeEffect: 0.1,
    minAbsoluteEffect: 100,
    page: "/startup",
  },
  rebuffer_ratio: {
    label: "Rebuffer ratio",
    family: "rebuffering",
    worse: 1,
    exposure: "session",
    variance: "poisson",
    minRelativeEffect: 0.15,
    minAbsoluteEffect: 0.05,
    page: "/rebuffering",
  },
  rebuffer_count: {
    label: "Rebuffer count",
    family: "rebuffering",
    worse: 1,
    exposure: "minutes",
    variance: "poisson",
    minRelativeEffect: 0.15,
    minAbsoluteEffect: 0.1,
    page: "/rebuffering",
  },
  bitrate_kbps: {
    label: "Bitrate",
    family: "bitrate",
    worse: -1,
    exposure: "session",
    variance: "cv",
    minRelativeEffect: 0.1,
    minAbsoluteEffect: 250,
    page: "/bitrate",
  },
  video_start_failure_rate: {
    label: "Start failure rate",
    family: "failure",
    worse: 1,
    binary: true,
    exposure: "session",
    variance: "poisson",
    minRelativeEffect: 0.25,
    minAbsoluteEffect: 0.0025,
    page: "/",
  },
};

export function isInsightMetric(value: string): value is InsightMetric {
  return (INSIGHT_METRICS as readonly string[]).includes(value);
}
