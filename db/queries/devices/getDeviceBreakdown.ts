import { sql } from "drizzle-orm";
import { z } from "zod";
import { DEVICE_TYPES, type DeviceType } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";
import {
  BREAKDOWN_ROW_LIMIT,
  type BreakdownRow,
  QUALITY_PROFILE_QUANTILES,
  qualityProfileColumns,
} from "./qualityProfile";

/**
 * Within one device type: quality by OS name, by OS name + version, or by app version. The
 * grouping names are the filter keys and the values are spelt as those filters expect, so a
 * clicked row becomes a filter as is.
 */
export const DEVICE_BREAKDOWNS = ["os", "osVersion", "app"] as const;
export type DeviceBreakdown = (typeof DEVICE_BREAKDOWNS)[number];

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
  // The breakdown names are group keys of the query layer (os, osVersion, app).
  const { statement } = groupedQuery(scoped, {
    groups: [{ key: by, as: "value" }],
    columns: qualityProfileColumns,
    quantiles: QUALITY_PROFILE_QUANTILES,
  });
  return runQuery<BreakdownRow>(
    sql`select t.*, null::text as "group", (count(*) over ())::int as "groupCount"
        from (${statement}) t
        order by "sessions" desc, "value"
        limit ${BREAKDOWN_ROW_LIMIT}`,
    db,
  );
}
