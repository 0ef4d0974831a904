import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CountryCode } from "@/db/constants";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { getFilterOptions } from "./getFilterOptions";

/** The filter bar's option lists against an ETL-loaded warehouse, compared with plain SQL. */
describe("getFilterOptions", () => {
  let wh: TestWarehouse;

  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 2000, seed: 23, prefix: "meta" });
  });
  afterAll(async () => {
    await wh?.drop();
  });

  const sorted = (values: string[]) => [...values].sort(new Intl.Collator("en", { numeric: true }).compare);
  const column = async (query: string, params: string[] = []) =>
    sorted((await wh.sql.unsafe<{ v: string }[]>(query, params)).map((r) => r.v));

  it("lists every value of every filter when nothing is filtered", async () => {
    const options = await getFilterOptions({}, wh.db);
    expect(options.country).toEqual(await column("select distinct country_code as v from dim_geography"));
    expect(options.pop).toEqual(await column("select distinct cdn_pop as v from dim_geography"));
    expect(options.osVersion).toEqual(
      await column("select distinct os_name || ' ' || os_version as v from dim_device"),
    );
    expect(options.content).toHaveLength(
      (await wh.sql<{ n: number }[]>`select count(*)::int as n from dim_content`)[0].n,
    );
  });

  it("narrows each list by the other filters on the same dimension, not by its own or others'", async () => {
    const [{ country }] = await wh.sql<{ country: CountryCode }[]>`
      select country_code as country from dim_geography group by 1 order by count(*) desc, 1 limit 1`;
    const options = await getFilterOptions({ country: [country], network: ["wifi"] }, wh.db);
    expect(options.pop).toEqual(
      await column("select distinct cdn_pop as v from dim_geography where country_code = $1", [country]),
    );
    expect(options.pop.every((p) => p.startsWith(`${country}-`))).toBe(true);
    expect(options.isp).toEqual(
      await column("select distinct isp as v from dim_geography where country_code = $1", [country]),
    );
    // Its own list stays whole (another country can be added), and other tables are untouched.
    expect(options.country).toEqual(await column("select distinct country_code as v from dim_geography"));
    expect(options.network).toEqual(await column("select distinct network_type as v from dim_network"));
    expect(options.osVersion.length).toBeGreaterThan(0);

    const [{ os }] = await wh.sql<{ os: string }[]>`select os_name as os from dim_device order by 1 limit 1`;
    const byOs = await getFilterOptions({ os: [os] }, wh.db);
    expect(byOs.osVersion.length).toBeGreaterThan(0);
    expect(byOs.osVersion.every((v) => v.startsWith(`${os} `))).toBe(true);
    expect(byOs.country).toEqual(options.country);
  });
});
