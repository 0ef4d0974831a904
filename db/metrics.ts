/**
 * The one home of every derived-metric formula and threshold (SPEC.md section 4) and of the ETL's
 * data-quality score. Each rule is a small table of constants; from it this module builds both a
 * SQL expression (used by the ETL, the dashboard and the insights engine) and a plain function
 * (used by tests and by code that works on single rows). The SQL text is built only from these
 * constants and from column expressions the caller writes, never from user input.
 */
import { DEVICE_FAMILY, type DeviceType } from "./constants";

// ---------------------------------------------------------------------------------------------
// Band tables. "min" bands match the first row whose min <= value; "max" bands the first row whose
// value < max (strict, as the seed wrote it). The last label applies when no band matches.

export type MinBand<T> = readonly { min: number; value: T }[];
export type MaxBand<T> = readonly { max: number; value: T }[];

/** quality_score from average bitrate (kbps). */
export const QUALITY_SCORE_BANDS: MinBand<number> = [
  { min: 20000, value: 100 },
  { min: 6000, value: 75 },
  { min: 3000, value: 50 },
  { min: 1000, value: 25 },
];
export const QUALITY_SCORE_FLOOR = 10;

/** startup_category from startup time (ms), strict upper bounds. */
export const STARTUP_CATEGORY_BANDS: MaxBand<string> = [
  { max: 1000, value: "excellent" },
  { max: 2000, value: "good" },
  { max: 4000, value: "fair" },
];
export const STARTUP_CATEGORY_ELSE = "poor";

/** session_quality from overall_qoe_score. */
export const SESSION_QUALITY_BANDS: MinBand<string> = [
  { min: 80, value: "excellent" },
  { min: 60, value: "good" },
  { min: 40, value: "fair" },
];
export const SESSION_QUALITY_ELSE = "poor";

/** buffering_severity from rebuffer_count: 0 none, <=2 minor, <=5 moderate, else severe. */
export const BUFFERING_SEVERITY_BANDS: MaxBand<string> = [
  { max: 1, value: "none" },
  { max: 3, value: "minor" },
  { max: 6, value: "moderate" },
];
export const BUFFERING_SEVERITY_ELSE = "severe";

/** Network quality inferred from bitrate (kbps). */
export const NETWORK_QUALITY_BANDS: MinBand<string> = [
  { min: 10000, value: "excellent" },
  { min: 5000, value: "good" },
  { min: 2000, value: "fair" },
];
export const NETWORK_QUALITY_ELSE = "poor";

/**
 * Representative bandwidth (Mbps) per network quality for dim_network.estimated_bandwidth_mbps:
 * roughly the middle of each bitrate band with a little headroom. Illustrative, not measured.
 */
export const NETWORK_QUALITY_BANDWIDTH_MBPS: Record<string, number> = {
  excellent: 25,
  good: 10,
  fair: 5,
  poor: 2,
};
/** Network types billed by volume. */
export const METERED_NETWORK_TYPES = ["cellular_5g", "cellular_4g"] as const;

/** Time of day from the UTC hour: 6-11 morning, 12-16 afternoon, 17-21 evening, else night. */
export const TIME_OF_DAY_BANDS: MaxBand<string> = [
  { max: 6, value: "night" },
  { max: 12, value: "morning" },
  { max: 17, value: "afternoon" },
  { max: 22, value: "evening" },
];
export const TIME_OF_DAY_ELSE = "night";
/** Peak viewing hours, inclusive (19:00-23:59). */
export const PEAK_HOURS = { from: 19, to: 23 } as const;
/** day_of_week uses 0 = Monday (the seed's convention); Saturday and Sunday are the weekend. */
export const WEEKEND_DAYS = [5, 6] as const;

/** overall_qoe_score weights and the startup penalty (one point per 300 ms). */
export const QOE_WEIGHTS = { startup: 0.3, rebuffer: 0.4, quality: 0.3 } as const;
export const QOE_STARTUP_MS_PER_POINT = 300;

/** Industry startup score 8/(8+s)*100 with s the startup time in seconds. */
export const STARTUP_SCORE_HALF_SECONDS = 8;

/** Devices assumed able to play 4K (TVs and desktop browsers). */
export const SUPPORTS_4K_DEVICE_TYPES: readonly DeviceType[] = ["smart_tv", "web"];

// ---------------------------------------------------------------------------------------------
// Cohorts derived from each user's observed activity (no random assignment).

/** Subscription tier inferred from the best bitrate a user ever received (4K implies premium). */
export const SUBSCRIPTION_TIER_BANDS: MinBand<string> = [
  { min: 15000, value: "premium" },
  { min: 3000, value: "standard" },
];
export const SUBSCRIPTION_TIER_ELSE = "basic";

