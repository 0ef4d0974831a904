import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/** One row per `npm run etl` invocation, written outside the load transaction so it survives failures. */
export const etlRuns = pgTable("etl_runs", {
  runId: serial("run_id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  // running | succeeded | no_op | refused | failed | quality_failed
  status: text("status").notNull(),
  sourceFiles: jsonb("source_files").$type<string[]>().notNull().default([]),
  rowsRead: integer("rows_read").notNull().default(0),
  rowsLoaded: integer("rows_loaded").notNull().default(0),
  rowsRejected: integer("rows_rejected").notNull().default(0),
  duplicates: integer("duplicates").notNull().default(0),
  rejectedByReason: jsonb("rejected_by_reason").$type<Record<string, number>>().notNull().default({}),
  fixedByRule: jsonb("fixed_by_rule").$type<Record<string, number>>().notNull().default({}),
  qualityScore: doublePrecision("quality_score"),
  qualityChecks: jsonb("quality_checks").$type<unknown[]>().notNull().default([]),
  stageTimingsMs: jsonb("stage_timings_ms").$type<Record<string, number>>().notNull().default({}),
  datesTouched: jsonb("dates_touched").$type<number[]>().notNull().default([]),
  message: text("message"),
  // The full closing summary (per-file details, warnings), as printed by `npm run etl -- --json`.
  summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
});
export type EtlRun = typeof etlRuns.$inferSelect;

/** Content hashes of files already loaded, so a rerun of the same file is a reported no-op. */
export const etlLoadedFiles = pgTable("etl_loaded_files", {
  fileHash: text("file_hash").primaryKey(),
  runId: integer("run_id").notNull(),
  path: text("path").notNull(),
  bytes: bigint("bytes", { mode: "number" }).notNull(),
  rowsRead: integer("rows_read").notNull(),
  loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Rows refused by validation, kept with their reason so nothing is lost silently. */
export const etlRejectedRows = pgTable(
  "etl_rejected_rows",
  {
    rejectId: bigserial("reject_id", { mode: "number" }).primaryKey(),
    runId: integer("run_id").notNull(),
    sourceFile: text("source_file").notNull(),
    lineNumber: integer("line_number").notNull(),
    reasonCode: text("reason_code").notNull(),
    reasonDetail: text("reason_detail"),
    rawRow: text("raw_row").notNull(),
  },
  // raw_row's hash index finds rows an earlier run refused (re-deliveries), at any row length.
  (t) => [
    index("etl_rejected_rows_run_idx").on(t.runId, t.reasonCode),
    index("etl_rejected_rows_raw_row_idx").using("hash", t.rawRow),
  ],
);
export type EtlRejectedRow = typeof etlRejectedRows.$inferSelect;

/**
 * Landing table for COPY: every field as text, exactly as read, with its provenance (`file_no`
 * indexes the run's `source_files`). UNLOGGED (custom migration) and written only inside the
 * run's transaction, which truncates it first and last, so runs (serialised by an advisory lock)
 * never see each other's rows and a killed run leaves nothing behind. No index: COPY speed first.
 */
export const stgPlaybackSessions = pgTable("stg_playback_sessions", {
  runId: integer("run_id").notNull(),
  fileNo: smallint("file_no").notNull(),
  lineNumber: integer("line_number").notNull(),
  fieldCount: integer("field_count").notNull(),
  rawRow: text("raw_row"),
  sessionId: text("session_id"),
  userId: text("user_id"),
  timestamp: text("timestamp"),
  deviceType: text("device_type"),
  osVersion: text("os_version"),
  appVersion: text("app_version"),
  contentId: text("content_id"),
  startupTimeMs: text("startup_time_ms"),
  rebufferCount: text("rebuffer_count"),
  rebufferDurationMs: text("rebuffer_duration_ms"),
  bitrateKbps: text("bitrate_kbps"),
  resolution: text("resolution"),
  framesDropped: text("frames_dropped"),
  sessionDurationSec: text("session_duration_sec"),
  networkType: text("network_type"),
  countryCode: text("country_code"),
  isp: text("isp"),
  cdnPop: text("cdn_pop"),
  hour: text("hour"),
  dayOfWeek: text("day_of_week"),
  videoStartFailure: text("video_start_failure"),
  errorOccurred: text("error_occurred"),
});

/**
 * Parsed user agents, one row per distinct raw string ever seen. The ETL parses only strings not
 * yet here (in Node, once per distinct value) and joins facts to devices through this table.
 */
export const etlUserAgents = pgTable("etl_user_agents", {
  userAgent: text("user_agent").primaryKey(),
  osName: text("os_name").notNull(),
  osVersion: text("os_version").notNull(),
  browserName: text("browser_name").notNull(),
  manufacturer: text("manufacturer").notNull(),
  model: text("model").notNull(),
});

/** Observed activity per user; cohorts are derived from it rather than assigned at random. */
export const userActivity = pgTable("user_activity", {
  userId: text("user_id").primaryKey(),
  firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  sessions: integer("sessions").notNull(),
  watchSec: bigint("watch_sec", { mode: "number" }).notNull(),
  maxBitrateKbps: integer("max_bitrate_kbps").notNull(),
});
