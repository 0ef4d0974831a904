import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STARTUP_CATEGORIES } from "@/db/constants";
import { STARTUP_BUCKET_MS } from "@/db/cube/definition";
import { resolveFilters } from "@/lib/api/resolveFilters";
import type { ResolvedFilters } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { breakdownSchema } from "../breakdowns";
import { expectRowsClose } from "../testSupport";
import { timeGrainSchema } from "../timeGrain";
import { getStartupCategories } from "./getStartupCategories";
import { getStartupHistogram, STARTUP_HISTOGRAM_CAP_MS, startupHistogramSchema } from "./getStartupHistogram";
import { getStartupPercentiles } from "./getStartupPercentiles";
import { getStartupTrend } from "./getStartupTrend";

let wh: TestWarehouse;
let all: ResolvedFilters;

/** Percentiles read from the cube's startup histogram are within one bucket of percentile_cont. */
const PERCENTILE_TOLERANCE = Object.fromEntries(
  ["p50", "p75", "p90", "p95", "p99", "value"].map((k) => [k, STARTUP_BUCKET_MS]),
);

beforeAll(async () => {
  wh = await loadTestWarehouse({ sessions: 3000, seed: 22, prefix: "startup_q" });
  all = await resolveFilters({}, wh.db);
});
afterAll(async () => {
  await wh?.drop();
});

describe("getStartupHistogram", () => {
  it("puts every session in exactly one bin, matching direct range counts", async () => {
    const bins = await getStartupHistogram(all, { binMs: 500 }, wh.db);
    expect(bins).toHaveLength(STARTUP_HISTOGRAM_CAP_MS / 500 + 1);
    expect(bins.reduce((s, b) => s + b.sessions, 0)).toBe(wh.manifest.expected_clean_rows);
    const direct = await wh.sql<{ start: number; sessions: number }[]>`
      select (least(startup_time_ms, ${STARTUP_HISTOGRAM_CAP_MS}) / 500 * 500)::int as start, count(*)::int as sessions
      from fact_playback_sessions group by 1`;
    for (const bin of bins) {
      expect(bin.sessions, `bin ${bin.start}`).toBe(direct.find((d) => d.start === bin.start)?.sessions ?? 0);
      expect(bin.end).toBe(bin.start === STARTUP_HISTOGRAM_CAP_MS ? null : bin.start + 500);
    }
  });

  it("validates the bin width", () => {
    expect(startupHistogramSchema.parse({}).binMs).toBe(250);
    expect(startupHistogramSchema.parse({ binMs: "1000" }).binMs).toBe(1000);
    expect(startupHistogramSchema.safeParse({ binMs: "7" }).success).toBe(false);
  });
});

