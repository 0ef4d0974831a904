/**
 * The ground-truth manifest written next to every generated file: what was generated, with exact
 * counts a test (or the ETL's and insights' tests) can check against the loaded warehouse.
 *
 * Scope of the per-dimension counts, totals and fault counts: the `sessions` sessions, i.e. every
 * row the ETL should load (clean rows plus out-of-range rows it clips). Rows it must reject and
 * exact duplicates are not sessions and are only counted under `dirty`.
 */
import {
  COUNTRY_CODES,
  type CountryCode,
  DEVICE_TYPES,
  type DeviceType,
  NETWORK_TYPES,
  type NetworkType,
} from "../../db/constants";
import { KNOWN_OS_NAMES } from "./catalog";
import { DIRTY_KINDS, type DirtyCounts, type DirtyHandling, dirtyHandling, emptyDirtyCounts } from "./dirty";
import type { Fault } from "./faults";
import type { Session } from "./model";

export const GENERATOR_NAME = "streaming-qoe-telemetry-generator";
export const GENERATOR_VERSION = "1.0.0";

export interface ManifestFlags {
  sessions: number;
  days: number;
  end: string;
  seed: number;
  dirty: number;
  /** "default", "none", the fault file path, or "inline" (library callers passing fault objects). */
  faults: string;
  out: string | null;
  manifest: string | null;
}

export interface Manifest {
  generator: { name: string; version: string };
  flags: ManifestFlags;
  /** Distinct sessions = rows the ETL should load into the fact table. */
  sessions: number;
  /** Data rows in the file (header excluded), dirty rows included. */
  rows_written: number;
  header_rows: 1;
  /** Rows the ETL should load (= sessions): clean rows plus out-of-range rows it clips. */
  expected_clean_rows: number;
  /** Of expected_clean_rows, rows with one value the ETL must clip (dirty kinds out_of_range_*). */
  expected_clipped_rows: number;
  /** Rows the ETL must reject (missing/unparsable/unknown values, future timestamps, bad field count). */
  expected_rejected_rows: number;
  /** Exact copies of an earlier row the ETL must skip as duplicates. */
  expected_duplicate_rows: number;
  date_range: {
    start: string;
    end: string;
    days: number;
    first_timestamp: string | null;
    last_timestamp: string | null;
  };
  columns: string[];
  counts: {
    device_type: Record<DeviceType, number>;
    network_type: Record<NetworkType, number>;
    country_code: Record<CountryCode, number>;
    os_name: Record<string, number>;
  };
  totals: { video_start_failure: number; error_occurred: number };
  faults: Array<Fault & { affected_sessions: number }>;
  dirty: {
    fraction: number;
    total: number;
    by_kind: DirtyCounts;
    handling: Record<string, DirtyHandling>;
  };
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Running tallies while rows stream out. */
export class ManifestCounters {
  readonly deviceType = zeroCounts(DEVICE_TYPES);
  readonly networkType = zeroCounts(NETWORK_TYPES);
  readonly countryCode = zeroCounts(COUNTRY_CODES);
  readonly osName = zeroCounts(KNOWN_OS_NAMES);
  readonly dirty = emptyDirtyCounts();
  readonly faultAffected: Float64Array;
  sessions = 0;
  rowsWritten = 0;
  videoStartFailures = 0;
  errors = 0;
  firstTimestamp: string | null = null;
  lastTimestamp: string | null = null;

  constructor(faultCount: number) {
    this.faultAffected = new Float64Array(faultCount);
  }

  countSession(s: Session): void {
    this.sessions += 1;
    this.deviceType[s.deviceType] += 1;
    this.networkType[s.networkType] += 1;
    this.countryCode[s.countryCode] += 1;
    this.osName[s.ua.os.name] = (this.osName[s.ua.os.name] ?? 0) + 1;
    this.videoStartFailures += s.videoStartFailure;
    this.errors += s.errorOccurred;
    if (this.firstTimestamp === null) this.firstTimestamp = s.timestamp;
    this.lastTimestamp = s.timestamp;
  }
}

export function buildManifest(
  flags: ManifestFlags,
  range: { start: string; end: string; days: number },
  columns: readonly string[],
  faults: readonly Fault[],
  c: ManifestCounters,
): Manifest {
  let clipped = 0;
  let rejected = 0;
  let duplicates = 0;
  let total = 0;
  for (const kind of DIRTY_KINDS) {
    const n = c.dirty[kind];
    total += n;
    const handling = dirtyHandling(kind);
    if (handling === "clip") clipped += n;
    else if (handling === "reject") rejected += n;
    else duplicates += n;
  }
  return {
    generator: { name: GENERATOR_NAME, version: GENERATOR_VERSION },
    flags,
    sessions: c.sessions,
    rows_written: c.rowsWritten,
    header_rows: 1,
    expected_clean_rows: c.sessions,
    expected_clipped_rows: clipped,
    expected_rejected_rows: rejected,
    expected_duplicate_rows: duplicates,
    date_range: {
      start: range.start,
      end: range.end,
      days: range.days,
      first_timestamp: c.firstTimestamp,
      last_timestamp: c.lastTimestamp,
    },
    columns: [...columns],
    counts: {
      device_type: { ...c.deviceType },
      network_type: { ...c.networkType },
      country_code: { ...c.countryCode },
      os_name: { ...c.osName },
    },
    totals: { video_start_failure: c.videoStartFailures, error_occurred: c.errors },
    faults: faults.map((fault, i) => ({ ...fault, affected_sessions: c.faultAffected[i]! })),
    dirty: {
      fraction: flags.dirty,
      total,
      by_kind: { ...c.dirty },
      handling: Object.fromEntries(DIRTY_KINDS.map((k) => [k, dirtyHandling(k)])),
    },
  };
}
