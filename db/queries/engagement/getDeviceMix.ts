import { sql } from "drizzle-orm";
import { activeFilterKeys, type ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { aggregateWhere } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type DeviceMixRow = {
  deviceType: string;
  sessions: number;
  sharePct: number;
  watchHours: number;
  avgWatchMinutes: number | null;
};

/**
 * Share of sessions and watch time per device type. The daily device aggregate answers when no
 * filter other than the device is set (its sums are exact); otherwise the cube or the facts.
 */
export async function getDeviceMix(filters: ResolvedFilters, db?: Db): Promise<DeviceMixRow[]> {
  if (activeFilterKeys(filters).every((k) => k === "device")) {
    const source = {
      table: sql`agg_daily_device_quality`,
      column: sql`device_type`,
      values: filters.device ?? null,
    };
    return runQuery<DeviceMixRow>(
      sql`select a.device_type as "deviceType", sum(a.total_sessions)::int as "sessions",
                 (100.0 * sum(a.total_sessions) / nullif(sum(sum(a.total_sessions)) over (), 0))::float8 as "sharePct",
                 (sum(a.total_watch_sec) / 3600.0)::float8 as "watchHours",
                 (sum(a.total_watch_sec) / 60.0 / nullif(sum(a.total_sessions), 0))::float8 as "avgWatchMinutes"
          from agg_daily_device_quality a
          where ${aggregateWhere(filters, source)}
          group by a.device_type
          having sum(a.total_sessions) > 0
          order by "sessions" desc, a.device_type`,
      db,
    );
  }
  const { statement } = groupedQuery(filters, {
    groups: [{ key: "device", as: "deviceType" }],
    columns: (
      m,
    ) => sql`${m.sessions} as "sessions", ${m.sharePct()} as "sharePct", ${m.watchHours} as "watchHours",
                        ${m.avgWatchMinutes} as "avgWatchMinutes"`,
  });
  return runQuery<DeviceMixRow>(
    sql`select * from (${statement}) t order by "sessions" desc, "deviceType"`,
    db,
  );
}
