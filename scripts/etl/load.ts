import type { TransactionSql } from "postgres";
import { COUNTRY_INFO, DEVICE_FAMILY, DEVICE_TYPES } from "../../db/constants";
import {
  METERED_NETWORK_TYPES,
  metricSql,
  NETWORK_QUALITY_BANDWIDTH_MBPS,
  SUPPORTS_4K_DEVICE_TYPES,
  sqlText,
  sqlValues,
  VIEWING_INTENSITY_HOURS,
} from "../../db/metrics";
import { cacheUserAgents } from "./user-agents";

/**
 * Load stage, set-based: upserts the dimensions the run needs (INSERT ... SELECT DISTINCT ... ON
 * CONFLICT DO NOTHING), updates each user's observed activity and cohort, then inserts the facts
 * with every dimension key joined back. Runs inside the run's transaction.
 */

/**
 * No content catalog exists, so dim_content attributes are derived deterministically from the
 * bytes of md5(content_id): the same id always gets the same type, genre, length, year, codec and
 * maximum resolution, on any machine and in any load order. Illustrative, not real metadata.
 */
export const CONTENT_TYPES = [
  { type: "movie", minMinutes: 85, spanMinutes: 70 },
  { type: "series", minMinutes: 22, spanMinutes: 40 },
  { type: "documentary", minMinutes: 45, spanMinutes: 65 },
  { type: "kids", minMinutes: 11, spanMinutes: 20 },
  { type: "live_event", minMinutes: 60, spanMinutes: 120 },
] as const;
export const GENRES = [
  "drama",
  "comedy",
  "action",
  "thriller",
  "sci-fi",
  "romance",
  "horror",
  "animation",
  "crime",
  "reality",
] as const;
export const VIDEO_CODECS = ["h264", "hevc", "av1", "vp9"] as const;
export const CONTENT_MAX_RESOLUTIONS = ["4K", "1080p", "720p"] as const;
export const CONTENT_FIRST_YEAR = 1990;
export const CONTENT_YEARS = 37; // 1990..2026

/** dim_date's key of a date: yyyymmdd as an integer (dateKey() in db/queries/filters.ts). */
const dateKeyOf = (date: string) => `to_char(${date}, 'YYYYMMDD')::int`;
const arr = (values: readonly string[]) => `(array[${values.map(sqlText).join(", ")}])`;
const byte = (k: number) => `get_byte(h.md5, ${k})`;

