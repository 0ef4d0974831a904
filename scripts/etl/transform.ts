import type { TransactionSql } from "postgres";
import { CLIP_RANGES, RESOLUTION_BITRATE_RANGE, RESOLUTIONS } from "../../db/constants";
import { metricSql, sqlText } from "../../db/metrics";
import {
  checkedRowsCtes,
  countRejects,
  findRepeatedIds,
  rejectedRowsSql,
  type StagedFile,
  type ValidateResult,
} from "./validate";

/**
 * Transform stage, set-based (and run in the same statement as validation): applies the seed's soft fixes to the rows validation accepted, then
 * derives every SPEC section 4 metric from db/metrics.ts. Each fix is counted per rule; a row any
 * rule changed or flagged counts once in `fixedRows` (used by the quality score).
 *
 * Fix order: clip each number to CLIP_RANGES and round it to a whole number (a fraction, as in
 * 2.6 stalls, is counted as a fix; 2153.0 is not); rebuffers with zero stall time get 2 s per stall;
 * stall time is then capped at the session's length. hour and day_of_week are always recomputed
 * from the UTC timestamp (the file's values are only compared, to count disagreements).
 */

export const FIX_RULES = [
  "clip_startup_time_ms",
  "clip_rebuffer_count",
  "clip_rebuffer_duration_ms",
  "clip_bitrate_kbps",
  "clip_frames_dropped",
  "clip_session_duration_sec",
  "round_fractional_values",
  "zero_duration_rebuffers",
  "rebuffer_capped_at_session",
  "bitrate_resolution_mismatch",
  "hour_day_recomputed",
] as const;
export type FixRule = (typeof FIX_RULES)[number];

/** Rows loaded but worth a warning (not a fix, costs no quality points). */
export const WARNING_RULES = ["older_than_one_year"] as const;

/** Each stall with no recorded duration is assumed to last this long (the seed's rule). */
export const ZERO_DURATION_STALL_MS = 2000;

type ClipColumn = keyof typeof CLIP_RANGES;
const clip = (c: ClipColumn) =>
  `least(greatest(round(c.${c}), ${CLIP_RANGES[c][0]}), ${CLIP_RANGES[c][1]})::int`;
const CLIPPED_COLUMNS = Object.keys(CLIP_RANGES) as ClipColumn[];
const clipped = (c: ClipColumn) => `(c.${c} < ${CLIP_RANGES[c][0]} or c.${c} > ${CLIP_RANGES[c][1]})`;

const mismatchSql = (resolution: string, bitrate: string) =>
  `(case ${resolution} ${RESOLUTIONS.map(
    (r) =>
      `when ${sqlText(r)} then ${bitrate} not between ${RESOLUTION_BITRATE_RANGE[r][0]} and ${RESOLUTION_BITRATE_RANGE[r][1]}`,
  ).join(" ")} else false end)`;

const m = metricSql;

/** CTEs over validation's `checked` rows that clean them and derive the metrics (ends in `scored`). */
const CLEAN_CTES = `
clipped as (
  select c.file_no, c.line_number, c.session_id, c.user_id, c.ts, date_part('epoch', c.ts) as epoch,
    c.device_type, coalesce(c.os_version, '') as user_agent,
    coalesce(nullif(btrim(c.app_version), ''), 'unknown') as app_version,
    coalesce(nullif(btrim(c.content_id), ''), 'unknown') as content_id,
    c.resolution, c.network_type, c.country_code, c.isp,
    coalesce(nullif(btrim(c.cdn_pop), ''), 'unknown') as cdn_pop,
    c.hour_text, c.dow_text, c.video_start_failure, c.error_occurred,
    ${clip("startup_time_ms")} as startup_time_ms,
    ${clip("rebuffer_count")} as rebuffer_count,
    ${clip("rebuffer_duration_ms")} as rebuffer_duration_clipped,
    ${clip("bitrate_kbps")} as bitrate_kbps,
    ${clip("frames_dropped")} as frames_dropped,
    ${clip("session_duration_sec")} as session_duration_sec,
    ${clipped("startup_time_ms")} as fix_clip_startup_time_ms,
    ${clipped("rebuffer_count")} as fix_clip_rebuffer_count,
    ${clipped("rebuffer_duration_ms")} as fix_clip_rebuffer_duration_ms,
    ${clipped("bitrate_kbps")} as fix_clip_bitrate_kbps,
    ${clipped("frames_dropped")} as fix_clip_frames_dropped,
    ${clipped("session_duration_sec")} as fix_clip_session_duration_sec,
    (${CLIPPED_COLUMNS.map((col) => `c.${col} <> trunc(c.${col})`).join(" or ")}) as fix_round_fractional_values
  from checked c
  where c.reason is null offset 0
),
stalls as (
  select k.*,
    (k.rebuffer_count > 0 and k.rebuffer_duration_clipped = 0) as fix_zero_duration_rebuffers,
    case when k.rebuffer_count > 0 and k.rebuffer_duration_clipped = 0
         then k.rebuffer_count * ${ZERO_DURATION_STALL_MS} else k.rebuffer_duration_clipped end as stall_ms,
    -- Calendar fields by arithmetic on the UTC epoch (1970-01-01 was a Thursday, day 3 from
    -- Monday): several times cheaper than date_part per field.
    floor(k.epoch / 86400)::int as day_number,
    floor((k.epoch - floor(k.epoch / 86400) * 86400) / 3600)::int as hour,
    floor((k.epoch - floor(k.epoch / 3600) * 3600) / 60)::int as minute,
    ((floor(k.epoch / 86400)::int % 7 + 10) % 7) as day_of_week
  from clipped k offset 0
),
fixed as (
  select s.*,
    least(s.stall_ms, s.session_duration_sec * 1000) as rebuffer_duration_ms,
    (s.stall_ms > s.session_duration_sec * 1000) as fix_rebuffer_capped_at_session,
    ${mismatchSql("s.resolution", "s.bitrate_kbps")} as fix_bitrate_resolution_mismatch,
    (s.hour_text <> s.hour::text or s.dow_text <> s.day_of_week::text) is true as fix_hour_day_recomputed,
    (s.ts < now() - interval '1 year') as warn_older_than_one_year
  from stalls s offset 0
),
scored as (
  select x.*,
    ${m.rebufferRatio("x.rebuffer_duration_ms", "x.session_duration_sec")} as rebuffer_ratio,
    ${m.qualityScore("x.bitrate_kbps")} as quality_score
  from fixed x offset 0
)`;