/** Viewing intensity from average hours watched per active week. */
export const VIEWING_INTENSITY_BANDS: MinBand<string> = [
  { min: 7, value: "heavy" },
  { min: 2, value: "medium" },
];
export const VIEWING_INTENSITY_ELSE = "light";
/** Representative hours per week stored on dim_user_cohort for each intensity. */
export const VIEWING_INTENSITY_HOURS: Record<string, number> = { heavy: 10, medium: 4, light: 1 };

// ---------------------------------------------------------------------------------------------
// ETL data-quality score (SPEC.md section 6): starts at 100 and loses points per problem.

/**
 * quality = max(0, 100 - rejected% * rejected - duplicate% * duplicate - fixed% * fixed), where each
 * percentage is over the rows read: rejected% counts rows refused for any reason other than a
 * duplicate session id, duplicate% the duplicates, fixed% the loaded rows that at least one soft
 * rule changed or flagged. Warnings (rows older than a year) cost nothing. Duplicates are cheap
 * because the seed's own generator writes ~11% of them by design; hard rejects are expensive.
 */
export const DATA_QUALITY_PENALTY_PER_PCT = { rejected: 1, duplicate: 0.25, fixed: 0.1 } as const;
/** Runs scoring below this fail (the seed's threshold); `npm run etl -- --min-quality N` overrides. */
export const DEFAULT_MIN_QUALITY = 90;

