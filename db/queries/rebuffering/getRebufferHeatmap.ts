import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type RebufferHeatmapCell = {
  hour: number;
  deviceType: string;
  rebufferRatio: number;
  sessions: number;
};

/** Rebuffer ratio per hour of day (UTC) × device type; only cells with sessions. */
export async function getRebufferHeatmap(filters: ResolvedFilters, db?: Db): Promise<RebufferHeatmapCell[]> {
  const { statement } = groupedQuery(filters, {
    groups: [
      { key: "hour", as: "hour" },
      { key: "device", as: "deviceType" },
    ],
    columns: (m) => sql`${m.rebufferRatio} as "rebufferRatio", ${m.sessions} as sessions`,
  });
  return runQuery<RebufferHeatmapCell>(sql`select * from (${statement}) t order by "deviceType", hour`, db);
}
