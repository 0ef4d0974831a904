import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTRY_INFO, type CountryCode, SESSION_QUALITIES } from "@/db/constants";
import { resolveFilters } from "@/lib/api/resolveFilters";
import { DEFAULT_WINDOW_DAYS, type ResolvedFilters, shiftDate } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { getDataRange } from "../meta/getDataRange";
import { expectRowsClose } from "../testSupport";
import { getKpis } from "./getKpis";
import { getQualityDistribution } from "./getQualityDistribution";
import { getWorstCountries } from "./getWorstCountries";
import { getWorstDevices } from "./getWorstDevices";

let wh: TestWarehouse;
let all: ResolvedFilters;

beforeAll(async () => {
  wh = await loadTestWarehouse({ sessions: 3000, seed: 21, prefix: "overview_q" });
  all = await resolveFilters({}, wh.db);
});
afterAll(async () => {
  await wh?.drop();
});

type GroupRow = {
  group: string;
  sessions: number;
  avgQoe: number;
  poorSessionPct: number;
  rebufferRatio: number;
  avgStartupMs: number;
};

/** Independent roll-up per group straight from the facts (plain GROUP BY, no shared helpers). */
async function directByGroup(
  column: "d.device_type" | "g.country_code",
  network?: string,
): Promise<GroupRow[]> {
  const rows = await wh.sql.unsafe<GroupRow[]>(
    `select ${column} as "group", count(*)::int as sessions, avg(f.overall_qoe_score)::float8 as "avgQoe",
            (100.0 * count(*) filter (where f.session_quality = 'poor') / count(*))::float8 as "poorSessionPct",
            avg(f.rebuffer_ratio)::float8 as "rebufferRatio", avg(f.startup_time_ms)::float8 as "avgStartupMs"
     from fact_playback_sessions f
     join dim_device d using (device_key)
     join dim_geography g using (geo_key)
     join dim_network n using (network_key)
     where ($1::text is null or n.network_type = $1)
     group by 1 order by 3, 1`,
    [network ?? null],
  );
  return rows.map((r) => ({ ...r }));
}

describe("resolveFilters", () => {
  it("keeps a window that ends before the first loaded day before the data (empty)", async () => {
    const { minDate } = await getDataRange(wh.db);
    const to = shiftDate(minDate as string, -10);
    const filters = await resolveFilters({ to }, wh.db);
    expect(filters).toMatchObject({ from: shiftDate(to, -(DEFAULT_WINDOW_DAYS - 1)), to });
    const rows = await getQualityDistribution(filters, wh.db);
    expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(0);
  });

  it("starts a window that ends inside the data on the first loaded day at the earliest", async () => {
    const { minDate } = await getDataRange(wh.db);
    const to = shiftDate(minDate as string, 3);
    expect(await resolveFilters({ to }, wh.db)).toMatchObject({ from: minDate, to });
  });
});

