import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { runQuery } from "../sql";
import { type QualityProfile, qualityProfileColumns } from "./qualityProfile";

export type DeviceSummaryRow = QualityProfile & { deviceType: string; deviceFamily: string };

/**
 * One row per device type with its full quality profile, largest first. Read from the facts:
 * medians and p95 of several days cannot be combined from the daily aggregates.
 */
export async function getDeviceSummary(filters: ResolvedFilters, db?: Db): Promise<DeviceSummaryRow[]> {
  return runQuery<DeviceSummaryRow>(
    sql`select d.device_type as "deviceType", min(d.device_family) as "deviceFamily", ${qualityProfileColumns}
        from fact_playback_sessions f
        join dim_device d on d.device_key = f.device_key
        where ${factWhere(filters)}
        group by d.device_type
        order by "sessions" desc, d.device_type`,
    db,
  );
}
