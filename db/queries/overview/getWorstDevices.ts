import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { type GroupQuality, qualityByGroup } from "./qualityByGroup";

export type WorstDeviceRow = Omit<GroupQuality, "group"> & { deviceType: string };

/** Device types by average QoE, worst first. */
export async function getWorstDevices(filters: ResolvedFilters, db?: Db): Promise<WorstDeviceRow[]> {
  const rows = await qualityByGroup(
    {
      key: "device",
      aggregate: sql`agg_daily_device_quality`,
      aggregateColumn: sql`device_type`,
    },
    filters,
    db,
  );
  return rows.map(({ group, ...rest }) => ({ deviceType: group, ...rest }));
}
