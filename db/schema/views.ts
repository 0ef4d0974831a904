import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, integer, pgView, smallint, text } from "drizzle-orm/pg-core";

/** The seed's four analytical views, same names so its SQL runs unchanged. */

export const vwDailyQualitySummary = pgView("vw_daily_quality_summary", {
  fullDate: date("full_date"),
  dayName: text("day_name"),
  isWeekend: boolean("is_weekend"),
  totalSessions: integer("total_sessions"),
  uniqueUsers: integer("unique_users"),
  avgQoeScore: doublePrecision("avg_qoe_score"),
  avgStartupMs: doublePrecision("avg_startup_ms"),
  p95StartupMs: doublePrecision("p95_startup_ms"),
  avgRebufferRatio: doublePrecision("avg_rebuffer_ratio"),
  poorSessionPct: doublePrecision("poor_session_pct"),
}).as(sql`
  select d.full_date, d.day_name, d.is_weekend, a.total_sessions, a.unique_users,
         round(a.avg_qoe_score::numeric, 2)::float8 as avg_qoe_score,
         round(a.avg_startup_ms::numeric, 0)::float8 as avg_startup_ms,
         a.p95_startup_ms,
         round(a.avg_rebuffer_ratio::numeric, 3)::float8 as avg_rebuffer_ratio,
         round(a.poor_session_pct::numeric, 2)::float8 as poor_session_pct
  from agg_daily_quality a
  join dim_date d on d.date_key = a.date_key
`);

export const vwDevicePerformance = pgView("vw_device_performance", {
  deviceType: text("device_type"),
  osName: text("os_name"),
  totalSessions: integer("total_sessions"),
  avgQoeScore: doublePrecision("avg_qoe_score"),
  avgStartupMs: doublePrecision("avg_startup_ms"),
  p95StartupMs: doublePrecision("p95_startup_ms"),
  avgRebufferCount: doublePrecision("avg_rebuffer_count"),
  avgBitrateKbps: doublePrecision("avg_bitrate_kbps"),
}).as(sql`
  select d.device_type, d.os_name, count(*)::int as total_sessions,
         avg(f.overall_qoe_score) as avg_qoe_score,
         avg(f.startup_time_ms)::float8 as avg_startup_ms,
         percentile_cont(0.95) within group (order by f.startup_time_ms) as p95_startup_ms,
         avg(f.rebuffer_count)::float8 as avg_rebuffer_count,
         avg(f.avg_bitrate_kbps)::float8 as avg_bitrate_kbps
  from fact_playback_sessions f
  join dim_device d on d.device_key = f.device_key
  group by d.device_type, d.os_name
`);

export const vwGeographicQuality = pgView("vw_geographic_quality", {
  countryCode: text("country_code"),
  countryName: text("country_name"),
  region: text("region"),
  totalSessions: integer("total_sessions"),
  avgQoeScore: doublePrecision("avg_qoe_score"),
  avgStartupMs: doublePrecision("avg_startup_ms"),
  avgRebufferRatio: doublePrecision("avg_rebuffer_ratio"),
  avgBitrateKbps: doublePrecision("avg_bitrate_kbps"),
}).as(sql`
  select g.country_code, g.country_name, g.region, count(*)::int as total_sessions,
         avg(f.overall_qoe_score) as avg_qoe_score,
         avg(f.startup_time_ms)::float8 as avg_startup_ms,
         avg(f.rebuffer_ratio) as avg_rebuffer_ratio,
         avg(f.avg_bitrate_kbps)::float8 as avg_bitrate_kbps
  from fact_playback_sessions f
  join dim_geography g on g.geo_key = f.geo_key
  group by g.country_code, g.country_name, g.region
`);

export const vwPeakTimeAnalysis = pgView("vw_peak_time_analysis", {
  hour: smallint("hour"),
  timeOfDay: text("time_of_day"),
  isPeakTime: boolean("is_peak_time"),
  totalSessions: integer("total_sessions"),
  avgQoeScore: doublePrecision("avg_qoe_score"),
  avgStartupMs: doublePrecision("avg_startup_ms"),
  avgRebufferRatio: doublePrecision("avg_rebuffer_ratio"),
}).as(sql`
  select t.hour, t.time_of_day, t.is_peak_time, count(*)::int as total_sessions,
         avg(f.overall_qoe_score) as avg_qoe_score,
         avg(f.startup_time_ms)::float8 as avg_startup_ms,
         avg(f.rebuffer_ratio) as avg_rebuffer_ratio
  from fact_playback_sessions f
  join dim_time t on t.time_key = f.time_key
  group by t.hour, t.time_of_day, t.is_peak_time
`);
