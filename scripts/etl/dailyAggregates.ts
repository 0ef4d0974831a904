import { SESSION_QUALITIES } from "../../db/constants";
import { CUBE_DIMENSION_COLUMNS, type CubeDimensionColumn, type CubeFact } from "../../db/cube/definition";
import { isoDate } from "../../db/queries/filters";

/**
 * The seed's four aggregate tables for one day, from the same stream of facts as the cube
 * (db/cube/refresh.ts): sums per group as sessions arrive, then exact medians / p95 and distinct
 * users per group from the day's values. In SQL these took two GROUPING SETS passes over a joined
 * projection, 7-10 s at a million sessions (three sort chains for the ordered metrics); here they
 * cost 1.5-2 s of Node time on the cube's read (profiled; most of it the distinct-user lookups).
 */

export const AGGREGATE_TABLES = [
  { table: "agg_daily_quality", key: null },
  { table: "agg_daily_device_quality", key: "device_type" },
  { table: "agg_daily_geo_quality", key: "country_code" },
  { table: "agg_hourly_quality", key: "hour" },
] as const satisfies readonly { table: string; key: CubeDimensionColumn | null }[];

/** Every metric column of the aggregate tables (SPEC.md section 5). */
export const AGGREGATE_METRICS = [
  "total_sessions",
  "unique_users",
  "avg_startup_ms",
  "median_startup_ms",
  "p95_startup_ms",
  "avg_rebuffer_count",
  "avg_rebuffer_ratio",
  "total_rebuffer_duration_ms",
  "sessions_with_rebuffering",
  "avg_bitrate_kbps",
  "avg_qoe_score",
  "median_qoe_score",
  "excellent_sessions",
  "good_sessions",
  "fair_sessions",
  "poor_sessions",
  "poor_session_pct",
  "total_watch_sec",
  "video_start_failures",
] as const;
export type AggregateRow = Record<(typeof AGGREGATE_METRICS)[number], number> & {
  date_key: number;
  full_date: string;
  key: string | number | null;
};

/** Sums per group, in this order. */
const SUMS = [
  "sessions",
  "startup",
  "rebufferCount",
  "ratio",
  "rebufferMs",
  "stalled",
  "bitrate",
  "qoe",
  "watch",
  "failures",
] as const;
const S = Object.fromEntries(SUMS.map((name, i) => [name, i])) as Record<(typeof SUMS)[number], number>;
const WIDTH = SUMS.length + SESSION_QUALITIES.length;

/** percentile_cont as PostgreSQL computes it (linear interpolation between the closest ranks). */
export function percentileCont(sorted: ArrayLike<number>, fraction: number): number {
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const first = sorted[lower];
  return lower === upper ? first : first + (sorted[upper] - first) * (position - lower);
}

const growInt = (a: Int32Array) => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};
const growFloat = (a: Float64Array) => {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
};

type Family = { key: CubeDimensionColumn | null; column: number; groups: number; sums: Float64Array };

export class DailyAggregates {
  private readonly families: Family[];
  private readonly users = new Map<string, number>();
  private size = 0;
  private startup = new Float64Array(4096);
  private qoe = new Float64Array(4096);
  private user = new Int32Array(4096);
  /** Per family, the group of each session. */
  private group: Int32Array[];

  /** `cardinalities`: how many codes each cube dimension column has (the hour: 24). */
  constructor(
    readonly dateKey: number,
    cardinalities: readonly number[],
  ) {
    this.families = AGGREGATE_TABLES.map(({ key }) => {
      const column = key === null ? -1 : CUBE_DIMENSION_COLUMNS.indexOf(key);
      const groups = key === null ? 1 : cardinalities[column];
      return { key, column, groups, sums: new Float64Array(groups * WIDTH) };
    });
    this.group = this.families.map(() => new Int32Array(4096));
  }

