import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSql } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { generateFile } from "../generate";
import { AGGREGATE_METRICS, AGGREGATE_TABLES } from "./aggregate";
import { runEtl } from "./run";
import { tempDir, warehouseChecksums } from "./test-support";

/** End-to-end runs of the ETL on generated files and on the seed's real sample. */

// The seed generator's real output (SPEC.md fixtures/seed_sample.csv), kept in the repository so a
// fresh clone (CI) has it.
const SEED_SAMPLE = path.resolve(__dirname, "../../test/fixtures/seed_sample.csv");

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("e2e"));
});
afterAll(async () => {
  await cleanup?.();
});

describe("a --dirty generated file", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("etl_dirty");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("rejects exactly the manifest's dirty rows, by reason, and loads every clean row once", async () => {
    const out = path.join(dir, "dirty.csv");
    const manifest = await generateFile({
      sessions: 4000,
      days: 5,
      end: "2026-10-20",
      seed: 11,
      dirty: 0.2,
      out,
    });
    const k = manifest.dirty.by_kind;
    // 20% dirty rows score below the default 90, which is not what this test is about.
    const s = await runEtl(t.sql, { paths: [out], migrate: false, minQuality: 0 });
    expect(s.status).toBe("succeeded");
    expect(s.rows_read).toBe(manifest.rows_written);
    expect(s.rows_loaded).toBe(manifest.expected_clean_rows);
    const expected: Record<string, number> = {
      wrong_column_count: k.wrong_column_count_too_few + k.wrong_column_count_too_many,
      missing_session_id: k.missing_session_id,
      missing_user_id: k.missing_user_id,
      missing_timestamp: k.missing_timestamp,
      unparsable_timestamp: k.unparsable_timestamp,
      future_timestamp: k.future_timestamp,
      unparsable_number: k.unparsable_number,
      unknown_device_type: k.unknown_device_type,
      unknown_network_type: k.unknown_network_type,
      unknown_country_code: k.unknown_country_code,
      duplicate_session_id: k.exact_duplicate,
    };
    for (const key of Object.keys(expected)) if (expected[key] === 0) delete expected[key];
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    expect(s.rejected_by_reason).toEqual(expected);
    expect(s.rows_rejected).toBe(manifest.expected_rejected_rows + manifest.expected_duplicate_rows);
    expect(s.duplicates).toBe(manifest.expected_duplicate_rows);

    const stored = await t.sql<{ reason_code: string; n: number }[]>`
      select reason_code, count(*)::int as n from etl_rejected_rows where run_id = ${s.run_id!} group by 1`;
    expect(Object.fromEntries(stored.map((r) => [r.reason_code, r.n]))).toEqual(expected);

    // Every refused row is stored with its exact text and line number.
    const lines = (await readFile(out, "utf8")).split("\n");
    const raws = await t.sql<{ line_number: number; raw_row: string }[]>`
      select line_number, raw_row from etl_rejected_rows where run_id = ${s.run_id!}`;
    for (const r of raws) expect(r.raw_row).toBe(lines[r.line_number - 1]);

    // Out-of-range values are clipped (and counted), never rejected.
    expect(s.fixed_by_rule.clip_startup_time_ms).toBe(
      k.out_of_range_startup_negative + k.out_of_range_startup_high,
    );
    expect(s.fixed_by_rule.clip_bitrate_kbps).toBe(k.out_of_range_bitrate_low + k.out_of_range_bitrate_high);
    expect(s.fixed_by_rule.clip_rebuffer_count ?? 0).toBe(k.out_of_range_rebuffer_count_high);
    expect(s.fixed_by_rule.clip_frames_dropped ?? 0).toBe(k.out_of_range_frames_dropped_high);
    expect(s.fixed_by_rule.clip_session_duration_sec ?? 0).toBe(k.out_of_range_session_duration_high);

    const [facts] = await t.sql<{ n: number; ids: number }[]>`
      select count(*)::int as n, count(distinct session_id)::int as ids from fact_playback_sessions`;
    expect(facts).toEqual({ n: manifest.expected_clean_rows, ids: manifest.expected_clean_rows });
    const devices = await t.sql<{ device_type: string; n: number }[]>`
      select d.device_type, count(*)::int as n from fact_playback_sessions f join dim_device d using (device_key)
      group by 1`;
    expect(Object.fromEntries(devices.map((d) => [d.device_type, d.n]))).toEqual(manifest.counts.device_type);
  });
});

