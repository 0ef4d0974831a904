import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFilters } from "@/lib/api/resolveFilters";
import type { ResolvedFilters } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { resolveDimensionKeys } from "./dimensionKeys";
import { dateKey, factWhere } from "./filters";

/** Dimension filters bound to their keys select exactly the rows their sub-select form does. */
describe("dimension key filters", () => {
  let wh: TestWarehouse;
  let all: ResolvedFilters;
  const dialect = new PgDialect();
  const countOf = (filters: ResolvedFilters) =>
    sql`select count(*)::int as n from fact_playback_sessions f where ${factWhere(filters)}`;

  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 2000, seed: 41, prefix: "dimkeys" });
    all = await resolveFilters({}, wh.db);
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("bind the keys of every filtered dimension as arrays, and count as the sub-selects do", async () => {
    const [osVersion] = await wh.sql<{ v: string }[]>`
      select d.os_name || ' ' || d.os_version as v from fact_playback_sessions f join dim_device d using (device_key)
      group by 1 order by count(*) desc, 1 limit 1`;
    const filters: ResolvedFilters = {
      ...all,
      country: ["BR", "US", "IN"],
      isp: ["vodafone", "att"],
      osVersion: [osVersion.v],
    };
    const statement = countOf(filters);
    const before = dialect.sqlToQuery(statement).sql;
    expect(before).toContain("in (select device_key from dim_device");
    const [viaSubselects] = (await wh.db.execute(statement)) as unknown as { n: number }[];

    await resolveDimensionKeys(statement, wh.db);
    const bound = dialect.sqlToQuery(statement);
    expect(bound.sql).not.toContain("select device_key");
    expect(bound.sql).toContain("f.device_key = any(");
    expect(bound.sql).toContain("f.geo_key = any(");
    const [viaKeys] = (await wh.db.execute(statement)) as unknown as { n: number }[];

    const [expected] = await wh.sql<{ n: number }[]>`
      select count(*)::int as n from fact_playback_sessions f
      join dim_device d using (device_key) join dim_geography g using (geo_key)
      where f.date_key between ${dateKey(all.from)} and ${dateKey(all.to)}
        and g.country_code in ('BR', 'US', 'IN') and g.isp in ('vodafone', 'att') and d.os_name || ' ' || d.os_version = ${osVersion.v}`;
    expect(expected.n).toBeGreaterThan(5);
    expect(viaKeys.n).toBe(expected.n);
    expect(viaSubselects.n).toBe(expected.n);
  });

  it("turn a filter no dimension row matches into an empty key list (no rows, no error)", async () => {
    const statement = countOf({ ...all, app: ["v0.0.0-none"] });
    await resolveDimensionKeys(statement, wh.db);
    expect(dialect.sqlToQuery(statement).params).toContain("{}");
    const [row] = (await wh.db.execute(statement)) as unknown as { n: number }[];
    expect(row.n).toBe(0);
  });
});
