import { type SQL, sql } from "drizzle-orm";
import { CUBE_HISTOGRAMS, type CubeHistogramName } from "../cube/definition";

/**
 * Aggregate expressions over the fact table aliased `f`, shared by every query so a metric means
 * the same thing on every page. Per-session formulas live in the ETL's metrics module; these are
 * the roll-ups (see the README's metric glossary).
 */
export const measures = {
  sessions: sql`count(*)::int`,
  /** Days that had sessions (for per-day volumes). */
  activeDays: sql`count(distinct f.date_key)::int`,
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

const perSession = (sum: SQL) => sql`(${sum} / nullif(sum(a.sessions), 0))::float8`;
const pctOfSessions = (sum: SQL) => sql`(100.0 * ${sum} / nullif(sum(a.sessions), 0))::float8`;

/**
 * The same roll-ups over the cube `agg_cube a` (db/cube/definition.ts): sums of its additive
 * columns, so every value equals the facts' value (up to float summation order). Keys match
 * `measures`; percentiles are read from the cube's histograms instead (db/queries/grouped.ts).
 */
export const cubeMeasures = {
  sessions: sql`coalesce(sum(a.sessions), 0)::int`,
  activeDays: sql`count(distinct a.date_key)::int`,
  avgQoe: perSession(sql`sum(a.qoe_sum)`),
  avgStartupMs: perSession(sql`sum(a.startup_ms_sum)`),
  rebufferRatio: perSession(sql`sum(a.rebuffer_ratio_sum)`),
  rebufferPct: sql`(100.0 * sum(a.rebuffer_ms_sum) / nullif(sum(a.watch_sec_sum) * 1000.0, 0))::float8`,
  stallsPerMinute: sql`(sum(a.rebuffer_count_sum) / nullif(sum(a.watch_sec_sum) / 60.0, 0))::float8`,
  stalledSessionsPct: pctOfSessions(sql`sum(a.stalled_sessions)`),
  avgRebufferCount: perSession(sql`sum(a.rebuffer_count_sum)`),
  avgBitrateKbps: perSession(sql`sum(a.bitrate_sum)`),
  poorSessionPct: pctOfSessions(sql`sum(a.quality_poor_sessions)`),
  failureRatePct: pctOfSessions(sql`sum(a.failures)`),
  watchHours: sql`(sum(a.watch_sec_sum) / 3600.0)::float8`,
  avgWatchMinutes: perSession(sql`sum(a.watch_sec_sum) / 60.0`),
  stallHours: sql`(sum(a.rebuffer_ms_sum) / 3600000.0)::float8`,
  avgQualityScore: perSession(sql`sum(a.quality_score_sum)`),
  sharePct: (partition?: SQL) =>
    partition
      ? sql`(100.0 * sum(a.sessions) / sum(sum(a.sessions)) over (partition by ${partition}))::float8`
      : sql`(100.0 * sum(a.sessions) / sum(sum(a.sessions)) over ())::float8`,
} as const;

/** A row's share (%) of the sessions in its `partition`, over already-counted rows (`sessions`). */
export function shareOfSessions(sessions: SQL, partition: SQL): SQL {
  return sql`(100.0 * ${sessions} / sum(${sessions}) over (partition by ${partition}))::float8`;
}

/** Roll-ups both sources answer alike; a query picks the set of its source (`measuresFor`). */
export type SharedMeasures = { [K in keyof typeof cubeMeasures]: (typeof measures)[K] };

export function measuresFor(source: { path: "cube" | "facts" }): SharedMeasures {
  return source.path === "cube" ? cubeMeasures : measures;
}

/** Fact columns behind the cube's histograms. */
const HISTOGRAM_FACT_COLUMNS: Record<CubeHistogramName, SQL> = {
  startup: sql`f.startup_time_ms`,
  bitrate: sql`f.avg_bitrate_kbps`,
};

/** Exact percentile over the facts (continuous, like the seed's percentile_cont). */
export function factQuantile(of: CubeHistogramName, p: number): SQL {
  return sql`(percentile_cont(${sql.raw(String(Number(p)))}) within group (order by ${HISTOGRAM_FACT_COLUMNS[of]}))::float8`;
}

/** The (bucket, n) cells of a cube row's histogram, as a lateral join on `a`, aliased `h`. */
export function cubeHistogramCells(of: CubeHistogramName): SQL {
  const h = CUBE_HISTOGRAMS.find((x) => x.name === of);
  if (!h) throw new Error(`unknown cube histogram ${of}`);
  return sql`cross join lateral unnest(a.${sql.raw(h.bins)}, a.${sql.raw(h.counts)}) as h(bucket, n)`;
}

/**
 * Percentiles (float8[] in the order of `ps`) from summed histogram cells `bucket`, `n` of one
 * group: within one bucket width of percentile_cont over the facts (qoe_hist_quantiles).
 */
export function histogramQuantiles(of: CubeHistogramName, ps: readonly number[]): SQL {
  const h = CUBE_HISTOGRAMS.find((x) => x.name === of);
  if (!h) throw new Error(`unknown cube histogram ${of}`);
  const list = sql.raw(ps.map((p) => String(Number(p))).join(", "));
  return sql`qoe_hist_quantiles(array_agg(bucket::int order by bucket), array_agg(n::bigint order by bucket), ${sql.raw(String(h.width))}, array[${list}]::float8[])`;
}
