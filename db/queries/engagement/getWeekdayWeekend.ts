import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type DayTypeRow = {
  dayType: "weekday" | "weekend";
  /** Days of this type that had sessions in the range. */
  days: number;
  sessions: number;
  sessionsPerDay: number | null;
  watchHoursPerDay: number | null;
  avgWatchMinutes: number | null;
  avgQoe: number | null;
  medianStartupMs: number | null;
  rebufferRatio: number | null;
  avgBitrateKbps: number | null;
};

/**
 * Weekdays versus weekend days (Saturday, Sunday; dim_date.is_weekend). Volumes are per day of
 * each type, because a range has five weekdays for every two weekend days.
 */
export async function getWeekdayWeekend(filters: ResolvedFilters, db?: Db): Promise<DayTypeRow[]> {
  return runQuery<DayTypeRow>(
    sql`select case when d.is_weekend then 'weekend' else 'weekday' end as "dayType",
               count(distinct f.date_key)::int as "days",
               ${measures.sessions} as "sessions",
               (count(*)::float8 / nullif(count(distinct f.date_key), 0))::float8 as "sessionsPerDay",
               (${measures.watchHours} / nullif(count(distinct f.date_key), 0))::float8 as "watchHoursPerDay",
               ${measures.avgWatchMinutes} as "avgWatchMinutes",
               ${measures.avgQoe} as "avgQoe",
               ${measures.medianStartupMs} as "medianStartupMs",
               ${measures.rebufferRatio} as "rebufferRatio",
               ${measures.avgBitrateKbps} as "avgBitrateKbps"
        from fact_playback_sessions f
        join dim_date d on d.date_key = f.date_key
        where ${factWhere(filters)}
        group by d.is_weekend
        order by d.is_weekend`,
    db,
  );
}
