/**
 * Dirty rows (`--dirty F`): about F x sessions rows that a real telemetry feed would contain, each
 * with exactly one defect of a known kind, counted exactly in the manifest.
 *
 * Two families:
 * - out_of_range_*: one of the `sessions` sessions gets one value outside the ETL's clip range. The
 *   row is still a real session; the ETL should clip the value and load it ("clip").
 * - everything else: an extra row mixed in between sessions. Exact duplicates repeat an earlier row
 *   byte for byte ("skip_duplicate"); the rest are built from a freshly drawn session with its own
 *   new session id, then broken in one way the ETL must reject ("reject").
 * So the ETL should load exactly `sessions` rows, and never sees two different rows with one id.
 *
 * Dirty decisions and dirty-row contents use their own random stream: the clean rows of a file are
 * the same whatever --dirty is (apart from the out-of-range value written into chosen sessions).
 */
import { CLIP_RANGES } from "../../db/constants";
import { COLUMN_INDEX, csvField, csvLine } from "./csv";
import type { Rng } from "./prng";
import { formatTimestamp } from "./timeline";

export const OUT_OF_RANGE_KINDS = [
  "out_of_range_startup_negative",
  "out_of_range_startup_high",
  "out_of_range_rebuffer_count_high",
  "out_of_range_rebuffer_duration_high",
  "out_of_range_bitrate_low",
  "out_of_range_bitrate_high",
  "out_of_range_frames_dropped_high",
  "out_of_range_session_duration_high",
] as const;
export type OutOfRangeKind = (typeof OUT_OF_RANGE_KINDS)[number];

export const EXTRA_ROW_KINDS = [
  "exact_duplicate",
  "missing_session_id",
  "missing_user_id",
  "missing_timestamp",
  "unparsable_timestamp",
  "unparsable_number",
  "future_timestamp",
  "wrong_column_count_too_few",
  "wrong_column_count_too_many",
  "unknown_device_type",
  "unknown_network_type",
  "unknown_country_code",
] as const;
export type ExtraRowKind = (typeof EXTRA_ROW_KINDS)[number];

export const DIRTY_KINDS = [...EXTRA_ROW_KINDS, ...OUT_OF_RANGE_KINDS] as const;
export type DirtyKind = (typeof DIRTY_KINDS)[number];

export type DirtyHandling = "reject" | "clip" | "skip_duplicate";

export function dirtyHandling(kind: DirtyKind): DirtyHandling {
  if (kind === "exact_duplicate") return "skip_duplicate";
  return kind.startsWith("out_of_range_") ? "clip" : "reject";
}

/** Relative frequency of each kind (duplicates are the most common defect in real feeds). */
export const DIRTY_WEIGHTS: Record<DirtyKind, number> = {
  exact_duplicate: 3,
  missing_session_id: 1,
  missing_user_id: 1,
  missing_timestamp: 1,
  unparsable_timestamp: 1,
  unparsable_number: 1.5,
  future_timestamp: 1,
  wrong_column_count_too_few: 0.5,
  wrong_column_count_too_many: 0.5,
  unknown_device_type: 1,
  unknown_network_type: 1,
  unknown_country_code: 1,
  out_of_range_startup_negative: 0.5,
  out_of_range_startup_high: 0.5,
  out_of_range_rebuffer_count_high: 0.5,
  out_of_range_rebuffer_duration_high: 0.5,
  out_of_range_bitrate_low: 0.5,
  out_of_range_bitrate_high: 0.5,
  out_of_range_frames_dropped_high: 0.5,
  out_of_range_session_duration_high: 0.5,
};

export type DirtyCounts = Record<DirtyKind, number>;

export function emptyDirtyCounts(): DirtyCounts {
  return Object.fromEntries(DIRTY_KINDS.map((k) => [k, 0])) as DirtyCounts;
}

/** round(fraction x sessions) dirty rows split over kinds by weight (largest remainder, exact sum). */
export function allocateDirty(sessions: number, fraction: number): DirtyCounts {
  const total = Math.round(sessions * fraction);
  const weightSum = DIRTY_KINDS.reduce((sum, k) => sum + DIRTY_WEIGHTS[k], 0);
  const counts = emptyDirtyCounts();
  const remainders: Array<[number, number]> = [];
  let assigned = 0;
  DIRTY_KINDS.forEach((kind, i) => {
    const exact = (total * DIRTY_WEIGHTS[kind]) / weightSum;
    counts[kind] = Math.floor(exact);
    assigned += counts[kind];
    remainders.push([exact - counts[kind], i]);
  });
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; i < total - assigned; i++) counts[DIRTY_KINDS[remainders[i]![1]]!] += 1;
  return counts;
}

