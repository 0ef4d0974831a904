import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEtl } from "@/scripts/etl/run";
import { tempDir } from "@/scripts/etl/test-support";
import { generateFile } from "@/scripts/generate";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createDb } from "../client";
import { runMigrations } from "../migrate";
import { cubeGrainFor } from "../queries/filters";
import {
  BITRATE_BUCKET_KBPS,
  CUBE_GRAINS,
  CUBE_VERSION,
  type CubeGrain,
  grainColumns,
  STARTUP_BUCKET_MS,
  STORED_GRAINS,
} from "./definition";

/**
 * The cube against a GROUP BY over the facts written here (not with the ETL's expressions), for
 * every stored grain: sums, category counts and histogram buckets, after a first load, after a
 * later day is added, and after a rebuild.
 */

const COLUMN_SQL: Record<string, string> = {
  hour: "(f.time_key / 100)",
  device_type: "d.device_type",
  os_name: "d.os_name",
  os_version: "d.os_version",
  app_version: "d.app_version",
  country_code: "g.country_code",
  isp: "g.isp",
  cdn_pop: "g.cdn_pop",
  network_type: "n.network_type",
  content_id: "c.content_id",
};
const FROM = `from fact_playback_sessions f join dim_device d using (device_key) join dim_geography g using (geo_key)
  join dim_network n using (network_key) join dim_content c using (content_key)`;

/** Rows keyed by their cell, values compared with a relative tolerance (float sums). */
async function expectGrainMatchesFacts(t: TestDatabase, grain: CubeGrain): Promise<void> {
  const cols = grainColumns(grain);
  const key = ["date_key", ...cols];
  const cellFacts = ["f.date_key", ...cols.map((c) => COLUMN_SQL[c])];
  const cellKey = (r: Record<string, unknown>) => key.map((k) => String(r[k])).join("|");
  const direct = await t.sql.unsafe(`
    select ${cellFacts.map((e, i) => `${e} as ${key[i]}`).join(", ")},
           count(*)::int as sessions, sum(f.startup_time_ms)::float8 as startup,
           sum(f.rebuffer_ratio)::float8 as ratio, count(*) filter (where f.rebuffer_count > 0)::int as stalled,
           sum(f.session_duration_sec)::float8 as watch, sum(f.overall_qoe_score)::float8 as qoe,
           count(*) filter (where f.session_quality = 'poor')::int as poor,
           coalesce(sum(f.session_duration_sec) filter (where f.session_quality = 'good'), 0)::float8 as good_watch,
           count(*) filter (where f.rebuffer_count between 3 and 5)::int as moderate,
           count(*) filter (where f.startup_time_ms >= 4000)::int as slow,
           count(*) filter (where f.resolution = '4K')::int as uhd,
           count(*) filter (where f.avg_bitrate_kbps >= 20000)::int as top_score,
           count(*) filter (where f.video_start_failure)::int as failures
    ${FROM} group by ${cellFacts.join(", ")}`);
  const cube = await t.sql.unsafe(`
    select ${key.join(", ")}, sessions, startup_ms_sum as startup, rebuffer_ratio_sum as ratio,
           stalled_sessions as stalled, watch_sec_sum as watch, qoe_sum as qoe, quality_poor_sessions as poor,
           quality_good_watch_sec as good_watch, severity_moderate_sessions as moderate,
           startup_poor_sessions as slow, resolution_4k_sessions as uhd, score_100_sessions as top_score, failures
    from agg_cube where grain = '${grain.name}'`);
  expect(cube.length, `${grain.name}: one row per cell`).toBe(direct.length);
  expect(new Set(cube.map(cellKey)).size, `${grain.name}: cells are unique`).toBe(cube.length);
  const byCell = new Map(cube.map((r) => [cellKey(r), r]));
  for (const e of direct) {
    const row = byCell.get(cellKey(e));
    expect(row, `${grain.name} cell ${cellKey(e)}`).toBeDefined();
    for (const [k, v] of Object.entries(e)) {
      if (key.includes(k)) continue;
      const got = Number(row?.[k]);
      expect(Math.abs(got - Number(v)), `${grain.name} ${cellKey(e)} ${k}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(Number(v))),
      );
    }
  }
  for (const [name, bucket, width] of [
    ["startup", "f.startup_time_ms", STARTUP_BUCKET_MS],
    ["bitrate", "f.avg_bitrate_kbps", BITRATE_BUCKET_KBPS],
  ] as const) {
    if (!grain.histograms.includes(name)) continue;
    const buckets = await t.sql.unsafe(`
      select ${cellFacts.map((e, i) => `${e} as ${key[i]}`).join(", ")}, ${bucket} / ${width} as bucket, count(*)::int as n
      ${FROM} group by ${cellFacts.join(", ")}, ${bucket} / ${width}`);
    const stored = await t.sql.unsafe(`
      select ${key.join(", ")}, u.bucket, u.n from agg_cube a,
             unnest(a.${name}_bins, a.${name}_counts) as u(bucket, n)
      where grain = '${grain.name}'`);
    const asMap = (rows: readonly Record<string, unknown>[]) =>
      new Map(rows.map((r) => [`${cellKey(r)}#${r.bucket}`, Number(r.n)]));
    expect(asMap(stored), `${grain.name} ${name} histogram`).toEqual(asMap(buckets));
  }
}

async function expectCubeMatchesFacts(t: TestDatabase): Promise<void> {
  for (const grain of STORED_GRAINS) await expectGrainMatchesFacts(t, grain);
}

describe("agg_cube", () => {
  let t: TestDatabase;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("cube"));
    t = await createTestDatabase("cube");
  });
  afterAll(async () => {
    await t?.drop();
    await cleanup?.();
  });

  it("equals a GROUP BY over the facts at every grain, and a new day only rewrites that day", async () => {
    const first = path.join(dir, "first.csv");
    const second = path.join(dir, "second.csv");
    await generateFile({ sessions: 2500, days: 3, end: "2026-10-12", seed: 31, dirty: 0.02, out: first });
    await generateFile({ sessions: 600, days: 1, end: "2026-10-13", seed: 32, out: second });
    expect((await runEtl(t.sql, { paths: [first], migrate: false })).status).toBe("succeeded");
    await expectCubeMatchesFacts(t);
    const checksum = () =>
      t.sql<{ date_key: number; sum: string }[]>`
        select date_key, md5(string_agg(a::text, ',' order by a::text)) as sum from agg_cube a group by 1 order by 1`;
    const before = await checksum();
    expect((await runEtl(t.sql, { paths: [second], migrate: false })).status).toBe("succeeded");
    const after = await checksum();
    expect(after.filter((r) => r.date_key !== 20261013)).toEqual(before);
    expect(after.map((r) => r.date_key)).toContain(20261013);
    await expectCubeMatchesFacts(t);
  });

  it("is rebuilt by the migration step when its definition changed, and left alone otherwise", async () => {
    await t.sql`update agg_cube_state set version = 'an older definition'`;
    await t.sql`delete from agg_cube where grain = 'dc'`;
    await runMigrations(createDb(t.sql));
    const [state] = await t.sql<{ version: string }[]>`select version from agg_cube_state`;
    expect(state.version).toBe(CUBE_VERSION);
    await expectCubeMatchesFacts(t);
    // Current definition: the step is a no-op, even if rows were (wrongly) removed.
    await t.sql`delete from agg_cube where grain = 'dc'`;
    await runMigrations(createDb(t.sql));
    const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from agg_cube where grain = 'dc'`;
    expect(n).toBe(0);
  });
});

describe("qoe_hist_quantiles", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("hist_q");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("is within one bucket of percentile_cont, whatever the data", async () => {
    for (const [n, spread] of [
      [1, 1000],
      [2, 90],
      [7, 400],
      [500, 3000],
      [5000, 200],
    ] as const) {
      const [row] = await t.sql<{ exact: number[]; approx: number[] }[]>`
        with v as (select (100 + floor(random() * ${spread}))::int as x from generate_series(1, ${n})),
        h as (select x / 50 as bucket, count(*) as n from v group by 1)
        select (select percentile_cont(array[0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1]) within group (order by x) from v) as exact,
               (select qoe_hist_quantiles(array_agg(bucket::int order by bucket), array_agg(n order by bucket), 50,
                                          array[0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1]) from h) as approx`;
      row.exact.forEach((e, i) => {
        expect(Math.abs(row.approx[i] - e), `n=${n} p#${i}`).toBeLessThan(STARTUP_BUCKET_MS);
      });
    }
  });

  it("answers null for an empty histogram", async () => {
    const [row] = await t.sql<{ empty: boolean; n: number }[]>`
      select q[1] is null as empty, cardinality(q) as n
      from (select qoe_hist_quantiles('{}'::int[], '{}'::bigint[], 50, array[0.5]) as q) x`;
    expect(row).toEqual({ empty: true, n: 1 });
  });
});

