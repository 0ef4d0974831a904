import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { aggregateWhere, dailyAggregateFor } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

/** Daily average QoE with session volume; from the daily aggregates or the cube when the filters allow. */
export async function getDailyQualityTrend(filters: ResolvedFilters, db?: Db): Promise<TimeSeriesRow[]> {
  const aggregate = dailyAggregateFor(filters);
  const statement = aggregate
    ? sql`select a.full_date::text as t, 'qoe' as series,
                 (sum(a.avg_qoe_score * a.total_sessions) / nullif(sum(a.total_sessions), 0))::float8 as value,
                 sum(a.total_sessions)::int as sessions
          from ${aggregate.table} a
          where ${aggregateWhere(filters, aggregate)}
          group by a.full_date order by a.full_date`
    : sql`select t, 'qoe' as series, value, sessions from (${
        groupedQuery(filters, {
          groups: [{ key: "day", as: "t" }],
          columns: (m) => sql`${m.avgQoe} as value, ${m.sessions} as sessions`,
        }).statement
      }) g order by t`;
  return runQuery<TimeSeriesRow>(statement, db);
}