describe("the seed's real sample", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("etl_seed");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("loads with its duplicate session ids removed and counted", async () => {
    // Independent recount with a different CSV parser.
    const records: string[][] = parse(await readFile(SEED_SAMPLE), { from_line: 2 });
    const firstById = new Map<string, string[]>();
    for (const r of records) if (!firstById.has(r[0])) firstById.set(r[0], r);
    expect(records).toHaveLength(5000);
    const s = await runEtl(t.sql, { paths: [SEED_SAMPLE], migrate: false });
    expect(s.status).toBe("succeeded");
    expect(s.rows_read).toBe(5000);
    expect(s.rows_loaded).toBe(firstById.size);
    expect(s.duplicates).toBe(5000 - firstById.size);
    expect(s.rejected_by_reason).toEqual({ duplicate_session_id: 5000 - firstById.size });
    const facts = await t.sql<{ session_id: string; startup_time_ms: number; user_agent: string }[]>`
      select f.session_id, f.startup_time_ms, d.user_agent from fact_playback_sessions f join dim_device d using (device_key)`;
    expect(facts).toHaveLength(firstById.size);
    for (const f of facts) expect(f.startup_time_ms).toBe(Number(firstById.get(f.session_id)![7]));
    const agents = await t.sql<{ n: number }[]>`
      select count(*)::int as n from etl_user_agents u
      where u.user_agent = any(${[...new Set(records.map((r) => r[4]))]})`;
    expect(agents[0].n).toBe(new Set(records.map((r) => r[4])).size);
  });
});

