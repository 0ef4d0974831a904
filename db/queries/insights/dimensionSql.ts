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

/**
 * A fact column and the binary type the streamed pass reads it as (getSegmentStats.ts). The cast
 * to that type is a no-op for today's schema (the planner drops it) and keeps the wire format
 * fixed if a column type ever changes.
 */
export type FactColumn = { column: SQL; wire: "int4" | "float8" | "bool" };

/** Each metric's per-session value: its fact column. */
export const METRIC_FACTS: Record<InsightMetric, FactColumn> = {
  startup_time_ms: { column: sql`f.startup_time_ms`, wire: "int4" },
  rebuffer_ratio: { column: sql`f.rebuffer_ratio`, wire: "float8" },
  rebuffer_count: { column: sql`f.rebuffer_count`, wire: "int4" },
  bitrate_kbps: { column: sql`f.avg_bitrate_kbps`, wire: "int4" },
  video_start_failure_rate: { column: sql`f.video_start_failure`, wire: "bool" },
};
export const SESSION_SECONDS: FactColumn = { column: sql`f.session_duration_sec`, wire: "int4" };
export const STALL_FACT: FactColumn = { column: sql`f.rebuffer_duration_ms`, wire: "int4" };

/** A fact column as float8 for SQL sums (booleans as 0/1). */
const float8 = ({ column, wire }: FactColumn) =>
  wire === "bool" ? sql`(${column}::int)::float8` : sql`${column}::float8`;

/** Per-session value of each metric over the fact table `f` (failure as 0/1). */
export const METRIC_COLUMNS = Object.fromEntries(
  Object.entries(METRIC_FACTS).map(([m, fact]) => [m, float8(fact)]),
) as Record<InsightMetric, SQL>;

/** Exposure of stall counts: minutes of session time. */
export const SECONDS_PER_MINUTE = 60;
export const MINUTES = sql`(${float8(SESSION_SECONDS)} / ${sql.raw(SECONDS_PER_MINUTE.toFixed(1))})`;
export const STALL_MS = float8(STALL_FACT);

export const ident = (name: string) => sql.raw(`"${name.replaceAll('"', "")}"`);
