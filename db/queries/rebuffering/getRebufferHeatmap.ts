import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type RebufferHeatmapCell = {
  hour: number;
  deviceType: string;
  rebufferRatio: number;
  sessions: number;
};

/** Rebuffer ratio per hour of day (UTC) × device type; only cells with sessions. */
export async function getRebufferHeatmap(filters: ResolvedFilters, db?: Db): Promise<RebufferHeatmapCell[]> {
  return runQuery<RebufferHeatmapCell>(
    sql`select t.hour::int as hour, d.device_type as "deviceType",
               ${measures.rebufferRatio} as "rebufferRatio", ${measures.sessions} as sessions
        from fact_playback_sessions f
        join dim_time t on t.time_key = f.time_key
        join dim_device d on d.device_key = f.device_key
        where ${factWhere(filters)}
        group by 1, 2
        order by 2, 1`,
    db,
  );
}
