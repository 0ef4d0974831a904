import {
  date,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

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
