import {
  boolean,
  date,
  integer,
  pgTable,
  real,
  serial,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** One row per calendar day touched by loaded data; no hard-coded range. */
export const dimDate = pgTable("dim_date", {
  dateKey: integer("date_key").primaryKey(), // YYYYMMDD
  fullDate: date("full_date").notNull().unique(),
  dayOfWeek: smallint("day_of_week").notNull(), // 0 = Monday, as in the seed
  dayName: text("day_name").notNull(),
  dayOfMonth: smallint("day_of_month").notNull(),
  dayOfYear: smallint("day_of_year").notNull(),
  weekOfYear: smallint("week_of_year").notNull(),
  month: smallint("month").notNull(),
  monthName: text("month_name").notNull(),
  quarter: smallint("quarter").notNull(),
  year: smallint("year").notNull(),
  isWeekend: boolean("is_weekend").notNull(),
  isHoliday: boolean("is_holiday").notNull().default(false),
});
export type DimDate = typeof dimDate.$inferSelect;

/** One row per minute of the day (time_key = HHMM). */
export const dimTime = pgTable("dim_time", {
  timeKey: integer("time_key").primaryKey(),
  hour: smallint("hour").notNull(),
  minute: smallint("minute").notNull(),
  timeOfDay: text("time_of_day").notNull(),
  isPeakTime: boolean("is_peak_time").notNull(),
  hourLabel: text("hour_label").notNull(),
});
export type DimTime = typeof dimTime.$inferSelect;

/**
 * Keyed by parsed attributes, not by the raw user agent (which in the seed gave one row per
 * session). `user_agent` keeps one example of the raw string for reference.
 */
export const dimDevice = pgTable(
  "dim_device",
  {
    deviceKey: serial("device_key").primaryKey(),
    deviceType: text("device_type").notNull(),
    deviceFamily: text("device_family").notNull(),
    manufacturer: text("manufacturer").notNull().default("unknown"),
    model: text("model").notNull().default("unknown"),
    osName: text("os_name").notNull().default("unknown"),
    osVersion: text("os_version").notNull().default("unknown"),
    browserName: text("browser_name").notNull().default("unknown"),
    appVersion: text("app_version").notNull(),
    screenSize: text("screen_size").notNull(),
    supports4k: boolean("supports_4k").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [
    uniqueIndex("dim_device_natural_key").on(
      t.deviceType,
      t.osName,
      t.osVersion,
      t.browserName,
      t.appVersion,
      t.manufacturer,
      t.model,
    ),
  ],
);
export type DimDevice = typeof dimDevice.$inferSelect;

/** Cohorts derived from each user's observed activity (first-seen month and viewing intensity). */
export const dimUserCohort = pgTable(
  "dim_user_cohort",
  {
    cohortKey: serial("cohort_key").primaryKey(),
    cohortName: text("cohort_name").notNull(),
    signupMonth: date("signup_month").notNull(),
    subscriptionTier: text("subscription_tier").notNull(),
    accountAgeDays: integer("account_age_days").notNull(),
    avgViewingHoursPerWeek: real("avg_viewing_hours_per_week").notNull(),
  },
  (t) => [uniqueIndex("dim_user_cohort_natural_key").on(t.cohortName)],
);
export type DimUserCohort = typeof dimUserCohort.$inferSelect;

export const dimGeography = pgTable(
  "dim_geography",
  {
    geoKey: serial("geo_key").primaryKey(),
    countryCode: text("country_code").notNull(),
    countryName: text("country_name").notNull(),
    region: text("region").notNull(),
    timezoneGroup: text("timezone_group").notNull(),
    marketMaturity: text("market_maturity").notNull(),
    isp: text("isp").notNull(),
    cdnPop: text("cdn_pop").notNull(),
  },
  (t) => [uniqueIndex("dim_geography_natural_key").on(t.countryCode, t.isp, t.cdnPop)],
);
export type DimGeography = typeof dimGeography.$inferSelect;

export const dimContent = pgTable("dim_content", {
  contentKey: serial("content_key").primaryKey(),
  contentId: text("content_id").notNull().unique(),
  contentType: text("content_type").notNull(),
  genre: text("genre").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  releaseYear: smallint("release_year").notNull(),
  isOriginal: boolean("is_original").notNull(),
  videoCodec: text("video_codec").notNull(),
  maxResolution: text("max_resolution").notNull(),
});
export type DimContent = typeof dimContent.$inferSelect;

export const dimNetwork = pgTable(
  "dim_network",
  {
    networkKey: serial("network_key").primaryKey(),
    networkType: text("network_type").notNull(),
    networkQuality: text("network_quality").notNull(),
    estimatedBandwidthMbps: real("estimated_bandwidth_mbps").notNull(),
    isMetered: boolean("is_metered").notNull(),
  },
  (t) => [uniqueIndex("dim_network_natural_key").on(t.networkType, t.networkQuality)],
);
export type DimNetwork = typeof dimNetwork.$inferSelect;
