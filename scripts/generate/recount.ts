/**
 * An independent re-count of a generated CSV, for tests: it classifies every row the way the ETL
 * is expected to (using only db/constants rules and ua-parser-js, none of the generator's
 * internals) and tallies what the manifest claims. If manifest and recount agree, the manifest is
 * trustworthy ground truth for the ETL's and insights' tests.
 */
import { parse } from "csv-parse/sync";
import { UAParser } from "ua-parser-js";
import {
  CLIP_RANGES,
  COUNTRY_CODES,
  DEVICE_TYPES,
  EXTENSION_COLUMNS,
  NETWORK_TYPES,
  SEED_COLUMNS,
} from "../../db/constants";

export const EXPECTED_COLUMNS: readonly string[] = [...SEED_COLUMNS, ...EXTENSION_COLUMNS];
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})$/;
const INTEGER = /^-?\d+$/;
const NUMERIC = [
  "startup_time_ms",
  "rebuffer_count",
  "rebuffer_duration_ms",
  "bitrate_kbps",
  "frames_dropped",
  "session_duration_sec",
  "hour",
  "day_of_week",
  "video_start_failure",
  "error_occurred",
];

/** The dimensions a fault segment can name, as seen in a loaded row (UA parsed). */
export type RowDimensions = Record<
  | "device_type"
  | "os_name"
  | "os_version"
  | "app_version"
  | "content_id"
  | "country_code"
  | "isp"
  | "cdn_pop"
  | "network_type",
  string | undefined
>;

export interface RecountRow {
  line: number;
  kind: string;
  row: Record<string, string>;
  dims?: RowDimensions;
  epochMs?: number;
}

export interface Recount {
  header: string[];
  rows: RecountRow[];
  /** Rows the ETL should load: clean + out_of_range_* (the generator's "sessions"). */
  sessions: RecountRow[];
  byKind: Record<string, number>;
}

/** Epoch ms of a `YYYY-MM-DD HH:MM:SS.ffffff` UTC timestamp, or null if it is not a real instant. */
export function parseTimestamp(value: string): number | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi
  ) {
    return null;
  }
  return ms + Number(m[7]) / 1000;
}

const uaCache = new Map<string, { os: { name?: string; version?: string } }>();
function parsedUa(ua: string) {
  let hit = uaCache.get(ua);
  if (!hit) {
    hit = { os: new UAParser(ua).getOS() };
    uaCache.set(ua, hit);
  }
  return hit;
}

const COL = Object.fromEntries(EXPECTED_COLUMNS.map((c, i) => [c, i])) as Record<string, number>;
const NUMERIC_INDEXES = NUMERIC.map((c) => COL[c]!);
const DEVICES = new Set<string>(DEVICE_TYPES);
const NETWORKS = new Set<string>(NETWORK_TYPES);
const COUNTRIES = new Set<string>(COUNTRY_CODES);

function outOfRangeKinds(fields: readonly string[]): string[] {
  const n = (column: string) => Number(fields[COL[column]!]);
  const kinds: string[] = [];
  const startup = n("startup_time_ms");
  if (startup < 0) kinds.push("out_of_range_startup_negative");
  if (startup > CLIP_RANGES.startup_time_ms[1]) kinds.push("out_of_range_startup_high");
  if (n("rebuffer_count") > CLIP_RANGES.rebuffer_count[1]) kinds.push("out_of_range_rebuffer_count_high");
  if (n("rebuffer_duration_ms") > CLIP_RANGES.rebuffer_duration_ms[1]) {
    kinds.push("out_of_range_rebuffer_duration_high");
  }
  if (n("bitrate_kbps") < CLIP_RANGES.bitrate_kbps[0]) kinds.push("out_of_range_bitrate_low");
  if (n("bitrate_kbps") > CLIP_RANGES.bitrate_kbps[1]) kinds.push("out_of_range_bitrate_high");
  if (n("frames_dropped") > CLIP_RANGES.frames_dropped[1]) kinds.push("out_of_range_frames_dropped_high");
  if (n("session_duration_sec") > CLIP_RANGES.session_duration_sec[1]) {
    kinds.push("out_of_range_session_duration_high");
  }
  if (kinds.length > 0) return kinds;
  // Clean rows must need no ETL fix at all: no value below its range, stalls within the session,
  // no stalls without stall time (the ETL would "repair" those).
  const invalid =
    (startup >= 0 && startup < CLIP_RANGES.startup_time_ms[0]) ||
    n("rebuffer_count") < 0 ||
    n("rebuffer_duration_ms") < 0 ||
    n("frames_dropped") < 0 ||
    n("session_duration_sec") < CLIP_RANGES.session_duration_sec[0] ||
    n("rebuffer_duration_ms") > n("session_duration_sec") * 1000 ||
    (n("rebuffer_count") > 0 && n("rebuffer_duration_ms") === 0);
  return invalid ? ["invalid"] : [];
}