describe("reruns and concurrent runs", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("etl_rerun");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("loads a file once when two runs start together, and a rerun is a no-op", async () => {
    const out = path.join(dir, "rerun.csv");
    const manifest = await generateFile({
      sessions: 3000,
      days: 3,
      end: "2026-10-10",
      seed: 5,
      dirty: 0.05,
      out,
    });
    const a = createSql(t.url, { max: 3 });
    const b = createSql(t.url, { max: 3 });
    try {
      const both = await Promise.all([
        runEtl(a, { paths: [out], migrate: false }),
        runEtl(b, { paths: [out], migrate: false }),
      ]);
      expect(both.map((s) => s.status).sort()).toEqual(["no_op", "succeeded"]);
      const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from fact_playback_sessions`;
      expect(n).toBe(manifest.expected_clean_rows);
    } finally {
      await a.end();
      await b.end();
    }
    const before = await warehouseChecksums(t.sql);
    const again = await runEtl(t.sql, { paths: [out], migrate: false });
    expect(again.status).toBe("no_op");
    expect(again.files[0].outcome).toBe("already_loaded");
    expect(again.rows_loaded).toBe(0);
    expect(await warehouseChecksums(t.sql)).toEqual(before);
    const runs = await t.sql<{ status: string }[]>`select status from etl_runs order by run_id`;
    expect(runs.map((r) => r.status)).toEqual(expect.arrayContaining(["succeeded", "no_op", "no_op"]));

    // The same content compressed is the same content: recognised before any COPY.
    const gz = `${out}.gz`;
    await writeFile(gz, gzipSync(await readFile(out)));
    const compressed = await runEtl(t.sql, { paths: [gz], migrate: false });
    expect(compressed.status).toBe("no_op");
    expect(compressed.files[0].outcome).toBe("already_loaded");
    expect(compressed.files[0].already_loaded_by_run).toBe(again.files[0].already_loaded_by_run);
    expect(compressed.stage_ms.validate_transform).toBeUndefined();
    expect(await warehouseChecksums(t.sql)).toEqual(before);
  });

  it("recognises a loaded .csv.gz when its content comes back uncompressed", async () => {
    const plain = path.join(dir, "later-plain.csv");
    await generateFile({ sessions: 500, days: 1, end: "2026-10-12", seed: 6, dirty: 0, out: plain });
    const gz = path.join(dir, "first-compressed.csv.gz");
    await writeFile(gz, gzipSync(await readFile(plain)));
    const first = await runEtl(t.sql, { paths: [gz], migrate: false });
    expect(first.status).toBe("succeeded");
    const before = await warehouseChecksums(t.sql);
    const again = await runEtl(t.sql, { paths: [plain], migrate: false });
    expect(again.status).toBe("no_op");
    expect(again.files[0].already_loaded_by_run).toBe(first.run_id);
    expect(await warehouseChecksums(t.sql)).toEqual(before);
  });
});

describe("aggregates", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("etl_aggs");
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Every aggregate row recomputed independently from the facts, compared column by column. */
  async function expectAggregatesMatchFacts() {
    const keyExpr: Record<string, string> = {
      device_type: "d.device_type",
      country_code: "g.country_code",
      hour: "(f.time_key / 100)::smallint",
    };
    // Written out independently of aggregate.ts, so a wrong formula there cannot agree with itself.
    const expected: Record<string, string> = {
      total_sessions: "count(*)::int",
      unique_users: "count(distinct f.user_id)::int",
      avg_startup_ms: "avg(f.startup_time_ms)::float8",
      median_startup_ms: "percentile_cont(0.5) within group (order by f.startup_time_ms)",
      p95_startup_ms: "percentile_cont(0.95) within group (order by f.startup_time_ms)",
      avg_rebuffer_count: "avg(f.rebuffer_count)::float8",
      avg_rebuffer_ratio: "avg(f.rebuffer_ratio)",
      total_rebuffer_duration_ms: "sum(f.rebuffer_duration_ms)::float8",
      sessions_with_rebuffering: "sum(case when f.rebuffer_count > 0 then 1 else 0 end)::int",
      avg_bitrate_kbps: "avg(f.avg_bitrate_kbps)::float8",
      avg_qoe_score: "avg(f.overall_qoe_score)",
      median_qoe_score: "percentile_cont(0.5) within group (order by f.overall_qoe_score)",
      excellent_sessions: "sum(case when f.session_quality = 'excellent' then 1 else 0 end)::int",
      good_sessions: "sum(case when f.session_quality = 'good' then 1 else 0 end)::int",
      fair_sessions: "sum(case when f.session_quality = 'fair' then 1 else 0 end)::int",
      poor_sessions: "sum(case when f.session_quality = 'poor' then 1 else 0 end)::int",
      poor_session_pct: "100.0 * sum(case when f.session_quality = 'poor' then 1 else 0 end) / count(*)",
      total_watch_sec: "sum(f.session_duration_sec)::float8",
      video_start_failures: "sum(case when f.video_start_failure then 1 else 0 end)::int",
    };
    expect(Object.keys(expected).sort()).toEqual([...AGGREGATE_METRICS].sort());
    for (const { table, key } of AGGREGATE_TABLES) {
      const cols = Object.entries(expected)
        .map(([name, expr]) => `${expr} as ${name}`)
        .join(", ");
      const groupKey = key ? `, ${keyExpr[key]}` : "";
      const recomputed = await t.sql.unsafe(`
        select f.date_key${key ? `, ${keyExpr[key]} as ${key}` : ""}, ${cols}
        from fact_playback_sessions f join dim_device d using (device_key) join dim_geography g using (geo_key)
        group by f.date_key${groupKey} order by 1${key ? ", 2" : ""}`);
      const stored = await t.sql.unsafe(`
        select date_key${key ? `, ${key}` : ""}, ${AGGREGATE_METRICS.join(", ")}
        from ${table} order by 1${key ? ", 2" : ""}`);
      expect(stored.length, table).toBe(recomputed.length);
      stored.forEach((row, i) => {
        for (const [col, value] of Object.entries(row)) {
          const want = recomputed[i][col];
          if (typeof value === "number") expect(value, `${table}.${col}`).toBeCloseTo(Number(want), 6);
          else expect(value, `${table}.${col}`).toEqual(want);
        }
      });
    }
  }

  it("equal a GROUP BY over the facts, and a new day only rewrites that day", async () => {
    const first = path.join(dir, "days1.csv");
    const second = path.join(dir, "days2.csv");
    await generateFile({ sessions: 3000, days: 3, end: "2026-10-12", seed: 21, out: first });
    await generateFile({ sessions: 800, days: 1, end: "2026-10-13", seed: 22, out: second });
    const s1 = await runEtl(t.sql, { paths: [first], migrate: false });
    expect(s1.status).toBe("succeeded");
    expect(s1.dates_touched).toEqual([20261010, 20261011, 20261012]);
    await expectAggregatesMatchFacts();
    const stamps = async () =>
      Object.fromEntries(
        (
          await t.sql<{ k: string; at: string }[]>`
            select 'day:' || date_key as k, updated_at::text as at from agg_daily_quality
            union all select 'dev:' || date_key || device_type, updated_at::text from agg_daily_device_quality
            union all select 'geo:' || date_key || country_code, updated_at::text from agg_daily_geo_quality
            union all select 'hour:' || date_key || '-' || hour, updated_at::text from agg_hourly_quality`
        ).map((r) => [r.k, r.at]),
      );
    const before = await stamps();

    const s2 = await runEtl(t.sql, { paths: [second], migrate: false });
    expect(s2.status).toBe("succeeded");
    expect(s2.dates_touched).toEqual([20261013]);
    const after = await stamps();
    for (const [k, at] of Object.entries(before)) expect(after[k], k).toBe(at);
    const newKeys = Object.keys(after).filter((k) => !(k in before));
    expect(newKeys.length).toBeGreaterThan(0);
    expect(newKeys.every((k) => k.includes("20261013"))).toBe(true);
    await expectAggregatesMatchFacts();

    const [orphans] = await t.sql<{ n: number; nulls: number }[]>`
      select count(*) filter (where d.date_key is null or tm.time_key is null or dv.device_key is null
               or g.geo_key is null or c.content_key is null or n.network_key is null or u.cohort_key is null)::int as n,
             count(*) filter (where f.date_key is null or f.time_key is null or f.device_key is null or f.geo_key is null
               or f.content_key is null or f.network_key is null or f.cohort_key is null)::int as nulls
      from fact_playback_sessions f
      left join dim_date d using (date_key) left join dim_time tm using (time_key)
      left join dim_device dv using (device_key) left join dim_geography g using (geo_key)
      left join dim_content c using (content_key) left join dim_network n using (network_key)
      left join dim_user_cohort u using (cohort_key)`;
    expect(orphans).toEqual({ n: 0, nulls: 0 });
    expect(s2.quality_checks.map((c) => [c.check, c.passed])).toEqual([
      ["referential_integrity", true],
      ["completeness", true],
      ["reasonableness", true],
      ["duplicate_session_ids", true],
      ["date_continuity", true],
      ["dimension_cardinality", true],
    ]);
    // The second, smaller load took the incremental path: indexes and constraints never left.
    const [{ n }] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from pg_constraint where conrelid = 'fact_playback_sessions'::regclass and contype = 'f'`;
    expect(n).toBe(7);
  });
});
