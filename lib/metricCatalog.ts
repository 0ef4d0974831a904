import { CUBE_BUCKETS, TARGETS } from "@/db/constants";
import {
  BUFFERING_SEVERITY_BANDS,
  BUFFERING_SEVERITY_ELSE,
  QUALITY_SCORE_BANDS,
  QUALITY_SCORE_FLOOR,
  SESSION_QUALITY_BANDS,
  SESSION_QUALITY_ELSE,
  STARTUP_CATEGORY_BANDS,
  STARTUP_CATEGORY_ELSE,
} from "@/db/metrics";
import { formatValue, type Unit } from "./format";

/**
 * What each dashboard metric means, its unit, which direction is better and its target. Pages
 * render the definitions from here so the glossary on screen matches the SQL in
 * db/queries/measures.ts.
 */
export type MetricKey =
  | "sessions"
  | "medianStartupMs"
  | "p95StartupMs"
  | "rebufferRatio"
  | "stalledSessionsPct"
  | "avgBitrateKbps"
  | "avgQoe"
  | "poorSessionPct"
  | "failureRatePct"
  | "stallsPerMinute"
  | "stallHours"
  | "medianBitrateKbps"
  | "avgQualityScore"
  | "avgWatchMinutes";

export type MetricInfo = {
  label: string;
  unit: Unit;
  better: "higher" | "lower" | "neutral";
  target?: { value: number; kind: "min" | "max" };
  definition: string;
};

/** Percentiles read from the pre-aggregated cube come from fixed-width histogram buckets. */
function approximation(bucket: number, unit: string): string {
  return `Read from ${bucket} ${unit} histogram buckets when pre-aggregated: within ${bucket} ${unit} of the exact value.`;
}

export const METRICS: Record<MetricKey, MetricInfo> = {
  sessions: { label: "Sessions", unit: "count", better: "neutral", definition: "Viewing sessions loaded." },
  medianStartupMs: {
    label: "Median startup",
    unit: "ms",
    better: "lower",
    target: { value: TARGETS.startupMsMax, kind: "max" },
    definition: `Time from pressing play to the first frame, 50th percentile. ${approximation(CUBE_BUCKETS.startupMs, "ms")}`,
  },
  p95StartupMs: {
    label: "p95 startup",
    unit: "ms",
    better: "lower",
    definition: `Startup time that 95 % of sessions beat. ${approximation(CUBE_BUCKETS.startupMs, "ms")}`,
  },
  rebufferRatio: {
    label: "Rebuffer ratio",
    unit: "pct",
    better: "lower",
    target: { value: TARGETS.rebufferRatioMax, kind: "max" },
    definition: "Mean per-session stall time ÷ session time × 100 (the seed's definition).",
  },
  stalledSessionsPct: {
    label: "Sessions with stalls",
    unit: "pct",
    better: "lower",
    definition: "Share of sessions with at least one rebuffering event.",
  },
  avgBitrateKbps: {
    label: "Avg bitrate",
    unit: "kbps",
    better: "higher",
    definition: "Mean of the sessions' average delivered bitrate.",
  },
  avgQoe: {
    label: "QoE score",
    unit: "score",
    better: "higher",
    target: { value: TARGETS.qoeScoreMin, kind: "min" },
    definition:
      "0.3 × clip(100 − startup_ms/300) + 0.4 × (100 − rebuffer ratio) + 0.3 × bitrate quality score, averaged.",
  },
  poorSessionPct: {
    label: "Poor sessions",
    unit: "pct",
    better: "lower",
    target: { value: TARGETS.poorSessionPctMax, kind: "max" },
    definition: "Share of sessions whose QoE score is below 40.",
  },
  failureRatePct: {
    label: "Video start failures",
    unit: "pct",
    better: "lower",
    definition: "Share of sessions where the video never started (when the data records it).",
  },
  stallsPerMinute: {
    label: "Stalls per minute",
    unit: "perMin",
    better: "lower",
    definition: "Rebuffering events ÷ minutes watched, over all sessions (industry rebuffer frequency).",
  },
  stallHours: {
    label: "Stall time",
    unit: "count",
    better: "lower",
    definition: "Total time viewers spent waiting on rebuffering, in hours.",
  },
  medianBitrateKbps: {
    label: "Median bitrate",
    unit: "kbps",
    better: "higher",
    definition: `The middle session's average delivered bitrate. ${approximation(CUBE_BUCKETS.bitrateKbps, "kbps")}`,
  },
  avgQualityScore: {
    label: "Quality score",
    unit: "score",
    better: "higher",
    definition: `Per-session score from the average bitrate (${qualityScoreText()}), averaged.`,
  },
  avgWatchMinutes: {
    label: "Avg watch time (min)",
    // Minutes with one decimal.
    unit: "score",
    better: "higher",
    definition: "Mean session duration in minutes (the seed's watch time).",
  },
};

export function meetsTarget(key: MetricKey, value: number | null): boolean | null {
  const target = METRICS[key].target;
  if (!target || value === null) return null;
  return target.kind === "min" ? value >= target.value : value <= target.value;
}

// Category definitions rendered from the same band tables the ETL uses, so the words on screen
// cannot drift from the SQL.
function qualityScoreText(): string {
  const bands = QUALITY_SCORE_BANDS.map((b) => `≥ ${formatValue(b.min, "kbps")} → ${b.value}`);
  return `${bands.join(", ")}, else ${QUALITY_SCORE_FLOOR}`;
}

export const CATEGORY_DEFINITIONS = {
  startupCategory: `${STARTUP_CATEGORY_BANDS.map((b) => `${b.value} < ${formatValue(b.max, "ms")}`).join(", ")}, ${STARTUP_CATEGORY_ELSE} otherwise`,
  bufferingSeverity: `${BUFFERING_SEVERITY_BANDS.map((b) => (b.max === 1 ? `${b.value}: no stall` : `${b.value}: ≤ ${b.max - 1} stalls`)).join(", ")}, ${BUFFERING_SEVERITY_ELSE}: more`,
  sessionQuality: `QoE ${SESSION_QUALITY_BANDS.map((b) => `≥ ${b.min} ${b.value}`).join(", ")}, below that ${SESSION_QUALITY_ELSE}`,
  qualityScore: qualityScoreText(),
} as const;