async function loadDimensions(tx: TransactionSql): Promise<void> {
  // Every dimension's distinct values in ONE scan of the run's rows (hashed grouping sets). In a
  // set's rows only its own columns are non-null (the grouped columns are never null themselves).
  await tx.unsafe(`
    create temp table etl_dim_values on commit drop as
    select session_date, time_key, country_code, isp, cdn_pop, content_id, network_type, network_quality,
           device_type, user_agent, app_version
    from etl_clean
    group by grouping sets ((session_date), (time_key), (country_code, isp, cdn_pop), (content_id),
                            (network_type, network_quality), (device_type, user_agent, app_version))`);
  await tx.unsafe(`
    insert into dim_date (date_key, full_date, day_of_week, day_name, day_of_month, day_of_year,
                          week_of_year, month, month_name, quarter, year, is_weekend, is_holiday)
    select ${dateKeyOf("d")}, d, ${metricSql.dayOfWeek("d")}, to_char(d, 'FMDay'), date_part('day', d),
           date_part('doy', d), date_part('week', d), date_part('month', d), to_char(d, 'FMMonth'),
           date_part('quarter', d), date_part('year', d), ${metricSql.isWeekend(metricSql.dayOfWeek("d"))},
           to_char(d, 'MM-DD') in ('01-01', '12-25')
    from (select session_date as d from etl_dim_values where session_date is not null) k
    on conflict do nothing`);

  await tx.unsafe(`
    insert into dim_time (time_key, hour, minute, time_of_day, is_peak_time, hour_label)
    select t.time_key, t.time_key / 100, t.time_key % 100, ${metricSql.timeOfDay("(t.time_key / 100)")},
           ${metricSql.isPeak("(t.time_key / 100)")}, lpad((t.time_key / 100)::text, 2, '0') || ':00'
    from (select time_key from etl_dim_values where time_key is not null) t
    on conflict do nothing`);

  const countries = sqlValues(
    Object.entries(COUNTRY_INFO).map(([code, i]) => [
      code,
      i.name,
      i.region,
      i.timezoneGroup,
      i.marketMaturity,
    ]),
  );
  await tx.unsafe(`
    insert into dim_geography (country_code, country_name, region, timezone_group, market_maturity, isp, cdn_pop)
    select g.country_code, ci.name, ci.region, ci.tz, ci.maturity, g.isp, g.cdn_pop
    from (select country_code, isp, cdn_pop from etl_dim_values where cdn_pop is not null) g
    join ${countries} as ci(code, name, region, tz, maturity) on ci.code = g.country_code
    on conflict do nothing`);

  const types = CONTENT_TYPES.map((t) => t.type);
  const typeIdx = `(1 + ${byte(0)} % ${CONTENT_TYPES.length})`;
  await tx.unsafe(`
    insert into dim_content (content_id, content_type, genre, duration_minutes, release_year, is_original,
                             video_codec, max_resolution)
    select c.content_id, ${arr(types)}[${typeIdx}], ${arr(GENRES)}[1 + ${byte(1)} % ${GENRES.length}],
           (array[${CONTENT_TYPES.map((t) => t.minMinutes).join(", ")}])[${typeIdx}]
             + ${byte(2)} % (array[${CONTENT_TYPES.map((t) => t.spanMinutes).join(", ")}])[${typeIdx}],
           ${CONTENT_FIRST_YEAR} + ${byte(3)} % ${CONTENT_YEARS}, ${byte(4)} % 4 = 0,
           ${arr(VIDEO_CODECS)}[1 + ${byte(5)} % ${VIDEO_CODECS.length}],
           ${arr(CONTENT_MAX_RESOLUTIONS)}[1 + ${byte(6)} % ${CONTENT_MAX_RESOLUTIONS.length}]
    from (select content_id from etl_dim_values where content_id is not null) c
    cross join lateral (select decode(md5(c.content_id), 'hex') as md5) h
    on conflict do nothing`);

  const bandwidth = sqlValues(Object.entries(NETWORK_QUALITY_BANDWIDTH_MBPS));
  await tx.unsafe(`
    insert into dim_network (network_type, network_quality, estimated_bandwidth_mbps, is_metered)
    select n.network_type, n.network_quality, b.mbps,
           n.network_type in (${METERED_NETWORK_TYPES.map(sqlText).join(", ")})
    from (select network_type, network_quality from etl_dim_values where network_quality is not null) n
    join ${bandwidth} as b(quality, mbps) on b.quality = n.network_quality
    on conflict do nothing`);

  await cacheUserAgents(tx);
  await tx.unsafe("analyze etl_user_agents");
  const families = sqlValues(
    DEVICE_TYPES.map((t) => [
      t,
      DEVICE_FAMILY[t].family,
      DEVICE_FAMILY[t].screenSize,
      SUPPORTS_4K_DEVICE_TYPES.includes(t),
    ]),
  );
  await tx.unsafe(`
    insert into dim_device (device_type, device_family, manufacturer, model, os_name, os_version, browser_name,
                            app_version, screen_size, supports_4k, user_agent)
    select k.device_type, fam.family, k.manufacturer, k.model, k.os_name, k.os_version, k.browser_name,
           k.app_version, fam.screen, fam.uhd, k.user_agent
    from (
      select c.device_type, u.manufacturer, u.model, u.os_name, u.os_version, u.browser_name, c.app_version,
             min(c.user_agent) as user_agent
      from etl_dim_values c join etl_user_agents u on u.user_agent = c.user_agent
      group by 1, 2, 3, 4, 5, 6, 7
    ) k
    join ${families} as fam(device_type, family, screen, uhd) on fam.device_type = k.device_type
    on conflict do nothing`);
}

/** Dimension tables the fact table's foreign keys point to. */
export const FACT_DIMENSIONS = [
  "dim_date",
  "dim_time",
  "dim_device",
  "dim_geography",
  "dim_content",
  "dim_network",
  "dim_user_cohort",
];