/**
 * Classifies one data row. Throws if a row has more than one defect (the generator promises one).
 * A timestamp more than a day after the range's end is "future".
 */
function classify(fields: readonly string[], raw: string, seen: Set<string>, endExclusiveMs: number): string {
  if (seen.has(raw)) return "exact_duplicate";
  if (fields.length < EXPECTED_COLUMNS.length) return "wrong_column_count_too_few";
  if (fields.length > EXPECTED_COLUMNS.length) return "wrong_column_count_too_many";
  const defects: string[] = [];
  if (fields[COL.session_id!] === "") defects.push("missing_session_id");
  if (fields[COL.user_id!] === "") defects.push("missing_user_id");
  const timestamp = fields[COL.timestamp!]!;
  if (timestamp === "") defects.push("missing_timestamp");
  else {
    const epochMs = parseTimestamp(timestamp);
    if (epochMs === null) defects.push("unparsable_timestamp");
    else if (epochMs >= endExclusiveMs + 86_400_000) defects.push("future_timestamp");
  }
  const badNumber = NUMERIC_INDEXES.some((i) => !INTEGER.test(fields[i]!));
  if (badNumber) defects.push("unparsable_number");
  if (!DEVICES.has(fields[COL.device_type!]!)) defects.push("unknown_device_type");
  if (!NETWORKS.has(fields[COL.network_type!]!)) defects.push("unknown_network_type");
  if (!COUNTRIES.has(fields[COL.country_code!]!)) defects.push("unknown_country_code");
  if (!badNumber) defects.push(...outOfRangeKinds(fields));
  if (defects.length > 1) throw new Error(`row with several defects (${defects.join(", ")}): ${raw}`);
  return defects[0] ?? "clean";
}

/** Parses and classifies a whole generated file (plain CSV text). */
export function recount(csv: string, endDate: string): Recount {
  const records = parse(csv, { raw: true, relax_column_count: true }) as unknown as Array<{
    record: string[];
    raw: string;
  }>;
  const [headerRecord, ...data] = records;
  if (!headerRecord) throw new Error("empty file");
  const endExclusiveMs = Date.parse(`${endDate}T00:00:00Z`) + 86_400_000;
  const seen = new Set<string>();
  const rows: RecountRow[] = [];
  const sessions: RecountRow[] = [];
  const byKind: Record<string, number> = {};
  data.forEach(({ record, raw }, i) => {
    const kind = classify(record, raw, seen, endExclusiveMs);
    seen.add(raw);
    if (kind === "invalid") throw new Error(`row ${i + 2} has a value no clean row may have: ${raw}`);
    const row: Record<string, string> = {};
    EXPECTED_COLUMNS.forEach((c, j) => {
      row[c] = record[j] ?? "";
    });
    const entry: RecountRow = { line: i + 2, kind, row };
    if (kind === "clean" || kind.startsWith("out_of_range_")) {
      const ua = parsedUa(row.os_version!);
      entry.dims = {
        device_type: row.device_type,
        os_name: ua.os.name,
        os_version: ua.os.version,
        app_version: row.app_version,
        content_id: row.content_id,
        country_code: row.country_code,
        isp: row.isp,
        cdn_pop: row.cdn_pop,
        network_type: row.network_type,
      };
      entry.epochMs = parseTimestamp(row.timestamp!)!;
      sessions.push(entry);
    }
    if (kind !== "clean") byKind[kind] = (byKind[kind] ?? 0) + 1;
    rows.push(entry);
  });
  return { header: headerRecord.record, rows, sessions, byKind };
}

/** How many recounted sessions fall in a segment (all named dimensions must match). */
export function countSegment(sessions: readonly RecountRow[], segment: Partial<RowDimensions>): number {
  const entries = Object.entries(segment);
  return sessions.filter((s) =>
    entries.every(([dim, value]) => s.dims![dim as keyof RowDimensions] === value),
  ).length;
}

/** Tally of one column over the recounted sessions. */
export function tally(sessions: readonly RecountRow[], pick: (s: RecountRow) => string | undefined) {
  const out: Record<string, number> = {};
  for (const s of sessions) {
    const key = pick(s) ?? "";
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
