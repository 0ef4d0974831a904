import type { TransactionSql } from "postgres";
import type { EtlSummary, QualityCheck } from "./types";

/**
 * Report stage: the seed's six data-quality checks, run after the load inside the run's
 * transaction and stored with the run (etl_runs.quality_checks), and the human-readable summary.
 * Row-level checks look at this run's facts (the rest of the warehouse was checked when it was
 * loaded); date continuity and cardinality look at the whole warehouse.
 */
export async function runQualityChecks(tx: TransactionSql, runId: number): Promise<QualityCheck[]> {
  const [row] = await tx.unsafe<Record<string, number>[]>(
    `
    select
      count(*) filter (where d.date_key is null or t.time_key is null or dv.device_key is null
        or g.geo_key is null or c.content_key is null or n.network_key is null or u.cohort_key is null)::int as orphans,
      count(*) filter (where f.startup_time_ms is null or f.overall_qoe_score is null)::int as incomplete,
      count(*) filter (where f.startup_time_ms < 0 or f.startup_time_ms > 60000 or f.rebuffer_count > 100
        or f.overall_qoe_score > 100 or f.overall_qoe_score < 0 or f.session_duration_sec > 86400)::int as unreasonable,
      -- A hashed count of repeated ids (count(distinct) would sort every id of the run).
      (select count(*) from (select 1 from fact_playback_sessions r where r.etl_run_id = $1
                             group by r.session_id having count(*) > 1) d)::int as duplicates,
      count(*)::int as facts
    from fact_playback_sessions f
    left join dim_date d on d.date_key = f.date_key
    left join dim_time t on t.time_key = f.time_key
    left join dim_device dv on dv.device_key = f.device_key
    left join dim_geography g on g.geo_key = f.geo_key
    left join dim_content c on c.content_key = f.content_key
    left join dim_network n on n.network_key = f.network_key
    left join dim_user_cohort u on u.cohort_key = f.cohort_key
    where f.etl_run_id = $1`,
    [runId],
  );
  const [gaps] = await tx.unsafe<{ missing: number; sample: string | null; days: number }[]>(`
    with bounds as (select min(full_date) as lo, max(full_date) as hi from agg_daily_quality),
    missing as (
      select g::date as day from bounds, generate_series(bounds.lo, bounds.hi, interval '1 day') g
      where not exists (select 1 from agg_daily_quality a where a.full_date = g::date)
    )
    select (select count(*) from missing)::int as missing,
           (select string_agg(day::text, ', ' order by day) from (select day from missing order by day limit 5) s) as sample,
           coalesce((select hi - lo + 1 from bounds), 0)::int as days`);
  const cardinality = await tx.unsafe<{ dim: string; n: number }[]>(`
    select 'dim_date' as dim, count(*)::int as n from dim_date
    union all select 'dim_time', count(*)::int from dim_time
    union all select 'dim_device', count(*)::int from dim_device
    union all select 'dim_geography', count(*)::int from dim_geography
    union all select 'dim_content', count(*)::int from dim_content
    union all select 'dim_network', count(*)::int from dim_network
    union all select 'dim_user_cohort', count(*)::int from dim_user_cohort`);
  const emptyDims = cardinality.filter((c) => c.n === 0).map((c) => c.dim);
  return [
    {
      check: "referential_integrity",
      passed: row.orphans === 0,
      value: row.orphans,
      detail: `${row.orphans} of ${row.facts} new facts with a key missing from its dimension`,
    },
    {
      check: "completeness",
      passed: row.incomplete === 0,
      value: row.incomplete,
      detail: `${row.incomplete} new facts with a null startup time or QoE score`,
    },
    {
      check: "reasonableness",
      passed: row.unreasonable === 0,
      value: row.unreasonable,
      detail: `${row.unreasonable} new facts with startup < 0 or > 60 s, > 100 rebuffers, QoE outside 0..100 or duration > 24 h`,
    },
    {
      check: "duplicate_session_ids",
      passed: row.duplicates === 0,
      value: row.duplicates,
      detail: `${row.duplicates} repeated session ids among the new facts`,
    },
    {
      check: "date_continuity",
      passed: gaps.missing === 0,
      value: gaps.missing,
      detail:
        gaps.missing === 0
          ? `${gaps.days} consecutive days loaded, no gap`
          : `${gaps.missing} of ${gaps.days} days in range have no data (first: ${gaps.sample})`,
    },
    {
      check: "dimension_cardinality",
      passed: emptyDims.length === 0,
      value: emptyDims.length,
      detail: cardinality.map((c) => `${c.dim}=${c.n}`).join(", "),
    },
  ];
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** The closing summary as plain text lines. */
export function formatSummary(s: EtlSummary): string {
  const lines: string[] = [];
  lines.push(`ETL run ${s.run_id ?? "-"}: ${s.status}${s.message ? ` — ${s.message}` : ""}`);
  for (const f of s.files) {
    const extra = f.outcome === "already_loaded" ? ` (already loaded by run ${f.already_loaded_by_run})` : "";
    const outcome = f.outcome === "pending" ? "not loaded" : f.outcome;
    lines.push(`  file ${f.path}: ${outcome}${extra}, ${fmt(f.rows_read)} rows read, ${fmt(f.bytes)} bytes`);
    for (const w of f.warnings) lines.push(`    warning: ${w}`);
  }
  lines.push(`  rows read      ${fmt(s.rows_read)}`);
  lines.push(`  rows loaded    ${fmt(s.rows_loaded)}`);
  const already = s.duplicates_already_loaded
    ? `, ${fmt(s.duplicates_already_loaded)} of them already loaded`
    : "";
  const before = s.rejected_before ? `; ${fmt(s.rejected_before)} refused alike by an earlier run` : "";
  lines.push(
    `  rows rejected  ${fmt(s.rows_rejected)} (of which duplicates ${fmt(s.duplicates)}${already}${before})`,
  );
  for (const [reason, n] of Object.entries(s.rejected_by_reason))
    lines.push(`    ${reason.padEnd(24)} ${fmt(n)}`);
  lines.push(`  rows fixed     ${fmt(s.fixed_rows)}`);
  for (const [rule, n] of Object.entries(s.fixed_by_rule)) lines.push(`    ${rule.padEnd(28)} ${fmt(n)}`);
  for (const [rule, n] of Object.entries(s.warnings)) lines.push(`  warning: ${rule} ${fmt(n)} rows`);
  if (s.quality_score !== null) {
    lines.push(`  quality score  ${s.quality_score.toFixed(2)} (minimum ${s.min_quality})`);
  }
  for (const c of s.quality_checks)
    lines.push(`  check ${c.passed ? "ok  " : "FAIL"} ${c.check}: ${c.detail}`);
  if (s.dates_touched.length > 0) {
    const first = s.dates_touched[0];
    const last = s.dates_touched[s.dates_touched.length - 1];
    lines.push(`  dates touched  ${s.dates_touched.length} (${first}..${last})`);
  }
  const stages = Object.entries(s.stage_ms)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(", ");
  lines.push(`  time           ${fmt(s.duration_ms)} ms (${stages}); ${fmt(s.rows_per_sec)} rows/s`);
  return lines.join("\n");
}
