import { sql } from "drizzle-orm";
import { measures } from "../measures";

/**
 * The quality columns every device and country breakdown row carries, so the device table, the
 * OS / app version tables and the country / ISP / PoP tables read the same way. Built only from
 * the shared measures over the fact table `f`.
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

export const qualityProfileColumns = sql`${measures.sessions} as "sessions",
  ${measures.avgQoe} as "avgQoe",
  ${measures.medianStartupMs} as "medianStartupMs",
  ${measures.p95StartupMs} as "p95StartupMs",
  ${measures.stalledSessionsPct} as "stalledSessionsPct",
  ${measures.stallsPerMinute} as "stallsPerMinute",
  ${measures.rebufferRatio} as "rebufferRatio",
  ${measures.avgBitrateKbps} as "avgBitrateKbps",
  ${measures.failureRatePct} as "failureRatePct",
  ${measures.poorSessionPct} as "poorSessionPct"`;

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
