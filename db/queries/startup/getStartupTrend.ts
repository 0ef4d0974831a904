import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { aggregateWhere, dailyAggregateFor } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";
import { type TimeGrainParams, timeLabel } from "../timeGrain";

/**
 * Median (series `p50`) and 95th-percentile (`p95`) startup time per day or per hour of day.
 * Daily percentiles come from the daily aggregates when they hold exactly the filtered group
 * (exact; percentiles of several groups cannot be combined), otherwise from the cube's startup
 * histograms (within one 50 ms bucket) when it holds the filters, else from the facts.
 */
export async function getStartupTrend(
  filters: ResolvedFilters,
  { grain }: TimeGrainParams = { grain: "day" },
  db?: Db,
): Promise<TimeSeriesRow[]> {
  const aggregate = grain === "day" ? dailyAggregateFor(filters) : null;
  if (aggregate && (aggregate.values?.length ?? 0) <= 1) {
    return runQuery<TimeSeriesRow>(
      sql`select a.full_date::text as t, s.series, s.value::float8 as value, a.total_sessions::int as sessions
          from ${aggregate.table} a
          cross join lateral (values ('p50', a.median_startup_ms), ('p95', a.p95_startup_ms)) as s(series, value)
          where ${aggregateWhere(filters, aggregate)}
          order by t, s.series`,
      db,
    );
  }
  const { statement } = groupedQuery(filters, {
    groups: [{ key: grain === "day" ? "day" : "hour", as: "t" }],
    columns: (m) => sql`${m.sessions} as sessions`,
    quantiles: [
      { of: "startup", p: 0.5, as: "p50" },
      { of: "startup", p: 0.95, as: "p95" },
    ],
  });
  return runQuery<TimeSeriesRow>(
    sql`select ${timeLabel(grain, sql`g.t`)} as t, s.series, s.value::float8 as value, g.sessions
        from (${statement}) g
        cross join lateral (values ('p50', g.p50), ('p95', g.p95)) as s(series, value)
        order by g.t, s.series`,
    db,
  );
}