/** Values the ETL must clip, never reject. Each lies strictly outside CLIP_RANGES. */
const OUT_OF_RANGE_VALUES: Record<OutOfRangeKind, { column: string; draw: (rng: Rng) => number }> = {
  out_of_range_startup_negative: { column: "startup_time_ms", draw: (rng) => -rng.int(1, 5000) },
  out_of_range_startup_high: {
    column: "startup_time_ms",
    draw: (rng) => rng.int(CLIP_RANGES.startup_time_ms[1] + 1, 120_000),
  },
  out_of_range_rebuffer_count_high: {
    column: "rebuffer_count",
    draw: (rng) => rng.int(CLIP_RANGES.rebuffer_count[1] + 1, 999),
  },
  out_of_range_rebuffer_duration_high: {
    column: "rebuffer_duration_ms",
    draw: (rng) => rng.int(CLIP_RANGES.rebuffer_duration_ms[1] + 1, 3_600_000),
  },
  out_of_range_bitrate_low: {
    column: "bitrate_kbps",
    draw: (rng) => rng.int(0, CLIP_RANGES.bitrate_kbps[0] - 1),
  },
  out_of_range_bitrate_high: {
    column: "bitrate_kbps",
    draw: (rng) => rng.int(CLIP_RANGES.bitrate_kbps[1] + 1, 250_000),
  },
  out_of_range_frames_dropped_high: {
    column: "frames_dropped",
    draw: (rng) => rng.int(CLIP_RANGES.frames_dropped[1] + 1, 99_999),
  },
  out_of_range_session_duration_high: {
    column: "session_duration_sec",
    draw: (rng) => rng.int(CLIP_RANGES.session_duration_sec[1] + 1, 172_800),
  },
};

/** Which column each out-of-range kind writes to (for docs and tests). */
export const OUT_OF_RANGE_COLUMN: Record<OutOfRangeKind, string> = Object.fromEntries(
  OUT_OF_RANGE_KINDS.map((k) => [k, OUT_OF_RANGE_VALUES[k].column]),
) as Record<OutOfRangeKind, string>;

export function applyOutOfRange(kind: OutOfRangeKind, fields: string[], rng: Rng): void {
  const { column, draw } = OUT_OF_RANGE_VALUES[kind];
  fields[COLUMN_INDEX[column]!] = String(draw(rng));
}

export const NUMERIC_COLUMNS = [
  "startup_time_ms",
  "rebuffer_count",
  "rebuffer_duration_ms",
  "bitrate_kbps",
  "frames_dropped",
  "session_duration_sec",
] as const;

/** Garbage that no strict number parser accepts (note: parseInt("12x") would; the ETL must not). */
const UNPARSABLE_NUMBERS: ReadonlyArray<(original: string) => string> = [
  (o) => `${o}x`,
  () => "abc",
  () => "--",
  () => "1O0",
  (o) => `${o}.${o}.0`,
];
const UNPARSABLE_TIMESTAMPS = [
  "not-a-timestamp",
  "2024-13-45 25:61:99.000000",
  "0000-00-00 00:00:00.000000",
  "#VALUE!",
  "31/12/2024 18:30",
];
export const UNKNOWN_DEVICE_TYPES = ["game_console", "vr_headset", "set_top_box", "car_display"];
export const UNKNOWN_NETWORK_TYPES = ["satellite", "cellular_3g", "dsl", "cellular_6g"];
/** Real countries the service does not operate in, and placeholder codes. */
export const UNKNOWN_COUNTRY_CODES = ["ZZ", "XX", "CA", "AU", "CN"];

/** Future rows come from device clocks set decades ahead, so they are in the future of any run too. */
export const FUTURE_YEARS_AHEAD = [20, 60] as const;

const DAY_MS = 86_400_000;

/**
 * Breaks one row (the raw field values of a freshly drawn session) in the way `kind` says and
 * returns the CSV line. Not for exact_duplicate, which copies an earlier line instead.
 */
export function brokenLine(
  kind: Exclude<ExtraRowKind, "exact_duplicate">,
  fields: string[],
  rng: Rng,
  endDate: string,
): string {
  switch (kind) {
    case "missing_session_id":
      fields[COLUMN_INDEX.session_id!] = "";
      return csvLine(fields);
    case "missing_user_id":
      fields[COLUMN_INDEX.user_id!] = "";
      return csvLine(fields);
    case "missing_timestamp":
      fields[COLUMN_INDEX.timestamp!] = "";
      return csvLine(fields);
    case "unparsable_timestamp":
      fields[COLUMN_INDEX.timestamp!] = rng.pick(UNPARSABLE_TIMESTAMPS);
      return csvLine(fields);
    case "unparsable_number": {
      const index = COLUMN_INDEX[rng.pick(NUMERIC_COLUMNS)]!;
      fields[index] = rng.pick(UNPARSABLE_NUMBERS)(fields[index]!);
      return csvLine(fields);
    }
    case "future_timestamp": {
      const year = Number(endDate.slice(0, 4)) + rng.int(FUTURE_YEARS_AHEAD[0], FUTURE_YEARS_AHEAD[1]);
      const ms = Date.UTC(year, 0, 1) + rng.int(0, 364) * DAY_MS + rng.int(0, 86_399) * 1000;
      const slot = formatTimestamp(ms * 1000 + rng.int(0, 999_999));
      fields[COLUMN_INDEX.timestamp!] = slot.timestamp;
      fields[COLUMN_INDEX.hour!] = String(slot.hour);
      fields[COLUMN_INDEX.day_of_week!] = String(slot.dayOfWeek);
      return csvLine(fields);
    }
    case "wrong_column_count_too_few":
      // A truncated write. Never exactly 20 fields, which would look like a seed-format row.
      return csvLine(fields.slice(0, rng.int(4, 19)));
    case "wrong_column_count_too_many": {
      // The classic producer bug: the user agent written without quotes, its commas split it.
      const ua = fields[COLUMN_INDEX.os_version!]!;
      if (!ua.includes(",")) return csvLine([...fields, "1"]);
      return `${fields.map((f, i) => (i === COLUMN_INDEX.os_version ? f : csvField(f))).join(",")}\n`;
    }
    case "unknown_device_type":
      fields[COLUMN_INDEX.device_type!] = rng.pick(UNKNOWN_DEVICE_TYPES);
      return csvLine(fields);
    case "unknown_network_type":
      fields[COLUMN_INDEX.network_type!] = rng.pick(UNKNOWN_NETWORK_TYPES);
      return csvLine(fields);
    case "unknown_country_code": {
      const code = rng.pick(UNKNOWN_COUNTRY_CODES);
      fields[COLUMN_INDEX.country_code!] = code;
      fields[COLUMN_INDEX.cdn_pop!] = `${code}-${rng.int(1, 5)}`;
      return csvLine(fields);
    }
  }
}

