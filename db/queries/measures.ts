import { type SQL, sql } from "drizzle-orm";

/**
 * Aggregate expressions over the fact table aliased `f`, shared by every query so a metric means
 * the same thing on every page. Per-session formulas live in the ETL's metrics module; these are
 * the roll-ups (see the README's metric glossary).
 */
export const measures = {
  sessions: sql`count(*)::int`,
  uniqueUsers: sql`count(distinct f.user_id)::int`,
  avgQoe: sql`avg(f.overall_qoe_score)::float8`,
  avgStartupMs: sql`avg(f.startup_time_ms)::float8`,
  medianStartupMs: sql`(percentile_cont(0.5) within group (order by f.startup_time_ms))::float8`,
  p95StartupMs: sql`(percentile_cont(0.95) within group (order by f.startup_time_ms))::float8`,
  /** The seed's definition: mean of per-session rebuffer ratios (%). */
  rebufferRatio: sql`avg(f.rebuffer_ratio)::float8`,
  /** Industry definition: total stall time over total watch time (%). */
  rebufferPct: sql`(100.0 * sum(f.rebuffer_duration_ms) / nullif(sum(f.session_duration_sec) * 1000.0, 0))::float8`,
  stallsPerMinute: sql`(sum(f.rebuffer_count) / nullif(sum(f.session_duration_sec) / 60.0, 0))::float8`,
  stalledSessionsPct: sql`(100.0 * avg((f.rebuffer_count > 0)::int))::float8`,
  avgRebufferCount: sql`avg(f.rebuffer_count)::float8`,
  avgBitrateKbps: sql`avg(f.avg_bitrate_kbps)::float8`,
  poorSessionPct: sql`(100.0 * avg((f.session_quality = 'poor')::int))::float8`,
  failureRatePct: sql`(100.0 * avg(f.video_start_failure::int))::float8`,
  watchHours: sql`(sum(f.session_duration_sec) / 3600.0)::float8`,
  /** Mean session (watch) time in minutes, as the seed's product page reads it. */
  avgWatchMinutes: sql`(avg(f.session_duration_sec) / 60.0)::float8`,
  /** Total stall time in hours. */
  stallHours: sql`(sum(f.rebuffer_duration_ms) / 3600000.0)::float8`,
  medianBitrateKbps: sql`(percentile_cont(0.5) within group (order by f.avg_bitrate_kbps))::float8`,
  avgQualityScore: sql`avg(f.quality_score)::float8`,
  /**
   * Startup percentiles p50, p75, p90, p95, p99 as one float8[] (one sort instead of five); the
   * order matches STARTUP_PERCENTILES.
   */
  startupPercentiles: sql`(percentile_cont(array[0.5, 0.75, 0.9, 0.95, 0.99]) within group (order by f.startup_time_ms))::float8[]`,
  /** A group's share of all rows (%), or of the rows in the same `partition` (a SQL list of columns). */
  sharePct: (partition?: SQL) =>
    partition
      ? sql`(100.0 * count(*) / sum(count(*)) over (partition by ${partition}))::float8`
      : sql`(100.0 * count(*) / sum(count(*)) over ())::float8`,
} as const;

/** The percentiles `measures.startupPercentiles` returns, in order. */
export const STARTUP_PERCENTILES = ["p50", "p75", "p90", "p95", "p99"] as const;
