import { type SQL, sql } from "drizzle-orm";
import type { InsightDimension } from "@/lib/insights/dimensions";
import type { InsightMetric } from "@/lib/insights/metrics";

/**
 * How the insights dimensions and metrics map onto the star schema. Dimensions live in four
 * dimension tables ("families"); the fact table reaches each through one key, so aggregating by a
 * pair of keys covers every attribute pair across (or within) those two tables at once.
 */

export type Family = "device" | "geo" | "network" | "content";

export const FAMILY_TABLES: Record<Family, { table: SQL; key: string; alias: string }> = {
  device: { table: sql`dim_device`, key: "device_key", alias: "dd" },
  geo: { table: sql`dim_geography`, key: "geo_key", alias: "dg" },
  network: { table: sql`dim_network`, key: "network_key", alias: "dn" },
  content: { table: sql`dim_content`, key: "content_key", alias: "dc" },
};

/** Each dimension's family and its column over the family's table (aliased as in FAMILY_TABLES). */
export const DIMENSION_COLUMNS: Record<InsightDimension, { family: Family; column: SQL }> = {
  device_type: { family: "device", column: sql`dd.device_type` },
  os_name: { family: "device", column: sql`dd.os_name` },
  // The dashboard's osVersion filter format (db/queries/filters.ts): "<os_name> <os_version>".
  os_version: { family: "device", column: sql`(dd.os_name || ' ' || dd.os_version)` },
  app_version: { family: "device", column: sql`dd.app_version` },
  content_id: { family: "content", column: sql`dc.content_id` },
  country_code: { family: "geo", column: sql`dg.country_code` },
  isp: { family: "geo", column: sql`dg.isp` },
  cdn_pop: { family: "geo", column: sql`dg.cdn_pop` },
  network_type: { family: "network", column: sql`dn.network_type` },
};

/** Per-session value of each metric over the fact table `f` (failure as 0/1). */
export const METRIC_COLUMNS: Record<InsightMetric, SQL> = {
  startup_time_ms: sql`f.startup_time_ms::float8`,
  rebuffer_ratio: sql`f.rebuffer_ratio::float8`,
  rebuffer_count: sql`f.rebuffer_count::float8`,
  bitrate_kbps: sql`f.avg_bitrate_kbps::float8`,
  video_start_failure_rate: sql`(f.video_start_failure::int)::float8`,
};

/** Exposure of stall counts: minutes of session time. */
export const MINUTES = sql`(f.session_duration_sec::float8 / 60.0)`;
export const STALL_MS = sql`f.rebuffer_duration_ms::float8`;

export const ident = (name: string) => sql.raw(`"${name.replaceAll('"', "")}"`);