const RECENT_LINES = 256;

/**
 * Decides, as the file streams out, where dirty rows go: which sessions get an out-of-range value
 * (selection sampling: exact count, uniformly spread) and how many extra rows precede each session.
 */
export class DirtyPlan {
  readonly planned: DirtyCounts;
  private readonly remaining: DirtyCounts;
  private remainingOutOfRange: number;
  private remainingExtra: number;
  private remainingSessions: number;
  private readonly recent: string[] = [];
  private recentNext = 0;

  constructor(
    sessions: number,
    fraction: number,
    private readonly rng: Rng,
  ) {
    this.planned = allocateDirty(sessions, fraction);
    this.remaining = { ...this.planned };
    this.remainingOutOfRange = OUT_OF_RANGE_KINDS.reduce((sum, k) => sum + this.planned[k], 0);
    this.remainingExtra = EXTRA_ROW_KINDS.reduce((sum, k) => sum + this.planned[k], 0);
    this.remainingSessions = sessions;
  }

  get extraRows(): number {
    return EXTRA_ROW_KINDS.reduce((sum, k) => sum + this.planned[k], 0);
  }

  /** Kind of the next extra row to write before the next session, or null to write the session. */
  nextExtraBeforeSession(): ExtraRowKind | null {
    if (this.remainingExtra === 0) return null;
    const p = this.remainingExtra / (this.remainingExtra + this.remainingSessions);
    if (this.rng.uniform() >= p) return null;
    return this.takeExtra();
  }

  /** Kind of the next extra row once all sessions are out, or null when none are left. */
  nextExtraAtEnd(): ExtraRowKind | null {
    return this.remainingExtra === 0 ? null : this.takeExtra();
  }

  /** Called once per session: which out-of-range defect it gets, if any. */
  outOfRangeForSession(): OutOfRangeKind | null {
    const sessionsLeft = this.remainingSessions;
    this.remainingSessions -= 1;
    if (this.remainingOutOfRange === 0) return null;
    if (this.rng.uniform() * sessionsLeft >= this.remainingOutOfRange) return null;
    this.remainingOutOfRange -= 1;
    return this.takeWeighted(OUT_OF_RANGE_KINDS);
  }

  /** Remembers a written session line as a source for exact duplicates. */
  rememberLine(line: string): void {
    if (this.remainingExtra === 0) return;
    if (this.recent.length < RECENT_LINES) this.recent.push(line);
    else this.recent[this.recentNext] = line;
    this.recentNext = (this.recentNext + 1) % RECENT_LINES;
  }

  /** A verbatim copy of a recent session line (there always is one when a duplicate is due). */
  duplicateLine(): string {
    return this.rng.pick(this.recent);
  }

  private takeExtra(): ExtraRowKind | null {
    // A duplicate needs an earlier session line; before the first one, leave duplicates for later.
    const kinds =
      this.recent.length > 0 ? EXTRA_ROW_KINDS : EXTRA_ROW_KINDS.filter((k) => k !== "exact_duplicate");
    const kind = this.takeWeighted(kinds);
    if (kind !== null) this.remainingExtra -= 1;
    return kind;
  }

  /** Picks a kind with probability proportional to how many of it are still due. */
  private takeWeighted<K extends DirtyKind>(kinds: readonly K[]): K | null {
    let total = 0;
    for (const k of kinds) total += this.remaining[k];
    if (total === 0) return null;
    let target = this.rng.uniform() * total;
    for (const k of kinds) {
      target -= this.remaining[k];
      if (target < 0 && this.remaining[k] > 0) {
        this.remaining[k] -= 1;
        return k;
      }
    }
    const last = [...kinds].reverse().find((k) => this.remaining[k] > 0)!;
    this.remaining[last] -= 1;
    return last;
  }
}
