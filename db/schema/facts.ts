import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import {
  dimContent,
  dimDate,
  dimDevice,
  dimGeography,
  dimNetwork,
  dimTime,
  dimUserCohort,
} from "./dimensions";

/** One row per viewing session; every dimension key is required (no null keys). */
export const factPlaybackSessions = pgTable(
  "fact_playback_sessions",
  {
    sessionKey: bigserial("session_key", { mode: "number" }).primaryKey(),
    sessionId: text("session_id").notNull().unique(),
    userId: text("user_id").notNull(),
    dateKey: integer("date_key")
      .notNull()
      .references(() => dimDate.dateKey),
    timeKey: integer("time_key")
      .notNull()
      .references(() => dimTime.timeKey),
    deviceKey: integer("device_key")
      .notNull()
      .references(() => dimDevice.deviceKey),
    geoKey: integer("geo_key")
      .notNull()
      .references(() => dimGeography.geoKey),
    contentKey: integer("content_key")
      .notNull()
      .references(() => dimContent.contentKey),
    networkKey: integer("network_key")
      .notNull()
      .references(() => dimNetwork.networkKey),
    cohortKey: integer("cohort_key")
      .notNull()
      .references(() => dimUserCohort.cohortKey),
    sessionTimestamp: timestamp("session_timestamp", { withTimezone: true, precision: 6 }).notNull(),
    startupTimeMs: integer("startup_time_ms").notNull(),
    startupCategory: text("startup_category").notNull(),
    rebufferCount: integer("rebuffer_count").notNull(),
    rebufferDurationMs: integer("rebuffer_duration_ms").notNull(),
    rebufferRatio: doublePrecision("rebuffer_ratio").notNull(),
    bufferingSeverity: text("buffering_severity").notNull(),
    avgBitrateKbps: integer("avg_bitrate_kbps").notNull(),
    minBitrateKbps: integer("min_bitrate_kbps").notNull(),
    maxBitrateKbps: integer("max_bitrate_kbps").notNull(),
    resolution: text("resolution").notNull(),
    qualityScore: smallint("quality_score").notNull(),
    framesDropped: integer("frames_dropped").notNull(),
    sessionDurationSec: integer("session_duration_sec").notNull(),
    playbackDurationSec: integer("playback_duration_sec").notNull(),
    overallQoeScore: doublePrecision("overall_qoe_score").notNull(),
    sessionQuality: text("session_quality").notNull(),
    videoStartFailure: boolean("video_start_failure").notNull().default(false),
    errorOccurred: boolean("error_occurred").notNull().default(false),
    bitrateResolutionMismatch: boolean("bitrate_resolution_mismatch").notNull().default(false),
    etlRunId: integer("etl_run_id").notNull(),
  },
  // Indexes for what reads the facts: date ranges, the selective filters (device, geography,
  // content) and a run's own rows (the ETL's report). None on the timestamp, the network (a
  // quarter of the rows per value: always a scan) or the cohort (nothing filters on them); each
  // costs every load ~0.45 s per million sessions.
  (t) => [
    index("fact_sessions_date_idx").on(t.dateKey),
    index("fact_sessions_device_idx").on(t.deviceKey),
    index("fact_sessions_geo_idx").on(t.geoKey),
    index("fact_sessions_content_idx").on(t.contentKey),
    index("fact_sessions_run_idx").on(t.etlRunId),
  ],
);
export type FactPlaybackSession = typeof factPlaybackSessions.$inferSelect;