describe("getQualityDistribution", () => {
  async function direct(network?: string) {
    return wh.sql<{ category: string; sessions: number }[]>`
      select f.session_quality as category, count(*)::int as sessions
      from fact_playback_sessions f join dim_network n using (network_key)
      where ${network ?? null}::text is null or n.network_type = ${network ?? null}
      group by 1`;
  }

  it("counts every session once per quality tier, from the aggregates when unfiltered", async () => {
    const rows = await getQualityDistribution(all, wh.db);
    const expected = await direct();
    expect(rows.map((r) => r.category)).toEqual([...SESSION_QUALITIES]);
    for (const row of rows) {
      expect(row.sessions).toBe(expected.find((e) => e.category === row.category)?.sessions ?? 0);
    }
    expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(wh.manifest.expected_clean_rows);
    expect(rows.reduce((s, r) => s + r.pct, 0)).toBeCloseTo(100, 6);
  });

  it("answers from the facts when a network filter applies", async () => {
    const rows = await getQualityDistribution({ ...all, network: ["cellular_4g"] }, wh.db);
    const expected = await direct("cellular_4g");
    for (const row of rows) {
      expect(row.sessions).toBe(expected.find((e) => e.category === row.category)?.sessions ?? 0);
    }
    const total = rows.reduce((s, r) => s + r.sessions, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(wh.manifest.expected_clean_rows);
  });
});

describe("getWorstCountries / getWorstDevices", () => {
  it("matches a GROUP BY over the facts without filters (aggregate path), worst QoE first", async () => {
    const countries = await getWorstCountries(all, wh.db);
    const expected = await directByGroup("g.country_code");
    expectRowsClose(
      countries,
      expected.map(({ group, ...rest }) => ({
        countryCode: group,
        countryName: COUNTRY_INFO[group as CountryCode].name,
        ...rest,
      })),
    );
    const devices = await getWorstDevices(all, wh.db);
    expectRowsClose(
      devices,
      (await directByGroup("d.device_type")).map(({ group, ...rest }) => ({ deviceType: group, ...rest })),
    );
    const qoe = devices.map((d) => d.avgQoe ?? 0);
    expect(qoe).toEqual([...qoe].sort((a, b) => a - b));
  });

  it("matches the facts with a network filter (fact path)", async () => {
    const filters: ResolvedFilters = { ...all, network: ["wifi"] };
    const countries = await getWorstCountries(filters, wh.db);
    const expected = await directByGroup("g.country_code", "wifi");
    expectRowsClose(
      countries.map((c) => ({ ...c, countryName: undefined })),
      expected.map(({ group, ...rest }) => ({ countryCode: group, countryName: undefined, ...rest })),
    );
    const devices = await getWorstDevices(filters, wh.db);
    expectRowsClose(
      devices,
      (await directByGroup("d.device_type", "wifi")).map(({ group, ...rest }) => ({
        deviceType: group,
        ...rest,
      })),
    );
  });

  it("keeps only the filtered group when filtered by the grouping itself", async () => {
    const countries = await getWorstCountries({ ...all, country: ["BR", "JP"] }, wh.db);
    expect(countries.map((c) => c.countryCode).sort()).toEqual(["BR", "JP"]);
    const expected = (await directByGroup("g.country_code")).filter((r) => ["BR", "JP"].includes(r.group));
    expect(countries.map((c) => c.sessions).sort()).toEqual(expected.map((e) => e.sessions).sort());
  });

  it("returns no rows for a date range without data", async () => {
    const empty = { ...all, from: "2001-01-01", to: "2001-01-31" };
    expect(await getWorstCountries(empty, wh.db)).toEqual([]);
    expect(await getWorstDevices({ ...empty, network: ["wifi"] }, wh.db)).toEqual([]);
  });

  it("says how much of the previous period is loaded, so a change is only shown against loaded days", async () => {
    const { minDate, maxDate } = await getDataRange(wh.db);
    const loadedDays = async (from: string, to: string) => {
      const [{ n }] = await wh.sql<{ n: number }[]>`
        select count(distinct full_date)::int as n from fact_playback_sessions f join dim_date d using (date_key)
        where d.full_date between ${from}::date and ${to}::date`;
      return n;
    };
    const week = await getKpis({ ...all, from: shiftDate(maxDate!, -6), to: maxDate! }, wh.db);
    expect([week.previousFrom, week.previousTo]).toEqual([shiftDate(maxDate!, -13), shiftDate(maxDate!, -7)]);
    expect(week.previousDays).toBe(7);
    expect(week.previousLoadedDays).toBe(await loadedDays(week.previousFrom, week.previousTo));
    expect(week.previousLoadedDays).toBe(7);
    // From the first loaded day: the previous period lies wholly before the data.
    const fromStart = await getKpis({ ...all, from: minDate!, to: maxDate! }, wh.db);
    expect(fromStart.previousLoadedDays).toBe(0);
    // Straddling the first loaded day: partly loaded.
    const straddle = await getKpis(
      { ...all, from: shiftDate(minDate!, 3), to: shiftDate(minDate!, 8) },
      wh.db,
    );
    expect(straddle.previousDays).toBe(6);
    expect(straddle.previousLoadedDays).toBe(await loadedDays(straddle.previousFrom, straddle.previousTo));
    expect(straddle.previousLoadedDays).toBe(3);
  });
});
