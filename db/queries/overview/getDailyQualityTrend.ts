import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { aggregateWhere, dailyAggregateFor, factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

/** Daily average QoE with session volume; from the daily aggregates when the filters allow. */
export async function getDailyQualityTrend(filters: ResolvedFilters, db?: Db): Promise<TimeSeriesRow[]> {
  const aggregate = dailyAggregateFor(filters);
  const statement = aggregate
    ? sql`select a.full_date::text as t, 'qoe' as series,
                 (sum(a.avg_qoe_score * a.total_sessions) / nullif(sum(a.total_sessions), 0))::float8 as value,
                 sum(a.total_sessions)::int as sessions
          from ${aggregate.table} a
          where ${aggregateWhere(filters, aggregate)}
          group by a.full_date order by a.full_date`
    : sql`select d.full_date::text as t, 'qoe' as series, ${measures.avgQoe} as value, ${measures.sessions} as sessions
          from fact_playback_sessions f join dim_date d on d.date_key = f.date_key
          where ${factWhere(filters)}
          group by d.full_date order by d.full_date`;
  return runQuery<TimeSeriesRow>(statement, db);
}
