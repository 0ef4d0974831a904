import type { TransactionSql } from "postgres";
import { COUNTRY_CODES, DEVICE_TYPES, ISPS, NETWORK_TYPES, RESOLUTIONS } from "../../db/constants";
import { sqlText } from "../../db/metrics";

/**
 * Validate stage, set-based in the database: types every staged field, gives each row at most one
 * hard-failure reason (the first that applies, in REASON_CODES order), marks repeated session ids
 * (inside the run's files and against facts already loaded: the first occurrence wins) and copies
 * every refused row, raw text included, to etl_rejected_rows.
 */

/** Hard-failure reasons, in precedence order (a row gets the first one that applies). */
export const REASON_CODES = [
  "wrong_column_count",
  "field_too_long",
  "missing_session_id",
  "missing_user_id",
  "missing_timestamp",
  "unparsable_timestamp",
  "future_timestamp",
  "unparsable_number",
  "unknown_device_type",
  "unknown_network_type",
  "unknown_country_code",
  "unknown_resolution",
  "unknown_isp",
  "duplicate_session_id",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Longest identifier or user agent accepted, in bytes. Longer values are not telemetry, and
 * PostgreSQL cannot index a value over ~2.7 kB (the fact table's session_id index would fail the
 * whole run instead of this row).
 */
export const MAX_FIELD_BYTES = 1000;
const TEXT_KEY_COLUMNS = ["session_id", "user_id", "os_version", "app_version", "content_id", "cdn_pop"];
/** Detail suffix of a duplicate whose session id is already in the warehouse (a re-delivery). */
const ALREADY_LOADED = " already loaded";
/** Earliest timestamp accepted: earlier ones (year 1, BC dates) cannot be telemetry of a stream. */
const EARLIEST_TIMESTAMP = "1970-01-01 00:00:00+00";

/** Numeric text: optional sign, digits with an optional fraction. No exponents, NaN or Infinity. */
const NUMBER_RE = String.raw`^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)\s*$`;
/*
 * Timestamp text must start like the seed's `YYYY-MM-DD HH:MM` (a T is accepted too; LIKE, much
 * cheaper than a regex); the rest is left to PostgreSQL's own parser (seconds, fractions, an
 * optional zone), which also rejects non-digits and impossible dates. The prefix keeps out words
 * such as 'now' or 'today' and day-first dates that the parser would otherwise accept.
 */
const TRUE_FLAGS = ["1", "true", "t", "yes", "y"];
const FALSE_FLAGS = ["0", "false", "f", "no", "n", ""];

/** Numeric staging columns that must parse (hour/day_of_week are recomputed, so not checked). */
export const NUMERIC_COLUMNS = [
  "startup_time_ms",
  "rebuffer_count",
  "rebuffer_duration_ms",
  "bitrate_kbps",
  "frames_dropped",
  "session_duration_sec",
] as const;
const FLAG_COLUMNS = ["video_start_failure", "error_occurred"] as const;

const inList = (values: readonly string[]) => values.map(sqlText).join(", ");
// Integers take the cheap int4 check; anything else must be a plain decimal (no NaN/Infinity)
// that a float8 holds (1 followed by 400 zeros would stop the whole run with an error).
// PostgreSQL 16+ also reads 0x1F, 0o17, 0b101 and 1_000 as integers: those are not telemetry.
const num = (c: string) =>
  `case when pg_input_is_valid(s.${c}, 'int4') and s.${c} !~ '[xXoObB_]' then s.${c}::int4::float8
        when s.${c} ~ ${sqlText(NUMBER_RE)} and pg_input_is_valid(s.${c}, 'float8') then s.${c}::float8 end as ${c}`;
const flag = (c: string) =>
  `case when s.${c} is null or s.${c} = '0' then false when s.${c} = '1' then true
        when lower(btrim(s.${c})) in (${inList(TRUE_FLAGS)}) then true
        when lower(btrim(s.${c})) in (${inList(FALSE_FLAGS)}) then false end as ${c}`;

/**
 * One pass over staging: typed values plus the first hard-failure reason. `ts` is null when the text
 * is missing or not a valid timestamp; numbers are null when unparsable. Zone-less timestamps are
 * UTC (the transaction runs with timezone = UTC).
 */
const TYPED_SQL = `
select s.ctid as stg_tid, s.file_no, s.line_number, s.field_count,
  nullif(btrim(s.session_id), '') as session_id,
  nullif(btrim(s.user_id), '') as user_id,
  nullif(btrim(s.timestamp), '') as ts_text,
  case when (ltrim(s.timestamp) like '____-__-__ __:__%' or ltrim(s.timestamp) like '____-__-__T__:__%')
            and pg_input_is_valid(s.timestamp, 'timestamptz')
       then s.timestamp::timestamptz end as ts,
  s.device_type, s.os_version, s.app_version, s.content_id, s.resolution, s.network_type,
  s.country_code, s.isp, s.cdn_pop, s.hour as hour_text, s.day_of_week as dow_text,
  ${NUMERIC_COLUMNS.map(num).join(",\n  ")},
  ${FLAG_COLUMNS.map(flag).join(",\n  ")}
from stg_playback_sessions s`;

const REASON_SQL = `
case
  when t.field_count <> f.expected_fields then 'wrong_column_count'
  when greatest(${TEXT_KEY_COLUMNS.map((c) => `octet_length(t.${c})`).join(", ")}) > ${MAX_FIELD_BYTES}
    then 'field_too_long'
  when t.session_id is null then 'missing_session_id'
  when t.user_id is null then 'missing_user_id'
  when t.ts_text is null then 'missing_timestamp'
  when t.ts is null or t.ts < timestamptz ${sqlText(EARLIEST_TIMESTAMP)} then 'unparsable_timestamp'
  when t.ts > now() then 'future_timestamp'
  when ${[...NUMERIC_COLUMNS, ...FLAG_COLUMNS].map((c) => `t.${c} is null`).join(" or ")} then 'unparsable_number'
  when t.device_type is null or t.device_type not in (${inList(DEVICE_TYPES)}) then 'unknown_device_type'
  when t.network_type is null or t.network_type not in (${inList(NETWORK_TYPES)}) then 'unknown_network_type'
  when t.country_code is null or t.country_code not in (${inList(COUNTRY_CODES)}) then 'unknown_country_code'
  when t.resolution is null or t.resolution not in (${inList(RESOLUTIONS)}) then 'unknown_resolution'
  when t.isp is null or t.isp not in (${inList(ISPS)}) then 'unknown_isp'
end`;

/** Human-readable detail for a refused row: which value or column failed. */
const DETAIL_SQL = `
case c.reason
  when 'wrong_column_count' then c.field_count || ' fields, expected ' || f.expected_fields
  when 'field_too_long' then 'longer than ${MAX_FIELD_BYTES} bytes: ' || concat_ws(', ', ${TEXT_KEY_COLUMNS.map(
    (col) => `case when octet_length(c.${col}) > ${MAX_FIELD_BYTES} then ${sqlText(col)} end`,
  ).join(", ")})
  when 'unparsable_timestamp' then 'timestamp ' || quote_literal(c.ts_text)
    || case when c.ts is not null then ' is before 1970' else '' end
  when 'future_timestamp' then 'timestamp ' || c.ts_text || ' is after the load time'
  when 'unparsable_number' then 'not a number: ' || concat_ws(', ', ${[...NUMERIC_COLUMNS, ...FLAG_COLUMNS]
    .map((col) => `case when c.${col} is null then ${sqlText(col)} end`)
    .join(", ")})
  when 'unknown_device_type' then 'device_type ' || coalesce(quote_literal(c.device_type), 'missing')
  when 'unknown_network_type' then 'network_type ' || coalesce(quote_literal(c.network_type), 'missing')
  when 'unknown_country_code' then 'country_code ' || coalesce(quote_literal(c.country_code), 'missing')
  when 'unknown_resolution' then 'resolution ' || coalesce(quote_literal(c.resolution), 'missing')
  when 'unknown_isp' then 'isp ' || coalesce(quote_literal(c.isp), 'missing')
  when 'duplicate_session_id' then 'session_id ' || c.session_id || case when c.dup_in_warehouse
    then ${sqlText(ALREADY_LOADED)} else ' repeated in this run' end
end`;

export type ValidateResult = {
  rejected: number;
  duplicates: number;
  /** Duplicates of sessions loaded by earlier runs (re-delivered rows), part of `duplicates`. */
  alreadyLoaded: number;
  /** Other rejects whose raw row a loaded earlier run refused for the same reason (re-delivered). */
  rejectedBefore: number;
  rejectedByReason: Partial<Record<ReasonCode, number>>;
};

export type StagedFile = { fileNo: number; columns: string[] };

/** A staged row's position across the run's files (the first occurrence of a session id wins). */
const position = (t: string) => `(${t}.file_no::bigint * 4294967296 + ${t}.line_number)`;

/**
 * Repeated session ids, found before the main pass so it needs no wide intermediate rows:
 * temp table etl_dup_firsts holds, for each id staged more than once, the position of its first
 * acceptable row (null when none is acceptable). Candidates come from a hashed grouping on a
 * 64-bit hash of the id (grouping the text ids took most of this step's time: their hashing,
 * copying and, in the parallel plan, sorting under the database collation); the few rows with a
 * candidate hash are then typed and grouped by their real id (a hash collision only adds a
 * group of one, dropped by the final count). Expects temp table etl_files.
 */
export async function findRepeatedIds(tx: TransactionSql): Promise<void> {
  const idHash = (column: string) => `hashtextextended(nullif(btrim(${column}), ''), 0)`;
  await tx.unsafe(`
    create temp table etl_dup_firsts on commit drop as
    with repeated as (
      select ${idHash("session_id")} as id_hash from stg_playback_sessions
      group by 1 having count(*) > 1
    ),
    typed as (${TYPED_SQL} where ${idHash("s.session_id")} in (select id_hash from repeated) offset 0)
    select t.session_id, min(${position("t")}) filter (where (${REASON_SQL}) is null) as first_pos
    from typed t join etl_files f using (file_no)
    where t.session_id is not null
    group by t.session_id
    having count(*) > 1`);
  await tx.unsafe("analyze etl_dup_firsts");
}

/**
 * CTEs ending in `checked`: staged rows (all, or `where` picks some), typed, with `reason` null
 * for rows to load. Streamed, never materialised: the transform stage reads it once for the
 * accepted rows, and the reject pass (rejectedRowsSql) reads it again only for rows the transform
 * left out. Expects temp tables etl_files and etl_dup_firsts (findRepeatedIds).
 */
export function checkedRowsCtes(where = ""): string {
  return `
    -- offset 0 keeps the typed values a separate plan node, so each parse runs once per row.
    typed as (${TYPED_SQL} ${where} offset 0),
    -- Barriers (offset 0) here and in the transform's CTEs: without them the planner inlines each
    -- CTE and repeats its expressions wherever a later column uses them (2x the CPU, measured).
    reasoned as (
      select t.*, ${REASON_SQL} as first_reason from typed t join etl_files f using (file_no) offset 0
    ),
    checked as (
      select k.*, (w.session_id is not null) as dup_in_warehouse,
        coalesce(k.first_reason,
                 case when x.first_pos <> ${position("k")}
                        or w.session_id is not null
                      then 'duplicate_session_id' end) as reason
      from reasoned k
      left join etl_dup_firsts x on k.first_reason is null and x.session_id = k.session_id
      left join fact_playback_sessions w on k.first_reason is null and w.session_id = k.session_id
    )`;
}

/**
 * Copies every refused staged row (those missing from etl_clean, matched by file and line) to
 * etl_rejected_rows with its reason, detail, line number and raw text. Canonical rows were staged
 * without their raw text (see csv-to-copy.ts): it is rebuilt with minimal CSV quoting in the file's
 * own column order, which gives back the original line. `$1` must be the run id.
 */
export function rejectedRowsSql(files: StagedFile[]): string {
  const quote = (c: string) =>
    `case when s.${c} ~ '[",\r\n]' then '"' || replace(s.${c}, '"', '""') || '"' else s.${c} end`;
  const rebuilt = `case c.file_no ${files
    .map((f) => `when ${f.fileNo} then array_to_string(array[${f.columns.map(quote).join(", ")}], ',', '')`)
    .join(" ")} end`;
  const refused = `where not exists (select 1 from etl_clean k where k.file_no = s.file_no and k.line_number = s.line_number)`;
  return `
    with ${checkedRowsCtes(refused)}
    insert into etl_rejected_rows (run_id, source_file, line_number, reason_code, reason_detail, raw_row)
    select $1, f.path, c.line_number, c.reason, ${DETAIL_SQL}, coalesce(s.raw_row, ${rebuilt})
    from checked c
    join etl_files f using (file_no)
    join stg_playback_sessions s on s.ctid = c.stg_tid
    where c.reason is not null`;
}

/** Refused rows of a run, by reason, in REASON_CODES order. */
export async function countRejects(tx: TransactionSql, runId: number): Promise<ValidateResult> {
  // Only earlier runs that loaded count: a file refused by the quality gate and then retried is
  // still held to the gate.
  const counts = await tx<{ reason: string; n: number; already: number; before: number }[]>`
    select r.reason_code as reason, count(*)::int as n,
           count(*) filter (where r.reason_detail like ${`%${ALREADY_LOADED}`})::int as already,
           count(*) filter (where r.reason_code <> 'duplicate_session_id' and exists (
             select 1 from etl_rejected_rows p join etl_runs e on e.run_id = p.run_id and e.status = 'succeeded'
             where p.raw_row = r.raw_row and p.reason_code = r.reason_code and p.run_id <> r.run_id))::int as before
    from etl_rejected_rows r where r.run_id = ${runId} group by 1`;
  const byReason = new Map(counts.map((c) => [c.reason, c.n]));
  const alreadyLoaded = counts.find((c) => c.reason === "duplicate_session_id")?.already ?? 0;
  const rejectedByReason: Partial<Record<ReasonCode, number>> = {};
  let rejected = 0;
  for (const code of REASON_CODES) {
    const n = byReason.get(code);
    if (n) {
      rejectedByReason[code] = n;
      rejected += n;
    }
  }
  return {
    rejected,
    duplicates: rejectedByReason.duplicate_session_id ?? 0,
    alreadyLoaded,
    rejectedBefore: counts.reduce((sum, c) => sum + c.before, 0),
    rejectedByReason,
  };
}