/**
 * Cohorts from observed activity: user_activity accumulates first/last seen, sessions, watch time
 * and best bitrate over all loads; a session's cohort is its user's, as known after this load:
 * "<first-seen month> · <light|medium|heavy> · <basic|standard|premium>".
 */
/** Cohort attributes of a user_activity row `a` (float epoch arithmetic: cheaper than numeric). */
const HOURS_PER_WEEK = `(a.watch_sec / 3600.0 / greatest(1, date_part('epoch', a.last_seen_at - a.first_seen_at) / 604800.0))`;
const SIGNUP_MONTH = `date_trunc('month', a.first_seen_at at time zone 'UTC')::date`;

async function loadCohorts(tx: TransactionSql, incomingRows: number): Promise<void> {
  const intensityHours = sqlValues(Object.entries(VIEWING_INTENSITY_HOURS));
  // The run's row count bounds its user count: enough to choose the path without counting users.
  const deferred = await deferIndexes(tx, "user_activity", incomingRows, ["p"]);
  const activity = `
    activity as (
      select user_id, min(ts) as first_seen_at, max(ts) as last_seen_at, count(*) as sessions,
             sum(session_duration_sec) as watch_sec, max(bitrate_kbps) as max_bitrate_kbps
      from etl_clean group by user_id
    )`;
  // Incremental: one upsert through the primary key. Bulk (key dropped above): update the users
  // already known, insert the others (both see the table as it was before the statement).
  const upserted = deferred
    ? `${activity},
    updated as (
      update user_activity u set
        first_seen_at = least(u.first_seen_at, n.first_seen_at),
        last_seen_at = greatest(u.last_seen_at, n.last_seen_at),
        sessions = u.sessions + n.sessions,
        watch_sec = u.watch_sec + n.watch_sec,
        max_bitrate_kbps = greatest(u.max_bitrate_kbps, n.max_bitrate_kbps)
      from activity n where u.user_id = n.user_id
      returning u.*
    ),
    inserted as (
      insert into user_activity (user_id, first_seen_at, last_seen_at, sessions, watch_sec, max_bitrate_kbps)
      select n.* from activity n where not exists (select 1 from user_activity x where x.user_id = n.user_id)
      returning *
    ),
    upserted as (select * from updated union all select * from inserted)`
    : `${activity},
    upserted as (
      insert into user_activity as u (user_id, first_seen_at, last_seen_at, sessions, watch_sec, max_bitrate_kbps)
      select * from activity
      on conflict (user_id) do update set
        first_seen_at = least(u.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(u.last_seen_at, excluded.last_seen_at),
        sessions = u.sessions + excluded.sessions,
        watch_sec = u.watch_sec + excluded.watch_sec,
        max_bitrate_kbps = greatest(u.max_bitrate_kbps, excluded.max_bitrate_kbps)
      returning u.*
    )`;
  // One statement: record each user's activity, remember each user's cohort for the fact insert
  // (a narrow temp table, so that join costs what the run costs), create the cohorts needed.
  await tx.unsafe(
    "create temp table etl_user_cohort (user_id text not null, cohort_name text not null) on commit drop",
  );
  await tx.unsafe(`
    with ${upserted},
    named as materialized (
      select x.*, to_char(x.signup_month, 'YYYY-MM') || ' · ' || x.intensity || ' · ' || x.tier as cohort_name
      from (
        select a.user_id, ${SIGNUP_MONTH} as signup_month,
               ${metricSql.subscriptionTier("a.max_bitrate_kbps")} as tier,
               ${metricSql.viewingIntensity(HOURS_PER_WEEK)} as intensity
        from upserted a offset 0
      ) x
    ),
    saved as (insert into etl_user_cohort (user_id, cohort_name) select user_id, cohort_name from named),
    cohorts as (select distinct cohort_name, signup_month, tier, intensity from named)
    insert into dim_user_cohort (cohort_name, signup_month, subscription_tier, account_age_days,
                                 avg_viewing_hours_per_week)
    select c.cohort_name, c.signup_month, c.tier,
           greatest(0, (select max(session_date) from etl_dim_values) - c.signup_month), h.hours
    from cohorts c
    join ${intensityHours} as h(intensity, hours) on h.intensity = c.intensity
    order by c.cohort_name
    on conflict do nothing`);
  await tx.unsafe("analyze etl_user_cohort");
  if (deferred) await restoreIndexes(tx, deferred);
  // Fresh statistics so the fact insert joins by hash instead of guessing one row per dimension.
  for (const dim of FACT_DIMENSIONS) await tx.unsafe(`analyze ${dim}`);
}

