import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STARTUP_BUCKET_MS } from "@/db/cube/definition";
import type { ResolvedFilters } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { deviceBreakdownSchema, getDeviceBreakdown } from "./getDeviceBreakdown";
import { getDeviceSummary } from "./getDeviceSummary";

/**
 * Device queries against a warehouse loaded by the real ETL, compared with plain SQL written
 * here independently of the shared measures.
 */
describe("device queries", () => {
  let wh: TestWarehouse;
  let all: ResolvedFilters;

  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 3000, seed: 21, prefix: "devices" });
    const [range] = await wh.sql<{ from: string; to: string }[]>`
      select min(full_date)::text as "from", max(full_date)::text as "to" from dim_date`;
    all = { from: range.from, to: range.to };
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("summarises every device type exactly as plain SQL over the facts does", async () => {
    const rows = await getDeviceSummary(all, wh.db);
    const expected = await wh.sql<
      {
        device_type: string;
        n: number;
        qoe: number;
        p50: number;
        p95: number;
        stalled: number;
        per_min: number;
        failures: number;
        bitrate: number;
      }[]
    >`
      select d.device_type, count(*)::int as n, avg(f.overall_qoe_score)::float8 as qoe,
             percentile_cont(0.5) within group (order by f.startup_time_ms)::float8 as p50,
             percentile_cont(0.95) within group (order by f.startup_time_ms)::float8 as p95,
             (100.0 * count(*) filter (where f.rebuffer_count > 0) / count(*))::float8 as stalled,
             (sum(f.rebuffer_count)::float8 / (sum(f.session_duration_sec) / 60.0))::float8 as per_min,
             (100.0 * count(*) filter (where f.video_start_failure) / count(*))::float8 as failures,
             avg(f.avg_bitrate_kbps)::float8 as bitrate
      from fact_playback_sessions f join dim_device d using (device_key)
      group by d.device_type`;
    expect(rows.map((r) => r.deviceType).sort()).toEqual(expected.map((e) => e.device_type).sort());
    expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(wh.etl.rows_loaded);
    // Largest first, as the table opens.
    expect(rows.map((r) => r.sessions)).toEqual([...rows.map((r) => r.sessions)].sort((a, b) => b - a));
    for (const e of expected) {
      const row = rows.find((r) => r.deviceType === e.device_type);
      expect(row?.sessions).toBe(e.n);
      expect(row?.avgQoe).toBeCloseTo(e.qoe, 9);
      // Read from the cube's 50 ms startup histogram: within one bucket of percentile_cont.
      expect(Math.abs((row?.medianStartupMs ?? Number.NaN) - e.p50)).toBeLessThanOrEqual(STARTUP_BUCKET_MS);
      expect(Math.abs((row?.p95StartupMs ?? Number.NaN) - e.p95)).toBeLessThanOrEqual(STARTUP_BUCKET_MS);
      expect(row?.stalledSessionsPct).toBeCloseTo(e.stalled, 9);
      expect(row?.stallsPerMinute).toBeCloseTo(e.per_min, 9);
      expect(row?.failureRatePct).toBeCloseTo(e.failures, 9);
      expect(row?.avgBitrateKbps).toBeCloseTo(e.bitrate, 6);
    }
  });

  it("applies dimension and date filters", async () => {
    const [{ mid }] = await wh.sql<{ mid: string }[]>`
      select (min(full_date) + (max(full_date) - min(full_date)) / 2)::text as mid from dim_date`;
    const filters: ResolvedFilters = { from: all.from, to: mid, country: ["US", "IN"], network: ["wifi"] };
    const rows = await getDeviceSummary(filters, wh.db);
    const expected = await wh.sql<{ device_type: string; n: number }[]>`
      select d.device_type, count(*)::int as n
      from fact_playback_sessions f
      join dim_device d using (device_key) join dim_geography g using (geo_key) join dim_network n using (network_key)
      join dim_date dd using (date_key)
      where g.country_code in ('US', 'IN') and n.network_type = 'wifi' and dd.full_date <= ${mid}::date
      group by d.device_type`;
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.fromEntries(rows.map((r) => [r.deviceType, r.sessions]))).toEqual(
      Object.fromEntries(expected.map((e) => [e.device_type, e.n])),
    );
  });

  it("breaks one device type down by OS, OS version and app version, whatever the URL's device filter", async () => {
    const [{ device_type: type }] = await wh.sql<{ device_type: string }[]>`
      select d.device_type from fact_playback_sessions f join dim_device d using (device_key)
      group by 1 order by count(*) desc limit 1`;
    const deviceType = deviceBreakdownSchema.shape.deviceType.parse(type);
    const other = deviceType === "web" ? "mobile" : "web";
    for (const [by, column] of [
      ["os", "os_name"],
      ["osVersion", "os_name || ' ' || os_version"],
      ["app", "app_version"],
    ] as const) {
      // The page's device type replaces a different device filter from the URL.
      const rows = await getDeviceBreakdown({ ...all, device: [other] }, deviceType, by, wh.db);
      const expected = await wh.sql<{ value: string; n: number; qoe: number }[]>`
        select ${wh.sql.unsafe(column)} as value, count(*)::int as n, avg(f.overall_qoe_score)::float8 as qoe
        from fact_playback_sessions f join dim_device d using (device_key)
        where d.device_type = ${deviceType}
        group by 1`;
      expect(rows.length).toBe(Math.min(expected.length, 40));
      expect(rows[0].groupCount).toBe(expected.length);
      for (const row of rows) {
        const e = expected.find((x) => x.value === row.value);
        expect(row.sessions, `${by} ${row.value}`).toBe(e?.n);
        expect(row.avgQoe).toBeCloseTo(e?.qoe ?? Number.NaN, 9);
      }
      // A clicked row becomes a filter: the same value as filter selects exactly that row's sessions.
      const top = rows[0];
      const [filtered] = await getDeviceSummary({ ...all, device: [deviceType], [by]: [top.value] }, wh.db);
      expect(filtered.sessions, `${by}=${top.value} as a filter`).toBe(top.sessions);
    }
  });

  it("rejects unknown device types and breakdowns with a reason", () => {
    const bad = deviceBreakdownSchema.safeParse({ deviceType: "toaster", by: "colour" });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("must be one of smart_tv");
    expect(deviceBreakdownSchema.safeParse({ deviceType: "tablet", by: "app" }).success).toBe(true);
  });
});
