import type { Sql } from "postgres";

/**
 * The seed dashboards' questions (SPEC.md section 7), written the way its Streamlit app asks
 * them: plain SQL over fact_playback_sessions joined to the dimensions it needs, the time window
 * on the session timestamp, filters as joined-dimension predicates, percentiles by
 * percentile_cont over the facts, no aggregate tables. Each question names the endpoint of ours
 * that answers the same question (null: no single endpoint; timed for reference only).
 */

export type SeedFilters = {
  from: string;
  to: string;
  device?: string[];
  os?: string[];
  osVersion?: string[];
  app?: string[];
  country?: string[];
  isp?: string[];
  pop?: string[];
  network?: string[];
  content?: string[];
};

export type SeedQuestion = {
  name: string;
  page: "executive" | "engineering" | "product";
  /** Our endpoint label (as in the endpoint table) answering the same question. */
  ours: string | null;
  run: (sql: Sql, filters: SeedFilters) => Promise<unknown>;
};

/** FROM + WHERE of the Streamlit app: every dimension joined, predicates on dimension columns. */
function fromWhere(f: SeedFilters, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [
    `f.session_timestamp >= ${p(`${f.from} 00:00:00+00`)}::timestamptz`,
    `f.session_timestamp < (${p(f.to)}::date + 1)::timestamptz`,
  ];
  const list = (column: string, values?: string[]) => {
    if (values?.length) where.push(`${column} = any(${p(values)}::text[])`);
  };
  list("d.device_type", f.device);
  list("d.os_name", f.os);
  list("d.os_name || ' ' || d.os_version", f.osVersion);
  list("d.app_version", f.app);
  list("g.country_code", f.country);
  list("g.isp", f.isp);
  list("g.cdn_pop", f.pop);
  list("n.network_type", f.network);
  list("c.content_id", f.content);
  return `from fact_playback_sessions f
    join dim_date dt on dt.date_key = f.date_key
    join dim_time tm on tm.time_key = f.time_key
    join dim_device d on d.device_key = f.device_key
    join dim_geography g on g.geo_key = f.geo_key
    join dim_network n on n.network_key = f.network_key
    join dim_content c on c.content_key = f.content_key
    where ${where.join(" and ")}`;
}

function question(
  name: string,
  page: SeedQuestion["page"],
  ours: string | null,
  body: (from: string) => string,
): SeedQuestion {
  return {
    name,
    page,
    ours,
    run: (sql, filters) => {
      const params: unknown[] = [];
      const text = body(fromWhere(filters, params));
      return sql.unsafe(text, params as never[]);
    },
  };
}

const PROFILE = `count(*) as sessions, avg(f.overall_qoe_score) as avg_qoe,
  percentile_cont(0.5) within group (order by f.startup_time_ms) as median_startup,
  percentile_cont(0.95) within group (order by f.startup_time_ms) as p95_startup,
  100.0 * avg(case when f.rebuffer_count > 0 then 1 else 0 end) as stalled_pct,
  sum(f.rebuffer_count) / nullif(sum(f.session_duration_sec) / 60.0, 0) as stalls_per_min,
  avg(f.rebuffer_ratio) as rebuffer_ratio, avg(f.avg_bitrate_kbps) as avg_bitrate,
  100.0 * avg(case when f.video_start_failure then 1 else 0 end) as failure_pct,
  100.0 * avg(case when f.session_quality = 'poor' then 1 else 0 end) as poor_pct`;

function previous(f: SeedFilters): SeedFilters {
  const day = 86_400_000;
  const from = Date.parse(`${f.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${f.to}T00:00:00Z`) - from) / day) + 1;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { ...f, from: iso(from - days * day), to: iso(from - day) };
}