async function loadFacts(tx: TransactionSql, runId: number): Promise<number> {
  const result = await tx.unsafe(
    `
    insert into fact_playback_sessions (
      session_id, user_id, date_key, time_key, device_key, geo_key, content_key, network_key, cohort_key,
      session_timestamp, startup_time_ms, startup_category, rebuffer_count, rebuffer_duration_ms, rebuffer_ratio,
      buffering_severity, avg_bitrate_kbps, min_bitrate_kbps, max_bitrate_kbps, resolution, quality_score,
      frames_dropped, session_duration_sec, playback_duration_sec, overall_qoe_score, session_quality,
      video_start_failure, error_occurred, bitrate_resolution_mismatch, etl_run_id)
    select c.session_id, c.user_id, dd.date_key, c.time_key, d.device_key, g.geo_key, ct.content_key,
      n.network_key, co.cohort_key, c.ts, c.startup_time_ms, c.startup_category, c.rebuffer_count,
      c.rebuffer_duration_ms, c.rebuffer_ratio, c.buffering_severity, c.bitrate_kbps, c.bitrate_kbps,
      c.bitrate_kbps, c.resolution, c.quality_score, c.frames_dropped, c.session_duration_sec,
      c.playback_duration_sec, c.overall_qoe_score, ${metricSql.sessionQuality("c.overall_qoe_score")},
      c.video_start_failure, c.error_occurred, c.fix_bitrate_resolution_mismatch, $1
    from etl_clean c
    join dim_date dd on dd.full_date = c.session_date
    join etl_user_agents u on u.user_agent = c.user_agent
    join dim_device d on d.device_type = c.device_type and d.os_name = u.os_name and d.os_version = u.os_version
      and d.browser_name = u.browser_name and d.app_version = c.app_version
      and d.manufacturer = u.manufacturer and d.model = u.model
    join dim_geography g on g.country_code = c.country_code and g.isp = c.isp and g.cdn_pop = c.cdn_pop
    join dim_content ct on ct.content_id = c.content_id
    join dim_network n on n.network_type = c.network_type and n.network_quality = c.network_quality
    join etl_user_cohort uc on uc.user_id = c.user_id
    join dim_user_cohort co on co.cohort_name = uc.cohort_name`,
    [runId],
  );
  return result.count;
}

/**
 * An incremental load keeps the fact table's foreign keys, and their triggers check seven keys per
 * inserted row one by one: 0.49 s of a 0.58 s insert of 3,333 sessions into a 500k-session
 * warehouse. The insert reads every key from its dimension table in this transaction (an inner
 * join; a missing row fails the run), so the check cannot fail; the triggers are skipped
 * (session_replication_role = replica, which only a superuser may set: others keep them), and the
 * dimension tables are locked against changes until commit, as the triggers' row locks would have.
 */
async function withoutForeignKeyTriggers<T>(tx: TransactionSql, insert: () => Promise<T>): Promise<T> {
  const skipped = await tx
    .savepoint((sp) => sp`select set_config('session_replication_role', 'replica', true)`)
    .then(
      () => true,
      () => false,
    );
  if (!skipped) return insert();
  await tx.unsafe(`lock table ${FACT_DIMENSIONS.join(", ")} in share mode`);
  // On failure the transaction rolls back, and the setting with it.
  const result = await insert();
  await tx`select set_config('session_replication_role', 'origin', true)`;
  return result;
}

type Deferred = { drop: string[]; restore: string[] };

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Bulk mode. When a run brings at least as many rows as a table already holds (first load,
 * benchmark, rebuild), maintaining its indexes and foreign-key triggers row by row costs far more
 * than dropping them and building them once at the end (sorted index builds, one set-based check
 * per foreign key). Definitions are read from the catalog and restored verbatim, inside the same
 * transaction, so the schema after the run is identical and a failure rolls everything back.
 * Incremental loads (small next to the warehouse) keep per-row maintenance, so their cost follows
 * the new rows, not the warehouse size, and readers are never blocked.
 */
