import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { groupedQuery } from "../grouped";
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
  const { statement } = groupedQuery(filters, {
    groups: [{ key: "weekend", as: "weekend" }],
    columns: (m) => sql`${m.activeDays} as "days", ${m.sessions} as "sessions",
               (${m.sessions}::float8 / nullif(${m.activeDays}, 0))::float8 as "sessionsPerDay",
               (${m.watchHours} / nullif(${m.activeDays}, 0))::float8 as "watchHoursPerDay",
               ${m.avgWatchMinutes} as "avgWatchMinutes",
               ${m.avgQoe} as "avgQoe",
               ${m.rebufferRatio} as "rebufferRatio",
               ${m.avgBitrateKbps} as "avgBitrateKbps"`,
    quantiles: [{ of: "startup", p: 0.5, as: "medianStartupMs" }],
  });
  const rows = await runQuery<DayTypeRow & { weekend: boolean }>(
    sql`select * from (${statement}) t order by weekend`,
    db,
  );
  return rows.map(({ weekend, ...row }) => ({ ...row, dayType: weekend ? "weekend" : "weekday" }));
}