export const SEED_QUESTIONS: SeedQuestion[] = [
  {
    name: "executive KPIs (current + previous period)",
    page: "executive",
    ours: "overview/kpis",
    run: async (sql, filters) => {
      const kpis = (f: SeedFilters) => {
        const params: unknown[] = [];
        return sql.unsafe(`select ${PROFILE} ${fromWhere(f, params)}`, params as never[]);
      };
      return Promise.all([kpis(filters), kpis(previous(filters))]);
    },
  },
  question(
    "30-day QoE trend with sessions",
    "executive",
    "overview/trend",
    (fw) => `select dt.full_date, avg(f.overall_qoe_score) as avg_qoe, count(*) as sessions ${fw}
      group by dt.full_date order by dt.full_date`,
  ),
  question(
    "quality distribution donut",
    "executive",
    "overview/quality-distribution",
    (fw) => `select f.session_quality, count(*) as sessions ${fw} group by f.session_quality`,
  ),
  question(
    "top / worst countries",
    "executive",
    "overview/worst-countries",
    (fw) => `select g.country_code, count(*) as sessions, avg(f.overall_qoe_score) as avg_qoe,
      100.0 * avg(case when f.session_quality = 'poor' then 1 else 0 end) as poor_pct,
      avg(f.rebuffer_ratio) as rebuffer_ratio, avg(f.startup_time_ms) as avg_startup ${fw}
      group by g.country_code order by avg_qoe`,
  ),
  question(
    "device table with p95",
    "engineering",
    "devices/summary",
    (fw) => `select d.device_type, ${PROFILE} ${fw} group by d.device_type order by sessions desc`,
  ),
  question(
    "hourly trend (rebuffering metrics)",
    "engineering",
    "rebuffering/trend?hour",
    (fw) => `select tm.hour, count(*) as sessions, avg(f.rebuffer_ratio) as rebuffer_ratio,
      sum(f.rebuffer_count) / nullif(sum(f.session_duration_sec) / 60.0, 0) as stalls_per_min ${fw}
      group by tm.hour order by tm.hour`,
  ),
  question(
    "startup percentiles p50-p99 by device",
    "engineering",
    "startup/percentiles?device",
    (fw) => `select d.device_type, count(*) as sessions,
      percentile_cont(0.5) within group (order by f.startup_time_ms) as p50,
      percentile_cont(0.75) within group (order by f.startup_time_ms) as p75,
      percentile_cont(0.9) within group (order by f.startup_time_ms) as p90,
      percentile_cont(0.95) within group (order by f.startup_time_ms) as p95,
      percentile_cont(0.99) within group (order by f.startup_time_ms) as p99 ${fw}
      group by d.device_type order by p50 desc`,
  ),
  question(
    "hour x device heatmap",
    "engineering",
    "rebuffering/heatmap",
    (
      fw,
    ) => `select tm.hour, d.device_type, avg(f.rebuffer_ratio) as rebuffer_ratio, count(*) as sessions ${fw}
      group by tm.hour, d.device_type order by d.device_type, tm.hour`,
  ),
  question(
    "countries below target (profile)",
    "engineering",
    "countries/summary",
    (fw) => `select g.country_code, min(g.country_name) as country_name, ${PROFILE} ${fw}
      group by g.country_code having avg(f.overall_qoe_score) < 85 order by avg_qoe`,
  ),
  question(
    "deep dive: startup > 4 s by device x country",
    "engineering",
    null,
    (
      fw,
    ) => `select d.device_type, g.country_code, count(*) as sessions, avg(f.startup_time_ms) as avg_startup ${fw}
      and f.startup_time_ms > 4000 group by 1, 2 order by sessions desc`,
  ),
  question(
    "deep dive: >= 3 rebuffers by device x network",
    "engineering",
    null,
    (
      fw,
    ) => `select d.device_type, n.network_type, count(*) as sessions, avg(f.rebuffer_count) as avg_stalls ${fw}
      and f.rebuffer_count >= 3 group by 1, 2 order by sessions desc`,
  ),
  question(
    "deep dive: bitrate < 2000 by device x network",
    "engineering",
    null,
    (
      fw,
    ) => `select d.device_type, n.network_type, count(*) as sessions, avg(f.avg_bitrate_kbps) as avg_bitrate ${fw}
      and f.avg_bitrate_kbps < 2000 group by 1, 2 order by sessions desc`,
  ),
  question(
    "quality tier vs watch time",
    "product",
    "engagement/quality-watch",
    (
      fw,
    ) => `select f.session_quality, count(*) as sessions, avg(f.session_duration_sec) / 60.0 as avg_watch_min,
      avg(f.overall_qoe_score) as avg_qoe ${fw} group by f.session_quality`,
  ),
  question(
    "peak-hour usage",
    "product",
    "engagement/hourly",
    (fw) => `select tm.hour, count(*) as sessions, count(*)::float8 / count(distinct f.date_key) as per_day,
      avg(f.overall_qoe_score) as avg_qoe, bool_or(tm.is_peak_time) as is_peak ${fw}
      group by tm.hour order by tm.hour`,
  ),
  question(
    "device mix",
    "product",
    "engagement/device-mix",
    (fw) => `select d.device_type, count(*) as sessions, sum(f.session_duration_sec) / 3600.0 as watch_hours,
      avg(f.session_duration_sec) / 60.0 as avg_watch_min ${fw} group by d.device_type order by sessions desc`,
  ),
  question(
    "weekend vs weekday",
    "product",
    "engagement/weekday-weekend",
    (fw) => `select dt.is_weekend, count(distinct f.date_key) as days, count(*) as sessions,
      sum(f.session_duration_sec) / 3600.0 as watch_hours, avg(f.overall_qoe_score) as avg_qoe,
      percentile_cont(0.5) within group (order by f.startup_time_ms) as median_startup,
      avg(f.rebuffer_ratio) as rebuffer_ratio, avg(f.avg_bitrate_kbps) as avg_bitrate ${fw}
      group by dt.is_weekend`,
  ),
  question(
    "content type x genre treemap",
    "product",
    "engagement/content",
    (
      fw,
    ) => `select c.content_type, c.genre, count(*) as sessions, sum(f.session_duration_sec) / 3600.0 as watch_hours,
      avg(f.overall_qoe_score) as avg_qoe ${fw} group by 1, 2 order by sessions desc`,
  ),
];