const CLEAN_SELECT = `
select q.*,
  (date '1970-01-01' + q.day_number) as session_date,
  (q.hour * 100 + q.minute) as time_key,
  ${m.startupCategory("q.startup_time_ms")} as startup_category,
  ${m.bufferingSeverity("q.rebuffer_count")} as buffering_severity,
  ${m.networkQuality("q.bitrate_kbps")} as network_quality,
  ${m.playbackDurationSec("q.session_duration_sec", "q.rebuffer_duration_ms")} as playback_duration_sec,
  ${m.overallQoe("q.startup_time_ms", "q.rebuffer_ratio", "q.quality_score")} as overall_qoe_score
from scored q`;

export type TransformResult = {
  rows: number;
  fixedRows: number;
  fixedByRule: Partial<Record<FixRule, number>>;
  warnings: Partial<Record<(typeof WARNING_RULES)[number], number>>;
};

/**
 * Validate + transform in one streamed pass over staging: repeated session ids are resolved first
 * (findRepeatedIds, narrow), then one statement parses and checks every staged row (validate.ts)
 * and inserts the accepted ones, cleaned and enriched, into temp table etl_clean. Refused rows are
 * the staged rows missing from etl_clean: only when there are some, a second pass types just those
 * and copies them to etl_rejected_rows. No wide intermediate rows are materialised.
 */
export async function validateAndTransform(
  tx: TransactionSql,
  runId: number,
  files: StagedFile[],
  stagedRows: number,
): Promise<{ validation: ValidateResult; transform: TransformResult }> {
  await findRepeatedIds(tx);
  const ctes = `with ${checkedRowsCtes()}, ${CLEAN_CTES}`;
  await tx.unsafe(`create temp table etl_clean on commit drop as ${ctes} ${CLEAN_SELECT} with no data`);
  const inserted = await tx.unsafe(`${ctes} insert into etl_clean ${CLEAN_SELECT}`);
  if (inserted.count < stagedRows) await tx.unsafe(rejectedRowsSql(files), [runId]);
  await tx.unsafe("analyze etl_clean");
  const validation = await countRejects(tx, runId);
  return { validation, transform: await countFixes(tx) };
}

async function countFixes(tx: TransactionSql): Promise<TransformResult> {
  const fixCols = FIX_RULES.map((r) => `fix_${r}`);
  const [counts] = await tx.unsafe<Record<string, number>[]>(`
    select count(*)::int as rows,
      count(*) filter (where ${fixCols.join(" or ")})::int as fixed_rows,
      ${FIX_RULES.map((r) => `count(*) filter (where fix_${r})::int as "${r}"`).join(",\n      ")},
      ${WARNING_RULES.map((r) => `count(*) filter (where warn_${r})::int as "warn_${r}"`).join(",\n      ")}
    from etl_clean`);
  const fixedByRule: Partial<Record<FixRule, number>> = {};
  for (const r of FIX_RULES) if (counts[r] > 0) fixedByRule[r] = counts[r];
  const warnings: TransformResult["warnings"] = {};
  for (const r of WARNING_RULES) if (counts[`warn_${r}`] > 0) warnings[r] = counts[`warn_${r}`];
  return { rows: counts.rows, fixedRows: counts.fixed_rows, fixedByRule, warnings };
}
