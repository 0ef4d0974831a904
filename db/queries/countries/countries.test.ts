import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Isp } from "@/db/constants";
import { STARTUP_BUCKET_MS } from "@/db/cube/definition";
import type { ResolvedFilters } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { countryBreakdownSchema, getCountryBreakdown } from "./getCountryBreakdown";
import { getCountrySummary } from "./getCountrySummary";

/** Country queries against an ETL-loaded warehouse, compared with plain SQL written here. */
describe("country queries", () => {
  let wh: TestWarehouse;
  let all: ResolvedFilters;

  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 3000, seed: 22, prefix: "countries" });
    const [range] = await wh.sql<{ from: string; to: string }[]>`
      select min(full_date)::text as "from", max(full_date)::text as "to" from dim_date`;
    all = { from: range.from, to: range.to };
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("summarises every country as plain SQL over the facts does", async () => {
    const rows = await getCountrySummary(all, wh.db);
    const expected = await wh.sql<
      {
        country_code: string;
        country_name: string;
        n: number;
        qoe: number;
        rr: number;
        bitrate: number;
        p95: number;
      }[]
    >`
      select g.country_code, min(g.country_name) as country_name, count(*)::int as n,
             avg(f.overall_qoe_score)::float8 as qoe, avg(f.rebuffer_ratio)::float8 as rr,
             avg(f.avg_bitrate_kbps)::float8 as bitrate,
             percentile_cont(0.95) within group (order by f.startup_time_ms)::float8 as p95
      from fact_playback_sessions f join dim_geography g using (geo_key)
      group by g.country_code`;
    expect(rows).toHaveLength(expected.length);
    expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(wh.etl.rows_loaded);
    for (const e of expected) {
      const row = rows.find((r) => r.countryCode === e.country_code);
      expect(row?.countryName).toBe(e.country_name);
      expect(row?.sessions).toBe(e.n);
      expect(row?.avgQoe).toBeCloseTo(e.qoe, 9);
      expect(row?.rebufferRatio).toBeCloseTo(e.rr, 9);
      expect(row?.avgBitrateKbps).toBeCloseTo(e.bitrate, 6);
      // Read from the cube's 50 ms startup histogram: within one bucket of percentile_cont.
      expect(Math.abs((row?.p95StartupMs ?? Number.NaN) - e.p95)).toBeLessThanOrEqual(STARTUP_BUCKET_MS);
    }
  });

  it("applies a device filter", async () => {
    const rows = await getCountrySummary({ ...all, device: ["smart_tv"] }, wh.db);
    const expected = await wh.sql<{ country_code: string; n: number }[]>`
      select g.country_code, count(*)::int as n
      from fact_playback_sessions f join dim_geography g using (geo_key) join dim_device d using (device_key)
      where d.device_type = 'smart_tv'
      group by 1`;
    expect(Object.fromEntries(rows.map((r) => [r.countryCode, r.sessions]))).toEqual(
      Object.fromEntries(expected.map((e) => [e.country_code, e.n])),
    );
  });

  it("breaks a country down by ISP, by PoP and by ISP × PoP, whatever the URL's country filter", async () => {
    const [{ country_code: code }] = await wh.sql<{ country_code: string }[]>`
      select g.country_code from fact_playback_sessions f join dim_geography g using (geo_key)
      group by 1 order by count(*) desc limit 1`;
    const country = countryBreakdownSchema.shape.code.parse(code);
    const other = country === "US" ? "GB" : "US";
    const [{ total }] = await wh.sql<{ total: number }[]>`
      select count(*)::int as total from fact_playback_sessions f join dim_geography g using (geo_key)
      where g.country_code = ${country}`;
    for (const [by, valueCol, groupCol] of [
      ["isp", "g.isp", "null::text"],
      ["pop", "g.cdn_pop", "null::text"],
      ["ispPop", "g.isp", "g.cdn_pop"],
    ] as const) {
      const rows = await getCountryBreakdown({ ...all, country: [other] }, country, by, wh.db);
      const expected = await wh.sql<{ value: string; grp: string | null; n: number; qoe: number }[]>`
        select ${wh.sql.unsafe(valueCol)} as value, ${wh.sql.unsafe(groupCol)} as grp, count(*)::int as n,
               avg(f.overall_qoe_score)::float8 as qoe
        from fact_playback_sessions f join dim_geography g using (geo_key)
        where g.country_code = ${country}
        group by 1, 2`;
      expect(rows).toHaveLength(expected.length);
      expect(
        rows.reduce((s, r) => s + r.sessions, 0),
        `${by} sums to the country`,
      ).toBe(total);
      for (const row of rows) {
        const e = expected.find((x) => x.value === row.value && x.grp === row.group);
        expect(row.sessions, `${by} ${row.value}/${row.group}`).toBe(e?.n);
        expect(row.avgQoe).toBeCloseTo(e?.qoe ?? Number.NaN, 9);
      }
    }
    // The ISP values are spelt as the isp filter expects: filtering by one returns its row.
    const [topIsp] = await getCountryBreakdown(all, country, "isp", wh.db);
    const [asFilter] = await getCountrySummary(
      { ...all, country: [country], isp: [topIsp.value as Isp] },
      wh.db,
    );
    expect(asFilter.sessions).toBe(topIsp.sessions);
  });

  it("rejects unknown country codes and breakdowns with a reason", () => {
    const bad = countryBreakdownSchema.safeParse({ code: "XX", by: "isp" });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("must be one of US");
    expect(countryBreakdownSchema.safeParse({ code: "JP", by: "city" }).success).toBe(false);
  });
});
