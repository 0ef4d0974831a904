CREATE TABLE "agg_daily_device_quality" (
	"date_key" integer NOT NULL,
	"device_type" text NOT NULL,
	"full_date" date NOT NULL,
	"total_sessions" integer NOT NULL,
	"unique_users" integer NOT NULL,
	"avg_startup_ms" double precision NOT NULL,
	"median_startup_ms" double precision NOT NULL,
	"p95_startup_ms" double precision NOT NULL,
	"avg_rebuffer_count" double precision NOT NULL,
	"avg_rebuffer_ratio" double precision NOT NULL,
	"total_rebuffer_duration_ms" double precision NOT NULL,
	"sessions_with_rebuffering" integer NOT NULL,
	"avg_bitrate_kbps" double precision NOT NULL,
	"avg_qoe_score" double precision NOT NULL,
	"median_qoe_score" double precision NOT NULL,
	"excellent_sessions" integer NOT NULL,
	"good_sessions" integer NOT NULL,
	"fair_sessions" integer NOT NULL,
	"poor_sessions" integer NOT NULL,
	"poor_session_pct" double precision NOT NULL,
	"total_watch_sec" double precision NOT NULL,
	"video_start_failures" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agg_daily_device_quality_date_key_device_type_pk" PRIMARY KEY("date_key","device_type")
);
--> statement-breakpoint
CREATE TABLE "agg_daily_geo_quality" (
	"date_key" integer NOT NULL,
	"country_code" text NOT NULL,
	"full_date" date NOT NULL,
	"total_sessions" integer NOT NULL,
	"unique_users" integer NOT NULL,
	"avg_startup_ms" double precision NOT NULL,
	"median_startup_ms" double precision NOT NULL,
	"p95_startup_ms" double precision NOT NULL,
	"avg_rebuffer_count" double precision NOT NULL,
	"avg_rebuffer_ratio" double precision NOT NULL,
	"total_rebuffer_duration_ms" double precision NOT NULL,
	"sessions_with_rebuffering" integer NOT NULL,
	"avg_bitrate_kbps" double precision NOT NULL,
	"avg_qoe_score" double precision NOT NULL,
	"median_qoe_score" double precision NOT NULL,
	"excellent_sessions" integer NOT NULL,
	"good_sessions" integer NOT NULL,
	"fair_sessions" integer NOT NULL,
	"poor_sessions" integer NOT NULL,
	"poor_session_pct" double precision NOT NULL,
	"total_watch_sec" double precision NOT NULL,
	"video_start_failures" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agg_daily_geo_quality_date_key_country_code_pk" PRIMARY KEY("date_key","country_code")
);
--> statement-breakpoint
CREATE TABLE "agg_daily_quality" (
	"date_key" integer PRIMARY KEY NOT NULL,
	"full_date" date NOT NULL,
	"total_sessions" integer NOT NULL,
	"unique_users" integer NOT NULL,
	"avg_startup_ms" double precision NOT NULL,
	"median_startup_ms" double precision NOT NULL,
	"p95_startup_ms" double precision NOT NULL,
	"avg_rebuffer_count" double precision NOT NULL,
	"avg_rebuffer_ratio" double precision NOT NULL,
	"total_rebuffer_duration_ms" double precision NOT NULL,
	"sessions_with_rebuffering" integer NOT NULL,
	"avg_bitrate_kbps" double precision NOT NULL,
	"avg_qoe_score" double precision NOT NULL,
	"median_qoe_score" double precision NOT NULL,
	"excellent_sessions" integer NOT NULL,
	"good_sessions" integer NOT NULL,
	"fair_sessions" integer NOT NULL,
	"poor_sessions" integer NOT NULL,
	"poor_session_pct" double precision NOT NULL,
	"total_watch_sec" double precision NOT NULL,
	"video_start_failures" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_hourly_quality" (
	"date_key" integer NOT NULL,
	"hour" smallint NOT NULL,
	"full_date" date NOT NULL,
	"total_sessions" integer NOT NULL,
	"unique_users" integer NOT NULL,
	"avg_startup_ms" double precision NOT NULL,
	"median_startup_ms" double precision NOT NULL,
	"p95_startup_ms" double precision NOT NULL,
	"avg_rebuffer_count" double precision NOT NULL,
	"avg_rebuffer_ratio" double precision NOT NULL,
	"total_rebuffer_duration_ms" double precision NOT NULL,
	"sessions_with_rebuffering" integer NOT NULL,
	"avg_bitrate_kbps" double precision NOT NULL,
	"avg_qoe_score" double precision NOT NULL,
	"median_qoe_score" double precision NOT NULL,
	"excellent_sessions" integer NOT NULL,
	"good_sessions" integer NOT NULL,
	"fair_sessions" integer NOT NULL,
	"poor_sessions" integer NOT NULL,
	"poor_session_pct" double precision NOT NULL,
	"total_watch_sec" double precision NOT NULL,
	"video_start_failures" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agg_hourly_quality_date_key_hour_pk" PRIMARY KEY("date_key","hour")
);
--> statement-breakpoint
CREATE TABLE "dim_content" (
	"content_key" serial PRIMARY KEY NOT NULL,
	"content_id" text NOT NULL,
	"content_type" text NOT NULL,
	"genre" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"release_year" smallint NOT NULL,
	"is_original" boolean NOT NULL,
	"video_codec" text NOT NULL,
	"max_resolution" text NOT NULL,
	CONSTRAINT "dim_content_content_id_unique" UNIQUE("content_id")
);
--> statement-breakpoint
CREATE TABLE "dim_date" (
	"date_key" integer PRIMARY KEY NOT NULL,
	"full_date" date NOT NULL,
	"day_of_week" smallint NOT NULL,
	"day_name" text NOT NULL,
	"day_of_month" smallint NOT NULL,
	"day_of_year" smallint NOT NULL,
	"week_of_year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"month_name" text NOT NULL,
	"quarter" smallint NOT NULL,
	"year" smallint NOT NULL,
	"is_weekend" boolean NOT NULL,
	"is_holiday" boolean DEFAULT false NOT NULL,
	CONSTRAINT "dim_date_full_date_unique" UNIQUE("full_date")
);
--> statement-breakpoint
CREATE TABLE "dim_device" (
	"device_key" serial PRIMARY KEY NOT NULL,
	"device_type" text NOT NULL,
	"device_family" text NOT NULL,
	"manufacturer" text DEFAULT 'unknown' NOT NULL,
	"model" text DEFAULT 'unknown' NOT NULL,
	"os_name" text DEFAULT 'unknown' NOT NULL,
	"os_version" text DEFAULT 'unknown' NOT NULL,
	"browser_name" text DEFAULT 'unknown' NOT NULL,
	"app_version" text NOT NULL,
	"screen_size" text NOT NULL,
	"supports_4k" boolean NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "dim_geography" (
	"geo_key" serial PRIMARY KEY NOT NULL,
	"country_code" text NOT NULL,
	"country_name" text NOT NULL,
	"region" text NOT NULL,
	"timezone_group" text NOT NULL,
	"market_maturity" text NOT NULL,
	"isp" text NOT NULL,
	"cdn_pop" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dim_network" (
	"network_key" serial PRIMARY KEY NOT NULL,
	"network_type" text NOT NULL,
	"network_quality" text NOT NULL,
	"estimated_bandwidth_mbps" real NOT NULL,
	"is_metered" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dim_time" (
	"time_key" integer PRIMARY KEY NOT NULL,
	"hour" smallint NOT NULL,
	"minute" smallint NOT NULL,
	"time_of_day" text NOT NULL,
	"is_peak_time" boolean NOT NULL,
	"hour_label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dim_user_cohort" (
	"cohort_key" serial PRIMARY KEY NOT NULL,
	"cohort_name" text NOT NULL,
	"signup_month" date NOT NULL,
	"subscription_tier" text NOT NULL,
	"account_age_days" integer NOT NULL,
	"avg_viewing_hours_per_week" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_playback_sessions" (
	"session_key" bigserial PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"date_key" integer NOT NULL,
	"time_key" integer NOT NULL,
	"device_key" integer NOT NULL,
	"geo_key" integer NOT NULL,
	"content_key" integer NOT NULL,
	"network_key" integer NOT NULL,
	"cohort_key" integer NOT NULL,
	"session_timestamp" timestamp (6) with time zone NOT NULL,
	"startup_time_ms" integer NOT NULL,
	"startup_category" text NOT NULL,
	"rebuffer_count" integer NOT NULL,
	"rebuffer_duration_ms" integer NOT NULL,
	"rebuffer_ratio" double precision NOT NULL,
	"buffering_severity" text NOT NULL,
	"avg_bitrate_kbps" integer NOT NULL,
	"min_bitrate_kbps" integer NOT NULL,
	"max_bitrate_kbps" integer NOT NULL,
	"resolution" text NOT NULL,
	"quality_score" smallint NOT NULL,
	"frames_dropped" integer NOT NULL,
	"session_duration_sec" integer NOT NULL,
	"playback_duration_sec" integer NOT NULL,
	"overall_qoe_score" double precision NOT NULL,
	"session_quality" text NOT NULL,
	"video_start_failure" boolean DEFAULT false NOT NULL,
	"error_occurred" boolean DEFAULT false NOT NULL,
	"bitrate_resolution_mismatch" boolean DEFAULT false NOT NULL,
	"etl_run_id" integer NOT NULL,
	CONSTRAINT "fact_playback_sessions_session_id_unique" UNIQUE("session_id")
);
--> statement-breakpoint
CREATE TABLE "etl_loaded_files" (
	"file_hash" text PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"path" text NOT NULL,
	"bytes" bigint NOT NULL,
	"rows_read" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "etl_rejected_rows" (
	"reject_id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"source_file" text NOT NULL,
	"line_number" integer NOT NULL,
	"reason_code" text NOT NULL,
	"reason_detail" text,
	"raw_row" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "etl_runs" (
	"run_id" serial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"source_files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_loaded" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected_by_reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fixed_by_rule" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"quality_score" double precision,
	"quality_checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stage_timings_ms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dates_touched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "stg_playback_sessions" (
	"run_id" integer NOT NULL,
	"source_file" text NOT NULL,
	"line_number" integer NOT NULL,
	"field_count" integer NOT NULL,
	"raw_row" text,
	"session_id" text,
	"user_id" text,
	"timestamp" text,
	"device_type" text,
	"os_version" text,
	"app_version" text,
	"content_id" text,
	"startup_time_ms" text,
	"rebuffer_count" text,
	"rebuffer_duration_ms" text,
	"bitrate_kbps" text,
	"resolution" text,
	"frames_dropped" text,
	"session_duration_sec" text,
	"network_type" text,
	"country_code" text,
	"isp" text,
	"cdn_pop" text,
	"hour" text,
	"day_of_week" text,
	"video_start_failure" text,
	"error_occurred" text
);
--> statement-breakpoint
CREATE TABLE "user_activity" (
	"user_id" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"sessions" integer NOT NULL,
	"watch_sec" bigint NOT NULL,
	"max_bitrate_kbps" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_date_key_dim_date_date_key_fk" FOREIGN KEY ("date_key") REFERENCES "public"."dim_date"("date_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_time_key_dim_time_time_key_fk" FOREIGN KEY ("time_key") REFERENCES "public"."dim_time"("time_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_device_key_dim_device_device_key_fk" FOREIGN KEY ("device_key") REFERENCES "public"."dim_device"("device_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_geo_key_dim_geography_geo_key_fk" FOREIGN KEY ("geo_key") REFERENCES "public"."dim_geography"("geo_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_content_key_dim_content_content_key_fk" FOREIGN KEY ("content_key") REFERENCES "public"."dim_content"("content_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_network_key_dim_network_network_key_fk" FOREIGN KEY ("network_key") REFERENCES "public"."dim_network"("network_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_playback_sessions" ADD CONSTRAINT "fact_playback_sessions_cohort_key_dim_user_cohort_cohort_key_fk" FOREIGN KEY ("cohort_key") REFERENCES "public"."dim_user_cohort"("cohort_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dim_device_natural_key" ON "dim_device" USING btree ("device_type","os_name","os_version","browser_name","app_version","manufacturer","model");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_geography_natural_key" ON "dim_geography" USING btree ("country_code","isp","cdn_pop");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_network_natural_key" ON "dim_network" USING btree ("network_type","network_quality");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_user_cohort_natural_key" ON "dim_user_cohort" USING btree ("cohort_name");--> statement-breakpoint
CREATE INDEX "fact_sessions_date_idx" ON "fact_playback_sessions" USING btree ("date_key");--> statement-breakpoint
CREATE INDEX "fact_sessions_timestamp_idx" ON "fact_playback_sessions" USING btree ("session_timestamp");--> statement-breakpoint
CREATE INDEX "fact_sessions_device_idx" ON "fact_playback_sessions" USING btree ("device_key");--> statement-breakpoint
CREATE INDEX "fact_sessions_geo_idx" ON "fact_playback_sessions" USING btree ("geo_key");--> statement-breakpoint
CREATE INDEX "fact_sessions_content_idx" ON "fact_playback_sessions" USING btree ("content_key");--> statement-breakpoint
CREATE INDEX "fact_sessions_network_idx" ON "fact_playback_sessions" USING btree ("network_key");--> statement-breakpoint
CREATE INDEX "fact_sessions_cohort_idx" ON "fact_playback_sessions" USING btree ("cohort_key");--> statement-breakpoint
CREATE INDEX "fact_sessions_run_idx" ON "fact_playback_sessions" USING btree ("etl_run_id");--> statement-breakpoint
CREATE INDEX "etl_rejected_rows_run_idx" ON "etl_rejected_rows" USING btree ("run_id","reason_code");--> statement-breakpoint
CREATE INDEX "stg_playback_sessions_run_idx" ON "stg_playback_sessions" USING btree ("run_id");--> statement-breakpoint
CREATE VIEW "public"."vw_daily_quality_summary" AS (
  select d.full_date, d.day_name, d.is_weekend, a.total_sessions, a.unique_users,
         round(a.avg_qoe_score::numeric, 2)::float8 as avg_qoe_score,
         round(a.avg_startup_ms::numeric, 0)::float8 as avg_startup_ms,
         a.p95_startup_ms,
         round(a.avg_rebuffer_ratio::numeric, 3)::float8 as avg_rebuffer_ratio,
         round(a.poor_session_pct::numeric, 2)::float8 as poor_session_pct
  from agg_daily_quality a
  join dim_date d on d.date_key = a.date_key
);--> statement-breakpoint
CREATE VIEW "public"."vw_device_performance" AS (
  select d.device_type, d.os_name, count(*)::int as total_sessions,
         avg(f.overall_qoe_score) as avg_qoe_score,
         avg(f.startup_time_ms)::float8 as avg_startup_ms,
         percentile_cont(0.95) within group (order by f.startup_time_ms) as p95_startup_ms,
         avg(f.rebuffer_count)::float8 as avg_rebuffer_count,
         avg(f.avg_bitrate_kbps)::float8 as avg_bitrate_kbps
  from fact_playback_sessions f
  join dim_device d on d.device_key = f.device_key
  group by d.device_type, d.os_name
);--> statement-breakpoint
CREATE VIEW "public"."vw_geographic_quality" AS (
  select g.country_code, g.country_name, g.region, count(*)::int as total_sessions,
         avg(f.overall_qoe_score) as avg_qoe_score,
         avg(f.startup_time_ms)::float8 as avg_startup_ms,
         avg(f.rebuffer_ratio) as avg_rebuffer_ratio,
         avg(f.avg_bitrate_kbps)::float8 as avg_bitrate_kbps
  from fact_playback_sessions f
  join dim_geography g on g.geo_key = f.geo_key
  group by g.country_code, g.country_name, g.region
);--> statement-breakpoint
CREATE VIEW "public"."vw_peak_time_analysis" AS (
  select t.hour, t.time_of_day, t.is_peak_time, count(*)::int as total_sessions,
         avg(f.overall_qoe_score) as avg_qoe_score,
         avg(f.startup_time_ms)::float8 as avg_startup_ms,
         avg(f.rebuffer_ratio) as avg_rebuffer_ratio
  from fact_playback_sessions f
  join dim_time t on t.time_key = f.time_key
  group by t.hour, t.time_of_day, t.is_peak_time
);