describe("cube routing", () => {
  it("reads the smallest grain holding every filter and grouping, and the facts when none does", () => {
    expect(cubeGrainFor([])?.name).toBe("day");
    expect(cubeGrainFor(["device"])?.name).toBe("d");
    expect(cubeGrainFor(["device", "country"], ["startup"])?.name).toBe("dc");
    expect(cubeGrainFor(["country", "isp"], ["startup"])?.name).toBe("ci");
    expect(cubeGrainFor(["hour", "country"])?.name).toBe("hc");
    expect(cubeGrainFor(["hour", "network"], ["startup"])?.name).toBe("hn");
    expect(cubeGrainFor(["hour", "device", "country"], ["startup"])?.name).toBe("hdc");
    expect(cubeGrainFor(["country", "isp", "pop"], ["startup"])?.name).toBe("geo");
    expect(cubeGrainFor(["country", "isp", "device"], ["startup"])?.name).toBe("gd");
    expect(cubeGrainFor(["country", "device", "osVersion"], ["startup"])?.name).toBe("devc");
    expect(cubeGrainFor(["country", "pop", "network"], ["startup"])?.name).toBe("gn");
    expect(cubeGrainFor(["network", "app"], ["bitrate"])?.name).toBe("devn");
    expect(cubeGrainFor(["hour", "device", "app"])?.name).toBe("ha");
    // No grain holds content with a device, nor the internal hour x device x country x network.
    expect(cubeGrainFor(["content", "device"])).toBeNull();
    expect(cubeGrainFor(["hour", "device", "country", "network"])).toBeNull();
    // Hour-of-day grains carry no bitrate histogram.
    expect(cubeGrainFor(["hour"], ["bitrate"])).toBeNull();
  });

  it("has every grain after the grains it rolls up from, holding a subset of their dimensions", () => {
    const seen = new Map<string, CubeGrain>();
    for (const g of CUBE_GRAINS) {
      for (const parentName of [g.from, g.histogramsFrom ?? null]) {
        if (parentName === null) continue;
        const parent = seen.get(parentName);
        expect(parent, `${g.name} rolls up from ${parentName}, defined before it`).toBeDefined();
        expect(grainColumns(g).every((c) => grainColumns(parent as CubeGrain).includes(c))).toBe(true);
      }
      if (g.histogramsFrom)
        expect(g.histograms.every((h) => seen.get(g.histogramsFrom as string)?.histograms.includes(h))).toBe(
          true,
        );
      seen.set(g.name, g);
    }
  });
});
