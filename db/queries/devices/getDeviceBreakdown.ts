import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { DEVICE_TYPES, type DeviceType } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { runQuery } from "../sql";
import { BREAKDOWN_ROW_LIMIT, type BreakdownRow, qualityProfileColumns } from "./qualityProfile";

/**
 * Within one device type: quality by OS name, by OS name + version, or by app version. The
 * grouping names are the filter keys and the values are spelt as those filters expect, so a
 * clicked row becomes a filter as is.
 */
export const DEVICE_BREAKDOWNS = ["os", "osVersion", "app"] as const;
export type DeviceBreakdown = (typeof DEVICE_BREAKDOWNS)[number];

const COLUMNS: Record<DeviceBreakdown, SQL> = {
  os: sql`d.os_name`,
  osVersion: sql`(d.os_name || ' ' || d.os_version)`,
  app: sql`d.app_version`,
};

export const deviceBreakdownSchema = z.object({
  deviceType: z.enum(DEVICE_TYPES, { message: `must be one of ${DEVICE_TYPES.join(", ")}` }),
  by: z.enum(DEVICE_BREAKDOWNS, { message: `must be one of ${DEVICE_BREAKDOWNS.join(", ")}` }),
});

export async function getDeviceBreakdown(
  filters: ResolvedFilters,
  deviceType: DeviceType,
  by: DeviceBreakdown,
  db?: Db,
): Promise<BreakdownRow[]> {
  // The page's device type replaces any device filter from the URL.
  const scoped: ResolvedFilters = { ...filters, device: [deviceType] };
  const column = COLUMNS[by];
  return runQuery<BreakdownRow>(
    sql`select ${column} as "value", null::text as "group", (count(*) over ())::int as "groupCount",
               ${qualityProfileColumns}
        from fact_playback_sessions f
        join dim_device d on d.device_key = f.device_key
        where ${factWhere(scoped)}
        group by ${column}
        order by "sessions" desc, 1
        limit ${BREAKDOWN_ROW_LIMIT}`,
    db,
  );
}
