import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { aggregateWhere, dailyAggregateFor, factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";
import { TIME_BUCKETS, type TimeGrainParams } from "../timeGrain";

/**
 * Median (series `p50`) and 95th-percentile (`p95`) startup time per day or per hour of day.
 * Daily percentiles come from the daily aggregates when they hold exactly the filtered group
 * (percentiles of several groups cannot be combined), otherwise from the facts.
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
  const time = TIME_BUCKETS[grain];
  return runQuery<TimeSeriesRow>(
    sql`select g.t, s.series, s.value::float8 as value, g.sessions
        from (select ${time.bucket} as t, ${measures.sessions} as sessions, ${measures.startupPercentiles} as q
              from fact_playback_sessions f ${time.join}
              where ${factWhere(filters)}
              group by 1) g
        cross join lateral (values ('p50', g.q[1]), ('p95', g.q[4])) as s(series, value)
        order by g.t, s.series`,
    db,
  );
}
