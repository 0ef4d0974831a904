import { TARGETS } from "@/db/constants";
import type { Unit } from "./format";

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
  | "failureRatePct";

export type MetricInfo = {
  label: string;
  unit: Unit;
  better: "higher" | "lower" | "neutral";
  target?: { value: number; kind: "min" | "max" };
  definition: string;
};

export const METRICS: Record<MetricKey, MetricInfo> = {
  sessions: { label: "Sessions", unit: "count", better: "neutral", definition: "Viewing sessions loaded." },
  medianStartupMs: {
    label: "Median startup",
    unit: "ms",
    better: "lower",
    target: { value: TARGETS.startupMsMax, kind: "max" },
    definition: "Time from pressing play to the first frame, 50th percentile.",
  },
  p95StartupMs: {
    label: "p95 startup",
    unit: "ms",
    better: "lower",
    definition: "Startup time that 95 % of sessions beat.",
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
};

export function meetsTarget(key: MetricKey, value: number | null): boolean | null {
  const target = METRICS[key].target;
  if (!target || value === null) return null;
  return target.kind === "min" ? value >= target.value : value <= target.value;
}
