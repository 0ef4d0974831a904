import { sql } from "drizzle-orm";
import { PEAK_HOURS } from "@/db/metrics";
import { activeFilterKeys, type ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { dateKey } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type HourlyUsageRow = {
  hour: number;
  sessions: number;
  /** Sessions per day that had data, so ranges of different length compare. */
  sessionsPerDay: number;
  avgQoe: number | null;
  isPeak: boolean;
};

/**
 * Sessions by hour of day (UTC) with the peak hours flagged. Without dimension filters the hourly
 * aggregate answers (QoE weighted by sessions, exact); otherwise the cube or the facts.
 */
export async function getHourlyUsage(filters: ResolvedFilters, db?: Db): Promise<HourlyUsageRow[]> {
  const isPeak = (hour: ReturnType<typeof sql>) =>
    sql`(${hour} between ${PEAK_HOURS.from} and ${PEAK_HOURS.to})`;
  if (activeFilterKeys(filters).length === 0) {
    return runQuery<HourlyUsageRow>(
      sql`with days as (select count(distinct date_key)::int as n from agg_hourly_quality
                        where date_key between ${dateKey(filters.from)} and ${dateKey(filters.to)})
          select a.hour::int as "hour", sum(a.total_sessions)::int as "sessions",
                 (sum(a.total_sessions)::float8 / nullif(min(days.n), 0))::float8 as "sessionsPerDay",
                 (sum(a.avg_qoe_score * a.total_sessions) / nullif(sum(a.total_sessions), 0))::float8 as "avgQoe",
                 ${isPeak(sql`a.hour`)} as "isPeak"
          from agg_hourly_quality a cross join days
          where a.date_key between ${dateKey(filters.from)} and ${dateKey(filters.to)}
          group by a.hour
          order by a.hour`,
      db,
    );
  }
  const hourly = groupedQuery(filters, {
    groups: [{ key: "hour", as: "hour" }],
    columns: (m) => sql`${m.sessions} as sessions, ${m.avgQoe} as avg_qoe`,
  }).statement;
  const days = groupedQuery(filters, { groups: [], columns: (m) => sql`${m.activeDays} as n` }).statement;
  return runQuery<HourlyUsageRow>(
    sql`with hourly as (${hourly}), days as (${days})
        select h.hour as "hour", h.sessions as "sessions",
               (h.sessions::float8 / nullif(days.n, 0))::float8 as "sessionsPerDay",
               h.avg_qoe as "avgQoe", ${isPeak(sql`h.hour`)} as "isPeak"
        from hourly h cross join days
        order by h.hour`,
    db,
  );
}
