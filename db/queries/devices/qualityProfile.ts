import { sql } from "drizzle-orm";
import type { Quantile } from "../grouped";
import type { SharedMeasures } from "../measures";

/**
 * The quality columns every device and country breakdown row carries, so the device table, the
 * OS / app version tables and the country / ISP / PoP tables read the same way. Built only from
 * the shared measures of the query's source (cube or facts) and the startup percentiles.
 */
export type QualityProfile = {
  sessions: number;
  avgQoe: number | null;
  medianStartupMs: number | null;
  p95StartupMs: number | null;
  stalledSessionsPct: number | null;
  stallsPerMinute: number | null;
  rebufferRatio: number | null;
  avgBitrateKbps: number | null;
  failureRatePct: number | null;
  poorSessionPct: number | null;
};

export const qualityProfileColumns = (m: SharedMeasures) => sql`${m.sessions} as "sessions",
  ${m.avgQoe} as "avgQoe",
  ${m.stalledSessionsPct} as "stalledSessionsPct",
  ${m.stallsPerMinute} as "stallsPerMinute",
  ${m.rebufferRatio} as "rebufferRatio",
  ${m.avgBitrateKbps} as "avgBitrateKbps",
  ${m.failureRatePct} as "failureRatePct",
  ${m.poorSessionPct} as "poorSessionPct"`;

/** Median and p95 startup (exact over the facts, within one histogram bucket from the cube). */
export const QUALITY_PROFILE_QUANTILES: readonly Quantile[] = [
  { of: "startup", p: 0.5, as: "medianStartupMs" },
  { of: "startup", p: 0.95, as: "p95StartupMs" },
];

/** A breakdown row: the group's value (as the matching filter spells it) and its quality. */
export type BreakdownRow = QualityProfile & {
  value: string;
  /** Second grouping (e.g. the PoP of an ISP × PoP cell), null for one-dimensional breakdowns. */
  group: string | null;
  /** How many groups exist in total (rows may be cut to the largest ones). */
  groupCount: number;
};

/** Breakdown tables keep the largest groups; the rest are summarised by `groupCount`. */
export const BREAKDOWN_ROW_LIMIT = 40;