describe("getStartupPercentiles", () => {
  it("matches percentile_cont per device type, slowest median first", async () => {
    const rows = await getStartupPercentiles(all, { by: "device" }, wh.db);
    const direct = await wh.sql`
      select d.device_type as "group", count(*)::int as sessions,
             percentile_cont(0.5) within group (order by startup_time_ms)::float8 as p50,
             percentile_cont(0.75) within group (order by startup_time_ms)::float8 as p75,
             percentile_cont(0.9) within group (order by startup_time_ms)::float8 as p90,
             percentile_cont(0.95) within group (order by startup_time_ms)::float8 as p95,
             percentile_cont(0.99) within group (order by startup_time_ms)::float8 as p99
      from fact_playback_sessions f join dim_device d using (device_key)
      group by 1 order by p50 desc, 1`;
    expectRowsClose(rows, [...direct], "rows", PERCENTILE_TOLERANCE);
    for (const r of rows)
      expect(r.p50 <= r.p75 && r.p75 <= r.p90 && r.p90 <= r.p95 && r.p95 <= r.p99).toBe(true);
  });

  it("applies filters to the network breakdown", async () => {
    const rows = await getStartupPercentiles({ ...all, device: ["smart_tv"] }, { by: "network" }, wh.db);
    const direct = await wh.sql`
      select n.network_type as "group", count(*)::int as sessions,
             percentile_cont(0.5) within group (order by startup_time_ms)::float8 as p50,
             percentile_cont(0.75) within group (order by startup_time_ms)::float8 as p75,
             percentile_cont(0.9) within group (order by startup_time_ms)::float8 as p90,
             percentile_cont(0.95) within group (order by startup_time_ms)::float8 as p95,
             percentile_cont(0.99) within group (order by startup_time_ms)::float8 as p99
      from fact_playback_sessions f join dim_device d using (device_key) join dim_network n using (network_key)
      where d.device_type = 'smart_tv'
      group by 1 order by p50 desc, 1`;
    expectRowsClose(rows, [...direct], "rows", PERCENTILE_TOLERANCE);
    // The generator's network multipliers make 4G the slowest and ethernet the fastest.
    expect(rows[0].group).toBe("cellular_4g");
    expect(rows.at(-1)?.group).toBe("ethernet");
  });

  it("rejects an unknown breakdown with a readable reason", () => {
    const result = breakdownSchema.safeParse({ by: "planet" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain("device, network");
  });
});

describe("getStartupTrend", () => {
  async function directDaily(deviceTypes: string[] | null, network: string | null) {
    const rows = await wh.sql<{ t: string; p50: number; p95: number; sessions: number }[]>`
      select dd.full_date::text as t, count(*)::int as sessions,
             percentile_cont(0.5) within group (order by startup_time_ms)::float8 as p50,
             percentile_cont(0.95) within group (order by startup_time_ms)::float8 as p95
      from fact_playback_sessions f join dim_date dd using (date_key)
      join dim_device d using (device_key) join dim_network n using (network_key)
      where (${deviceTypes}::text[] is null or d.device_type = any(${deviceTypes}::text[]))
        and (${network}::text is null or n.network_type = ${network})
      group by 1 order by 1`;
    return rows.flatMap((r) => [
      { t: r.t, series: "p50", value: r.p50, sessions: r.sessions },
      { t: r.t, series: "p95", value: r.p95, sessions: r.sessions },
    ]);
  }

  it("daily p50/p95 equal the facts' percentiles on every path (aggregate, one device, several, other filter)", async () => {
    // Exact where a daily aggregate holds the group (no filter, one device)...
    expectRowsClose(await getStartupTrend(all, { grain: "day" }, wh.db), await directDaily(null, null));
    expectRowsClose(
      await getStartupTrend({ ...all, device: ["mobile"] }, { grain: "day" }, wh.db),
      await directDaily(["mobile"], null),
    );
    // ...within one histogram bucket where the cube answers.
    expectRowsClose(
      await getStartupTrend({ ...all, device: ["mobile", "web"] }, { grain: "day" }, wh.db),
      await directDaily(["mobile", "web"], null),
      "rows",
      PERCENTILE_TOLERANCE,
    );
    expectRowsClose(
      await getStartupTrend({ ...all, network: ["ethernet"] }, { grain: "day" }, wh.db),
      await directDaily(null, "ethernet"),
      "rows",
      PERCENTILE_TOLERANCE,
    );
  });

  it("hour-of-day buckets cover the range and match the facts", async () => {
    const rows = await getStartupTrend(all, { grain: "hour" }, wh.db);
    const direct = await wh.sql<{ t: string; p50: number; sessions: number }[]>`
      select lpad(t.hour::text, 2, '0') || ':00' as t, count(*)::int as sessions,
             percentile_cont(0.5) within group (order by startup_time_ms)::float8 as p50
      from fact_playback_sessions f join dim_time t using (time_key) group by 1 order by 1`;
    const p50 = rows.filter((r) => r.series === "p50");
    expectRowsClose(
      p50,
      direct.map((d) => ({ t: d.t, series: "p50", value: d.p50, sessions: d.sessions })),
      "rows",
      PERCENTILE_TOLERANCE,
    );
    expect(p50.reduce((s, r) => s + r.sessions, 0)).toBe(wh.manifest.expected_clean_rows);
    expect(timeGrainSchema.safeParse({ grain: "week" }).success).toBe(false);
  });
});

describe("getStartupCategories", () => {
  it("shares follow the thresholds 1 s / 2 s / 4 s applied to raw startup times", async () => {
    const rows = await getStartupCategories({ ...all, network: ["wifi", "ethernet"] }, wh.db);
    const direct = await wh.sql<{ category: string; sessions: number }[]>`
      select case when startup_time_ms < 1000 then 'excellent' when startup_time_ms < 2000 then 'good'
                  when startup_time_ms < 4000 then 'fair' else 'poor' end as category, count(*)::int as sessions
      from fact_playback_sessions f join dim_network n using (network_key)
      where n.network_type in ('wifi', 'ethernet') group by 1`;
    expect(rows.map((r) => r.category)).toEqual([...STARTUP_CATEGORIES]);
    const total = direct.reduce((s, d) => s + d.sessions, 0);
    for (const row of rows) {
      const sessions = direct.find((d) => d.category === row.category)?.sessions ?? 0;
      expect(row.sessions).toBe(sessions);
      expect(row.pct).toBeCloseTo((100 * sessions) / total, 9);
    }
  });
});