  add(codes: Int32Array, fact: CubeFact, userId: string): void {
    const row = this.size++;
    if (row === this.startup.length) {
      this.startup = growFloat(this.startup);
      this.qoe = growFloat(this.qoe);
      this.user = growInt(this.user);
      this.group = this.group.map(growInt);
    }
    this.startup[row] = fact.startupMs;
    this.qoe[row] = fact.qoe;
    let user = this.users.get(userId);
    if (user === undefined) {
      user = this.users.size;
      this.users.set(userId, user);
    }
    this.user[row] = user;
    for (let f = 0; f < this.families.length; f++) {
      const family = this.families[f];
      const g = family.column < 0 ? 0 : codes[family.column];
      this.group[f][row] = g;
      const sums = family.sums;
      const base = g * WIDTH;
      sums[base + S.sessions] += 1;
      sums[base + S.startup] += fact.startupMs;
      sums[base + S.rebufferCount] += fact.rebufferCount;
      sums[base + S.ratio] += fact.rebufferRatio;
      sums[base + S.rebufferMs] += fact.rebufferMs;
      if (fact.rebufferCount > 0) sums[base + S.stalled] += 1;
      sums[base + S.bitrate] += fact.bitrateKbps;
      sums[base + S.qoe] += fact.qoe;
      sums[base + S.watch] += fact.watchSec;
      sums[base + S.failures] += fact.failure;
      if (fact.sessionQuality >= 0) sums[base + SUMS.length + fact.sessionQuality] += 1;
    }
  }

  /** One row per table and group with sessions; `name` turns a group's code into its value. */
  rows(name: (column: CubeDimensionColumn, code: number) => string | number): AggregateRow[][] {
    const fullDate = isoDate(this.dateKey);
    const startupSorted = new Float64Array(this.size);
    const qoeSorted = new Float64Array(this.size);
    const seenBy = new Int32Array(this.users.size).fill(-1);
    return this.families.map((family, f) => {
      // Sessions bucketed by group (counting sort), each group's values sorted in place.
      const groupOf = this.group[f];
      const start = new Int32Array(family.groups + 1);
      for (let r = 0; r < this.size; r++) start[groupOf[r] + 1]++;
      for (let g = 0; g < family.groups; g++) start[g + 1] += start[g];
      const next = start.slice(0, family.groups);
      const order = new Int32Array(this.size);
      for (let r = 0; r < this.size; r++) order[next[groupOf[r]]++] = r;
      const out: AggregateRow[] = [];
      for (let g = 0; g < family.groups; g++) {
        const from = start[g];
        const to = start[g + 1];
        if (to === from) continue;
        let distinct = 0;
        for (let i = from; i < to; i++) {
          const r = order[i];
          startupSorted[i] = this.startup[r];
          qoeSorted[i] = this.qoe[r];
          if (seenBy[this.user[r]] !== f * 1_000_000 + g) {
            seenBy[this.user[r]] = f * 1_000_000 + g;
            distinct++;
          }
        }
        const startup = startupSorted.subarray(from, to).sort();
        const qoe = qoeSorted.subarray(from, to).sort();
        const sum = (k: number) => family.sums[g * WIDTH + k];
        const n = sum(S.sessions);
        const quality = (tier: (typeof SESSION_QUALITIES)[number]) =>
          sum(SUMS.length + SESSION_QUALITIES.indexOf(tier));
        out.push({
          date_key: this.dateKey,
          full_date: fullDate,
          key: family.key === null ? null : name(family.key, g),
          total_sessions: n,
          unique_users: distinct,
          avg_startup_ms: sum(S.startup) / n,
          median_startup_ms: percentileCont(startup, 0.5),
          p95_startup_ms: percentileCont(startup, 0.95),
          avg_rebuffer_count: sum(S.rebufferCount) / n,
          avg_rebuffer_ratio: sum(S.ratio) / n,
          total_rebuffer_duration_ms: sum(S.rebufferMs),
          sessions_with_rebuffering: sum(S.stalled),
          avg_bitrate_kbps: sum(S.bitrate) / n,
          avg_qoe_score: sum(S.qoe) / n,
          median_qoe_score: percentileCont(qoe, 0.5),
          excellent_sessions: quality("excellent"),
          good_sessions: quality("good"),
          fair_sessions: quality("fair"),
          poor_sessions: quality("poor"),
          poor_session_pct: (quality("poor") * 100) / n,
          total_watch_sec: sum(S.watch),
          video_start_failures: sum(S.failures),
        });
      }
      return out;
    });
  }
}
