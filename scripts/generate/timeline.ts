/**
 * When sessions happen. The covered range is the `days` UTC days ending on `end` (inclusive).
 * Sessions are spread over hour buckets with weights (evening peak 19-23, weekends busier, a little
 * day-to-day noise), each session gets its own random instant inside its bucket, and buckets are
 * emitted in order with their instants sorted: the file comes out sorted by timestamp while only
 * one bucket's instants are ever held in memory.
 */

import type { TimeSlot } from "./model";
import type { Rng } from "./prng";

/** Relative session volume by UTC hour of day; 19..23 is the seed's peak window. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.55, 0.35, 0.22, 0.15, 0.12, 0.15, 0.25, 0.4, 0.5, 0.55, 0.6, 0.65, 0.75, 0.75, 0.7, 0.7, 0.8, 0.95, 1.15,
  1.7, 1.95, 2.0, 1.8, 1.3,
];
export const WEEKEND_WEIGHT = 1.35;
/** Log-normal jitter per hour bucket, so no two days look exactly alike. */
export const BUCKET_NOISE_SD = 0.1;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DateRange {
  /** First day, YYYY-MM-DD (UTC). */
  start: string;
  /** Last day, YYYY-MM-DD (UTC), inclusive. */
  end: string;
  days: number;
  startMs: number;
  /** First instant after the range. */
  endExclusiveMs: number;
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/**
 * The last whole day, UTC (yesterday): the default last day of generated telemetry. Sessions of
 * today that start after the moment of the load are rejected by the ETL as future timestamps, and
 * a day cut short reads as a drop in the daily charts.
 */
export function lastWholeDayUtc(now = new Date()): string {
  return new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
}

export function resolveDateRange(end: string, days: number): DateRange {
  if (!isValidIsoDate(end)) throw new Error(`end date must be YYYY-MM-DD, got "${end}"`);
  const endExclusiveMs = Date.parse(`${end}T00:00:00Z`) + DAY_MS;
  const startMs = endExclusiveMs - days * DAY_MS;
  return { start: isoDate(startMs), end, days, startMs, endExclusiveMs };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Monday = 0 .. Sunday = 6, as in the seed. */
export function mondayBasedDay(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` (UTC, no zone) for an epoch instant in whole microseconds. */
export function formatTimestamp(epochMicros: number): TimeSlot {
  const ms = Math.floor(epochMicros / 1000);
  const micros = epochMicros - Math.floor(epochMicros / 1_000_000) * 1_000_000;
  const d = new Date(ms);
  const hour = d.getUTCHours();
  const timestamp = `${d.toISOString().slice(0, 10)} ${pad2(hour)}:${pad2(d.getUTCMinutes())}:${pad2(
    d.getUTCSeconds(),
  )}.${String(micros).padStart(6, "0")}`;
  return { timestamp, hour, dayOfWeek: mondayBasedDay(ms) };
}

/**
 * Splits `sessions` over the range's hour buckets: expected share by weight, rounded with the
 * largest-remainder method so the counts add up exactly.
 */
export function allocateSessions(range: DateRange, sessions: number, rng: Rng): Int32Array {
  const buckets = range.days * 24;
  const weights = new Float64Array(buckets);
  let total = 0;
  for (let b = 0; b < buckets; b++) {
    const startMs = range.startMs + b * HOUR_MS;
    const weekend = mondayBasedDay(startMs) >= 5;
    const w =
      HOUR_WEIGHTS[b % 24]! * (weekend ? WEEKEND_WEIGHT : 1) * Math.exp(rng.normal(0, BUCKET_NOISE_SD));
    weights[b] = w;
    total += w;
  }
  const counts = new Int32Array(buckets);
  const remainders: Array<[number, number]> = [];
  let assigned = 0;
  for (let b = 0; b < buckets; b++) {
    const exact = (sessions * weights[b]!) / total;
    const whole = Math.floor(exact);
    counts[b] = whole;
    assigned += whole;
    remainders.push([exact - whole, b]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let i = 0; i < sessions - assigned; i++) counts[remainders[i]![1]]! += 1;
  return counts;
}

export interface HourBucket {
  /** `YYYY-MM-DD HH:` of the bucket's hour, the shared start of its timestamps. */
  prefix: string;
  hour: number;
  dayOfWeek: number;
}

export function hourBucket(range: DateRange, bucket: number): HourBucket {
  const startMs = range.startMs + bucket * HOUR_MS;
  const hour = bucket % 24;
  return { prefix: `${isoDate(startMs)} ${pad2(hour)}:`, hour, dayOfWeek: mondayBasedDay(startMs) };
}

const MICROS_PER_HOUR = 3_600_000_000;

/** Sorted random offsets (microseconds from the start of the hour) for one bucket's sessions. */
export function bucketOffsets(count: number, rng: Rng): Float64Array {
  const offsets = new Float64Array(count);
  for (let i = 0; i < count; i++) offsets[i] = rng.int(0, 3599) * 1_000_000 + rng.int(0, 999_999);
  return offsets.sort();
}

const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => pad2(i));

/** The timestamp slot of an offset inside an hour bucket (string building only, no Date). */
export function slotInBucket(bucket: HourBucket, offsetMicros: number): TimeSlot {
  if (offsetMicros < 0 || offsetMicros >= MICROS_PER_HOUR)
    throw new Error(`offset ${offsetMicros} outside the hour`);
  const seconds = Math.floor(offsetMicros / 1_000_000);
  const micros = offsetMicros - seconds * 1_000_000;
  const timestamp = `${bucket.prefix}${PAD2[Math.floor(seconds / 60)]}:${PAD2[seconds % 60]}.${String(micros).padStart(6, "0")}`;
  return { timestamp, hour: bucket.hour, dayOfWeek: bucket.dayOfWeek };
}