async function deferIndexes(
  tx: TransactionSql,
  table: "fact_playback_sessions" | "user_activity",
  incomingRows: number,
  constraintTypes: readonly string[],
): Promise<Deferred | null> {
  const [{ existing }] = await tx.unsafe<{ existing: number }[]>(
    `select count(*)::int as existing from (select 1 from ${table} limit $1) x`,
    [incomingRows],
  );
  if (existing >= incomingRows) return null;
  const constraints = await tx<{ name: string; def: string; contype: string }[]>`
    select conname as name, pg_get_constraintdef(oid) as def, contype::text
    from pg_constraint where conrelid = ${table}::regclass and contype = any(${constraintTypes as string[]})`;
  const indexes = await tx<{ name: string; def: string }[]>`
    select i.relname as name, pg_get_indexdef(i.oid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = ${table}::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`;
  const addConstraint = (c: { name: string; def: string }) =>
    `alter table ${table} add constraint ${quoteIdent(c.name)} ${c.def}`;
  // Keys and unique constraints first (duplicates fail before anything else), foreign keys last.
  const order = ["p", "u", "f"];
  const sorted = [...constraints].sort((a, b) => order.indexOf(a.contype) - order.indexOf(b.contype));
  const drop = [
    ...sorted.map((c) => `alter table ${table} drop constraint ${quoteIdent(c.name)}`),
    ...indexes.map((i) => `drop index ${quoteIdent(i.name)}`),
  ];
  const restore = [
    ...sorted.filter((c) => c.contype !== "f").map(addConstraint),
    ...indexes.map((i) => i.def),
    ...sorted.filter((c) => c.contype === "f").map(addConstraint),
  ];
  for (const statement of drop) await tx.unsafe(statement);
  return { drop, restore };
}

async function restoreIndexes(tx: TransactionSql, deferred: Deferred): Promise<void> {
  await tx`select set_config('maintenance_work_mem', '256MB', true)`;
  for (const statement of deferred.restore) await tx.unsafe(statement);
}

export type LoadResult = {
  factsInserted: number;
  bulk: boolean;
  /** The run's days (date keys, ascending): the ones whose aggregates must be rebuilt. */
  datesTouched: number[];
  stageMs: Record<string, number>;
};

export async function load(tx: TransactionSql, runId: number, expectedRows: number): Promise<LoadResult> {
  const stageMs: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    stageMs[name] = Math.round(now - t);
    t = now;
  };
  // Every statement below joins whole sets on multi-column natural keys, where the planner's
  // row estimates (correlated columns) can fall to 1 and pick nested loops over 100k-row inputs.
  await tx`select set_config('enable_nestloop', 'off', true)`;
  await loadDimensions(tx);
  const [{ dates }] = await tx.unsafe<{ dates: number[] | null }[]>(`
    select array_agg(${dateKeyOf("session_date")} order by session_date) as dates
    from etl_dim_values where session_date is not null`);
  lap("dimensions");
  await loadCohorts(tx, expectedRows);
  lap("cohorts");
  // The fact table keeps its primary key; unique and foreign keys and plain indexes are deferred.
  const deferred = await deferIndexes(tx, "fact_playback_sessions", expectedRows, ["u", "f"]);
  const factsInserted = deferred
    ? await loadFacts(tx, runId)
    : await withoutForeignKeyTriggers(tx, () => loadFacts(tx, runId));
  lap("facts");
  if (deferred) {
    await restoreIndexes(tx, deferred);
    // A bulk load changes the table's size by orders of magnitude: without fresh statistics the
    // aggregate and report stages plan for a handful of rows and pick nested loops over 1M.
    await tx.unsafe("analyze fact_playback_sessions");
    lap("fact_indexes");
  }
  await tx`select set_config('enable_nestloop', 'on', true)`;
  if (factsInserted !== expectedRows) {
    // An inner join lost rows: a dimension row is missing. Never load a partial run silently.
    throw new Error(
      `fact load mismatch: ${factsInserted} of ${expectedRows} rows found all their dimension keys`,
    );
  }
  return { factsInserted, bulk: deferred !== null, datesTouched: dates ?? [], stageMs };
}
