import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "../db/migrate";
import { createTestDatabase, type TestDatabase } from "../test/db";

const RELATIONS = {
  r: [
    "dim_date",
    "dim_time",
    "dim_device",
    "dim_user_cohort",
    "dim_geography",
    "dim_content",
    "dim_network",
    "fact_playback_sessions",
    "agg_daily_quality",
    "agg_daily_device_quality",
    "agg_daily_geo_quality",
    "agg_hourly_quality",
    "etl_runs",
    "etl_rejected_rows",
    "stg_playback_sessions",
  ],
  v: ["vw_daily_quality_summary", "vw_device_performance", "vw_geographic_quality", "vw_peak_time_analysis"],
};

describe("migrations", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("schema");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("create every relation named in the spec", async () => {
    const rows = await t.sql<{ relname: string; relkind: string }[]>`
      select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'v')`;
    const present = new Set(rows.map((r) => `${r.relkind}:${r.relname}`));
    for (const [kind, names] of Object.entries(RELATIONS)) {
      for (const name of names) expect(present, `${kind}:${name}`).toContain(`${kind}:${name}`);
    }
  });

  it("run the seed's two sample queries unchanged", async () => {
    const overall = await t.sql.unsafe(`SELECT
    AVG(overall_qoe_score) as avg_qoe,
    AVG(startup_time_ms) as avg_startup
FROM fact_playback_sessions;`);
    expect(overall).toHaveLength(1);
    const byDevice = await t.sql.unsafe(`SELECT
    device_type,
    AVG(overall_qoe_score) as avg_qoe
FROM fact_playback_sessions f
JOIN dim_device d ON f.device_key = d.device_key
GROUP BY device_type;`);
    expect(byDevice).toHaveLength(0);
  });

  it("are a no-op when applied twice", async () => {
    const snapshot = async () =>
      t.sql`select table_name, column_name, data_type from information_schema.columns
            where table_schema = 'public' order by 1, 2`;
    const before = await snapshot();
    const applied = await t.sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await runMigrations(t.db);
    expect(await snapshot()).toEqual(before);
    const again = await t.sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(again[0].n).toBe(applied[0].n);
  });
});
