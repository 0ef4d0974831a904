import { sql } from "drizzle-orm";
import { DEVICE_FAMILY, type DeviceType } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";
import { QUALITY_PROFILE_QUANTILES, type QualityProfile, qualityProfileColumns } from "./qualityProfile";

export type DeviceSummaryRow = QualityProfile & { deviceType: string; deviceFamily: string };

/**
 * One row per device type with its full quality profile, largest first. From the cube when it
 * holds the filters (median / p95 startup from its histograms), otherwise from the facts.
 */
export async function getDeviceSummary(filters: ResolvedFilters, db?: Db): Promise<DeviceSummaryRow[]> {
  const { statement } = groupedQuery(filters, {
    groups: [{ key: "device", as: "deviceType" }],
    columns: qualityProfileColumns,
    quantiles: QUALITY_PROFILE_QUANTILES,
  });
  const rows = await runQuery<Omit<DeviceSummaryRow, "deviceFamily">>(
    sql`select * from (${statement}) t order by "sessions" desc, "deviceType"`,
    db,
  );
  return rows.map((r) => ({
    ...r,
    deviceFamily: DEVICE_FAMILY[r.deviceType as DeviceType]?.family ?? "unknown",
  }));
}