export function dataQualityScore(input: {
  rowsRead: number;
  rejected: number;
  duplicates: number;
  fixedRows: number;
}): number {
  if (input.rowsRead <= 0) return 100;
  const pct = (n: number) => (n / input.rowsRead) * 100;
  const p = DATA_QUALITY_PENALTY_PER_PCT;
  const score =
    100 -
    pct(input.rejected) * p.rejected -
    pct(input.duplicates) * p.duplicate -
    pct(input.fixedRows) * p.fixed;
  return Math.max(0, Math.round(score * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Plain-function forms (one row at a time).

function byMin<T>(bands: MinBand<T>, fallback: T, x: number): T {
  for (const b of bands) if (x >= b.min) return b.value;
  return fallback;
}
function byMax<T>(bands: MaxBand<T>, fallback: T, x: number): T {
  for (const b of bands) if (x < b.max) return b.value;
  return fallback;
}
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

export const metric = {
  rebufferRatio: (rebufferDurationMs: number, sessionDurationSec: number) =>
    sessionDurationSec > 0 ? clamp((rebufferDurationMs / (sessionDurationSec * 1000)) * 100, 0, 100) : 0,
  qualityScore: (bitrateKbps: number) => byMin(QUALITY_SCORE_BANDS, QUALITY_SCORE_FLOOR, bitrateKbps),
  startupCategory: (startupMs: number) => byMax(STARTUP_CATEGORY_BANDS, STARTUP_CATEGORY_ELSE, startupMs),
  overallQoe: (startupMs: number, rebufferRatio: number, qualityScore: number) =>
    QOE_WEIGHTS.startup * clamp(100 - startupMs / QOE_STARTUP_MS_PER_POINT, 0, 100) +
    QOE_WEIGHTS.rebuffer * (100 - rebufferRatio) +
    QOE_WEIGHTS.quality * qualityScore,
  sessionQuality: (qoe: number) => byMin(SESSION_QUALITY_BANDS, SESSION_QUALITY_ELSE, qoe),
  bufferingSeverity: (rebufferCount: number) =>
    byMax(BUFFERING_SEVERITY_BANDS, BUFFERING_SEVERITY_ELSE, rebufferCount),
  networkQuality: (bitrateKbps: number) => byMin(NETWORK_QUALITY_BANDS, NETWORK_QUALITY_ELSE, bitrateKbps),
  timeOfDay: (hour: number) => byMax(TIME_OF_DAY_BANDS, TIME_OF_DAY_ELSE, hour),
  isPeak: (hour: number) => hour >= PEAK_HOURS.from && hour <= PEAK_HOURS.to,
  isWeekend: (dayOfWeekMonday0: number) => (WEEKEND_DAYS as readonly number[]).includes(dayOfWeekMonday0),
  startupScore: (startupMs: number) =>
    (STARTUP_SCORE_HALF_SECONDS / (STARTUP_SCORE_HALF_SECONDS + startupMs / 1000)) * 100,
  rebufferFrequency: (rebufferCount: number, sessionDurationSec: number) =>
    sessionDurationSec > 0 ? rebufferCount / (sessionDurationSec / 60) : 0,
  playbackDurationSec: (sessionDurationSec: number, rebufferDurationMs: number) =>
    Math.max(sessionDurationSec - Math.round(rebufferDurationMs / 1000), 0),
  subscriptionTier: (maxBitrateKbps: number) =>
    byMin(SUBSCRIPTION_TIER_BANDS, SUBSCRIPTION_TIER_ELSE, maxBitrateKbps),
  viewingIntensity: (hoursPerWeek: number) =>
    byMin(VIEWING_INTENSITY_BANDS, VIEWING_INTENSITY_ELSE, hoursPerWeek),
  deviceFamily: (deviceType: DeviceType) => DEVICE_FAMILY[deviceType].family,
};

// ---------------------------------------------------------------------------------------------
// SQL forms. Arguments are SQL expressions written by the caller (column names); the result is a
// SQL expression string to embed in a statement.

/** Quotes a constant as a SQL string literal. Only for this module's constants, never user input. */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
const sqlValue = (v: string | number) => (typeof v === "number" ? String(v) : sqlText(v));

function sqlByMin<T extends string | number>(expr: string, bands: MinBand<T>, fallback: T): string {
  const arms = bands.map((b) => `when ${expr} >= ${b.min} then ${sqlValue(b.value)}`).join(" ");
  return `(case ${arms} else ${sqlValue(fallback)} end)`;
}
function sqlByMax<T extends string | number>(expr: string, bands: MaxBand<T>, fallback: T): string {
  const arms = bands.map((b) => `when ${expr} < ${b.max} then ${sqlValue(b.value)}`).join(" ");
  return `(case ${arms} else ${sqlValue(fallback)} end)`;
}
const sqlClamp = (expr: string, lo: number, hi: number) => `least(greatest(${expr}, ${lo}), ${hi})`;

export const metricSql = {
  rebufferRatio: (rebufferDurationMs: string, sessionDurationSec: string) =>
    `(case when ${sessionDurationSec} > 0 then ${sqlClamp(
      `${rebufferDurationMs}::float8 / (${sessionDurationSec}::float8 * 1000) * 100`,
      0,
      100,
    )} else 0 end)`,
  qualityScore: (bitrateKbps: string) => sqlByMin(bitrateKbps, QUALITY_SCORE_BANDS, QUALITY_SCORE_FLOOR),
  startupCategory: (startupMs: string) => sqlByMax(startupMs, STARTUP_CATEGORY_BANDS, STARTUP_CATEGORY_ELSE),
  overallQoe: (startupMs: string, rebufferRatio: string, qualityScore: string) =>
    `(${QOE_WEIGHTS.startup} * ${sqlClamp(`100 - ${startupMs}::float8 / ${QOE_STARTUP_MS_PER_POINT}`, 0, 100)}` +
    ` + ${QOE_WEIGHTS.rebuffer} * (100 - ${rebufferRatio})` +
    ` + ${QOE_WEIGHTS.quality} * ${qualityScore})`,
  sessionQuality: (qoe: string) => sqlByMin(qoe, SESSION_QUALITY_BANDS, SESSION_QUALITY_ELSE),
  bufferingSeverity: (rebufferCount: string) =>
    sqlByMax(rebufferCount, BUFFERING_SEVERITY_BANDS, BUFFERING_SEVERITY_ELSE),
  networkQuality: (bitrateKbps: string) => sqlByMin(bitrateKbps, NETWORK_QUALITY_BANDS, NETWORK_QUALITY_ELSE),
  timeOfDay: (hour: string) => sqlByMax(hour, TIME_OF_DAY_BANDS, TIME_OF_DAY_ELSE),
  isPeak: (hour: string) => `(${hour} between ${PEAK_HOURS.from} and ${PEAK_HOURS.to})`,
  isWeekend: (dayOfWeekMonday0: string) => `(${dayOfWeekMonday0} in (${WEEKEND_DAYS.join(", ")}))`,
  startupScore: (startupMs: string) =>
    `(${STARTUP_SCORE_HALF_SECONDS}.0 / (${STARTUP_SCORE_HALF_SECONDS} + ${startupMs}::float8 / 1000) * 100)`,
  rebufferFrequency: (rebufferCount: string, sessionDurationSec: string) =>
    `(case when ${sessionDurationSec} > 0 then ${rebufferCount}::float8 / (${sessionDurationSec}::float8 / 60) else 0 end)`,
  playbackDurationSec: (sessionDurationSec: string, rebufferDurationMs: string) =>
    `greatest(${sessionDurationSec} - round(${rebufferDurationMs} / 1000.0)::int, 0)`,
  subscriptionTier: (maxBitrateKbps: string) =>
    sqlByMin(maxBitrateKbps, SUBSCRIPTION_TIER_BANDS, SUBSCRIPTION_TIER_ELSE),
  viewingIntensity: (hoursPerWeek: string) =>
    sqlByMin(hoursPerWeek, VIEWING_INTENSITY_BANDS, VIEWING_INTENSITY_ELSE),
  /** 0 = Monday, from a timestamp expression already in UTC. */
  dayOfWeek: (ts: string) => `((extract(isodow from ${ts})::int + 6) % 7)`,
};

/** A `(values ...)` list from constant rows, for joining lookups such as COUNTRY_INFO in SQL. */
export function sqlValues(rows: readonly (readonly (string | number | boolean)[])[]): string {
  const cell = (v: string | number | boolean) => (typeof v === "boolean" ? String(v) : sqlValue(v));
  return `(values ${rows.map((r) => `(${r.map(cell).join(", ")})`).join(", ")})`;
}
