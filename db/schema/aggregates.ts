import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { CUBE_MEASURES } from "../cube/definition";

/**
 * The quality metrics every aggregate carries (SPEC.md section 5). Defined once so the four
 * aggregate tables stay identical in shape; they are refreshed by the ETL only for the dates a
 * run touched (delete + insert inside the run's transaction).
 */
const qualityMetrics = () => ({
  fullDate: date("full_date").notNull(),
  totalSessions: integer("total_sessions").notNull(),
  uniqueUsers: integer("unique_users").notNull(),
  avgStartupMs: doublePrecision("avg_startup_ms").notNull(),
  medianStartupMs: doublePrecision("median_startup_ms").notNull(),
  p95StartupMs: doublePrecision("p95_startup_ms").notNull(),
  avgRebufferCount: doublePrecision("avg_rebuffer_count").notNull(),
  avgRebufferRatio: doublePrecision("avg_rebuffer_ratio").notNull(),
  totalRebufferDurationMs: doublePrecision("total_rebuffer_duration_ms").notNull(),
  sessionsWithRebuffering: integer("sessions_with_rebuffering").notNull(),
  avgBitrateKbps: doublePrecision("avg_bitrate_kbps").notNull(),
  avgQoeScore: doublePrecision("avg_qoe_score").notNull(),
  medianQoeScore: doublePrecision("median_qoe_score").notNull(),
  excellentSessions: integer("excellent_sessions").notNull(),
  goodSessions: integer("good_sessions").notNull(),
  fairSessions: integer("fair_sessions").notNull(),
  poorSessions: integer("poor_sessions").notNull(),
  poorSessionPct: doublePrecision("poor_session_pct").notNull(),
  totalWatchSec: doublePrecision("total_watch_sec").notNull(),
  videoStartFailures: integer("video_start_failures").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const aggDailyQuality = pgTable("agg_daily_quality", {
  dateKey: integer("date_key").primaryKey(),
  ...qualityMetrics(),
});
export type AggDailyQuality = typeof aggDailyQuality.$inferSelect;

export const aggDailyDeviceQuality = pgTable(
  "agg_daily_device_quality",
  {
    dateKey: integer("date_key").notNull(),
    deviceType: text("device_type").notNull(),
    ...qualityMetrics(),
  },
  (t) => [primaryKey({ columns: [t.dateKey, t.deviceType] })],
);
export type AggDailyDeviceQuality = typeof aggDailyDeviceQuality.$inferSelect;

export const aggDailyGeoQuality = pgTable(
  "agg_daily_geo_quality",
  {
    dateKey: integer("date_key").notNull(),
    countryCode: text("country_code").notNull(),
    ...qualityMetrics(),
  },
  (t) => [primaryKey({ columns: [t.dateKey, t.countryCode] })],
);
export type AggDailyGeoQuality = typeof aggDailyGeoQuality.$inferSelect;

export const aggHourlyQuality = pgTable(
  "agg_hourly_quality",
  {
    dateKey: integer("date_key").notNull(),
    hour: smallint("hour").notNull(),
    ...qualityMetrics(),
  },
  (t) => [primaryKey({ columns: [t.dateKey, t.hour] })],
);
export type AggHourlyQuality = typeof aggHourlyQuality.$inferSelect;

/**
 * The cube (db/cube/definition.ts): additive measures and sparse histograms per grain and day.
 * Dimension columns a grain does not hold are null; `grain` names the set of dimensions. Rebuilt
 * for the touched days by the ETL's aggregate stage, and wholly when the definition changes.
 * (Cells are unique per grain and day by construction, a GROUP BY; the cube test checks it.)
 */
export const aggCube = pgTable(
  "agg_cube",
  {
    grain: text("grain").notNull(),
    dateKey: integer("date_key").notNull(),
    hour: smallint("hour"),
    deviceType: text("device_type"),
    osName: text("os_name"),
    osVersion: text("os_version"),
    appVersion: text("app_version"),
    countryCode: text("country_code"),
    isp: text("isp"),
    cdnPop: text("cdn_pop"),
    networkType: text("network_type"),
    contentId: text("content_id"),
    ...Object.fromEntries(
      CUBE_MEASURES.map((m) => [
        m.column,
        m.type === "int" ? integer(m.column).notNull() : doublePrecision(m.column).notNull(),
      ]),
    ),
    startupBins: smallint("startup_bins").array().notNull(),
    startupCounts: integer("startup_counts").array().notNull(),
    bitrateBins: smallint("bitrate_bins").array().notNull(),
    bitrateCounts: integer("bitrate_counts").array().notNull(),
  },
  // Queries read one grain over a date range; the ETL deletes by date.
  (t) => [index("agg_cube_grain_date_idx").on(t.grain, t.dateKey), index("agg_cube_date_idx").on(t.dateKey)],
);

/** Which cube definition (CUBE_VERSION) the rows of agg_cube were built from. */
export const aggCubeState = pgTable("agg_cube_state", {
  id: smallint("id").primaryKey().default(1),
  version: text("version").notNull(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
});
