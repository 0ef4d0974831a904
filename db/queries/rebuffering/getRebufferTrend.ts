import { type SQL, sql } from "drizzle-orm";
import { activeFilterKeys, type ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { type AggregateSource, aggregateWhere, dailyAggregateFor } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";
import { type TimeGrainParams, timeLabel } from "../timeGrain";

export const REBUFFER_TREND_SERIES = ["rebufferRatio", "stallsPerMinute"] as const;

/** Which aggregate answers: daily ones per dailyAggregateFor, the hourly one only without filters. */
function aggregateFor(
  filters: ResolvedFilters,
  grain: TimeGrainParams["grain"],
): { source: AggregateSource; bucket: SQL } | null {
  if (grain === "day") {
    const source = dailyAggregateFor(filters);
    return source ? { source, bucket: sql`a.full_date::text` } : null;
  }
  if (activeFilterKeys(filters).length > 0) return null;
  return {
    source: { table: sql`agg_hourly_quality`, column: null, values: null },
    bucket: sql`lpad(a.hour::text, 2, '0') || ':00'`,
  };
}

/**
 * Per day (or hour of day): series `rebufferRatio` (mean per-session stall time share, %) and
 * `stallsPerMinute` (stalls per minute watched). Both are session-weighted sums, so the
 * aggregates combine exactly across devices, countries, days and hours.
 */
export async function getRebufferTrend(
  filters: ResolvedFilters,
  { grain }: TimeGrainParams = { grain: "day" },
  db?: Db,
): Promise<TimeSeriesRow[]> {
  const aggregate = aggregateFor(filters, grain);
  const grouped = aggregate
    ? sql`select ${aggregate.bucket} as t, sum(a.total_sessions)::int as sessions,
                 sum(a.avg_rebuffer_ratio * a.total_sessions) / nullif(sum(a.total_sessions), 0) as ratio,
                 sum(a.avg_rebuffer_count * a.total_sessions) / nullif(sum(a.total_watch_sec) / 60.0, 0) as spm
          from ${aggregate.source.table} a
          where ${aggregateWhere(filters, aggregate.source)}
          group by 1`
    : sql`select ${timeLabel(grain, sql`g.t`)} as t, g.sessions, g.ratio, g.spm from (${
        groupedQuery(filters, {
          groups: [{ key: grain === "day" ? "day" : "hour", as: "t" }],
          columns: (m) =>
            sql`${m.sessions} as sessions, ${m.rebufferRatio} as ratio, ${m.stallsPerMinute} as spm`,
        }).statement
      }) g`;
  return runQuery<TimeSeriesRow>(
    sql`select g.t, s.series, s.value::float8 as value, g.sessions
        from (${grouped}) g
        cross join lateral (values ('rebufferRatio', g.ratio), ('stallsPerMinute', g.spm)) as s(series, value)
        order by g.t, s.series`,
    db,
  );
}
