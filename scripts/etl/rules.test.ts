import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_COLUMNS, SEED_COLUMNS } from "../../db/constants";
import { metric } from "../../db/metrics";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { runEtl } from "./run";
import { csvText, seedRow, tempDir, writeCsv } from "./test-support";

/**
 * Validate and transform rules on hand-made rows whose expected outcome is worked out by hand:
 * one file with every hard-failure reason and every soft fix, loaded into a fresh database.
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("validate + transform rules", () => {
  let t: TestDatabase;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestDatabase("etl_rules");
    ({ dir, cleanup } = await tempDir("rules"));
  });
  afterAll(async () => {
    await t?.drop();
    await cleanup?.();
  });

  const rows: { line: number; row: string[] | string; expect: string }[] = [];
  const add = (row: string[] | string, expect: string) => rows.push({ line: rows.length + 2, row, expect });

  // Rows to load (ids 1..10), each exercising one soft rule.
  add(seedRow({ session_id: id(1) }), "ok");
  add(seedRow({ session_id: id(2), startup_time_ms: "-50", frames_dropped: "20000" }), "clip startup+frames");
  add(
    seedRow({ session_id: id(3), rebuffer_count: "3", rebuffer_duration_ms: "0" }),
    "zero duration -> 6000",
  );
  add(
    seedRow({
      session_id: id(4),
      rebuffer_count: "2",
      rebuffer_duration_ms: "500000",
      session_duration_sec: "300",
    }),
    "cap at 300000",
  );
  add(seedRow({ session_id: id(5), resolution: "4K", bitrate_kbps: "2500" }), "mismatch");
  add(seedRow({ session_id: id(6), hour: "3", day_of_week: "6" }), "hour/day recomputed");
  add(seedRow({ session_id: id(7), timestamp: "2026-10-06T01:02:03Z" }), "ISO with zone");
  add(
    seedRow({ session_id: id(8), bitrate_kbps: "90000", startup_time_ms: "2153.0" }),
    "clip bitrate, decimal",
  );
  add(seedRow({ session_id: id(9), os_version: 'Weird "quoted", agent\\with\ttab' }), "escapes");
  add(seedRow({ session_id: id(10), rebuffer_count: "2.6" }), "fraction rounded");
  // Rows to reject, one reason each.
  add(seedRow({ session_id: id(1) }), "duplicate_session_id");
  add(seedRow({ session_id: "" }), "missing_session_id");
  add(seedRow({ session_id: id(11), user_id: " " }), "missing_user_id");
  add(seedRow({ session_id: id(12), timestamp: "" }), "missing_timestamp");
  add(seedRow({ session_id: id(13), timestamp: "2026-02-30 10:00:00" }), "unparsable_timestamp");
  add(seedRow({ session_id: id(14), timestamp: "2091-01-01 00:00:00" }), "future_timestamp");
  add(seedRow({ session_id: id(15), rebuffer_count: "12x" }), "unparsable_number");
  add(seedRow({ session_id: id(16), device_type: "game_console" }), "unknown_device_type");
  add(seedRow({ session_id: id(17), network_type: "satellite" }), "unknown_network_type");
  add(seedRow({ session_id: id(18), country_code: "ZZ" }), "unknown_country_code");
  add(seedRow({ session_id: id(19), resolution: "8K" }), "unknown_resolution");
  add(seedRow({ session_id: id(20), isp: "telstra" }), "unknown_isp");
  add(`${id(21)},user_1,2026-10-05 20:15:30,smart_tv`, "wrong_column_count");
  add(seedRow({ session_id: id(22), bitrate_kbps: "NaN" }), "unparsable_number");
  add(seedRow({ session_id: id(23), timestamp: "2025-01-02 10:00:00 BC" }), "unparsable_timestamp");
  add(seedRow({ session_id: id(26), startup_time_ms: "0x10" }), "unparsable_number");
  add(seedRow({ session_id: id(27), bitrate_kbps: "1_500" }), "unparsable_number");
  add(seedRow({ session_id: id(28), startup_time_ms: `1${"0".repeat(400)}` }), "unparsable_number");
  add(seedRow({ session_id: id(29), frames_dropped: `0.${"0".repeat(400)}1` }), "unparsable_number");
  add(seedRow({ session_id: id(24), timestamp: "0001-01-01 00:00:00" }), "unparsable_timestamp");
  add(seedRow({ session_id: id(25), os_version: `Mozilla/5.0 ${"x".repeat(3000)}` }), "field_too_long");
  add(seedRow({ session_id: `s-${"9".repeat(3000)}` }), "field_too_long");

  const render = () =>
    `${SEED_COLUMNS.join(",")}\r\n${rows
      .map(({ row }) =>
        typeof row === "string" ? row : csvText([row]).split("\n").slice(1).join("\n").replace(/\n$/, ""),
      )
      .join("\r\n")}\r\n`;

  it("rejects each bad row with its reason and line number, loads the rest once", async () => {
    const file = path.join(dir, "rules.csv");
    await writeFile(file, render());
    const s = await runEtl(t.sql, { paths: [file], migrate: false, minQuality: 0 });
    expect(s.message).toBeNull();
    expect(s.status).toBe("succeeded");
    expect(s.rows_read).toBe(rows.length);
    expect(s.rows_loaded).toBe(10);
    const expected: Record<string, number> = {};
    for (const r of rows) if (r.expect.includes("_")) expected[r.expect] = (expected[r.expect] ?? 0) + 1;
    expect(s.rejected_by_reason).toEqual(expected);
    expect(s.duplicates).toBe(1);

    const rejects = await t.sql<
      { line_number: number; reason_code: string; raw_row: string; source_file: string }[]
    >`
      select line_number, reason_code, raw_row, source_file from etl_rejected_rows where run_id = ${s.run_id!}
      order by line_number`;
    expect(rejects.map((r) => [r.line_number, r.reason_code])).toEqual(
      rows.filter((r) => r.expect.includes("_")).map((r) => [r.line, r.expect]),
    );
    expect(rejects.every((r) => r.source_file === file)).toBe(true);
    // Raw rows come back byte for byte (sent as is, or rebuilt from canonical fields).
    const original = render().split("\r\n");
    for (const r of rejects) expect(r.raw_row).toBe(original[r.line_number - 1]);
    const wrong = rejects.find((r) => r.reason_code === "wrong_column_count")!;
    expect(wrong.raw_row).toBe(`${id(21)},user_1,2026-10-05 20:15:30,smart_tv`);
  });

  it("applies the soft fixes, counts them per rule and derives the metrics", async () => {
    const [run] = await t.sql<{ fixed_by_rule: Record<string, number>; summary: { fixed_rows: number } }[]>`
      select fixed_by_rule, summary from etl_runs where status = 'succeeded' order by run_id limit 1`;
    expect(run.fixed_by_rule).toEqual({
      clip_startup_time_ms: 1, // id 2
      clip_bitrate_kbps: 1, // id 8
      clip_frames_dropped: 1, // id 2
      round_fractional_values: 1, // id 10 (2.6 stalls; id 8's 2153.0 is whole)
      zero_duration_rebuffers: 1, // id 3
      rebuffer_capped_at_session: 1, // id 4
      bitrate_resolution_mismatch: 2, // id 5 (4K at 2500), id 8 (1080p at 50000 after clipping)
      hour_day_recomputed: 2, // id 6 (wrong values), id 7 (another day and hour)
    });
    expect(run.summary.fixed_rows).toBe(8);

    const facts = await t.sql<Record<string, number | string | boolean>[]>`
      select f.session_id, f.startup_time_ms, f.frames_dropped, f.rebuffer_duration_ms, f.rebuffer_ratio,
             f.avg_bitrate_kbps, f.quality_score, f.date_key, f.time_key, f.bitrate_resolution_mismatch,
             f.overall_qoe_score, f.session_quality, f.startup_category, f.buffering_severity,
             f.playback_duration_sec, d.user_agent
      from fact_playback_sessions f join dim_device d using (device_key) order by f.session_id`;
    const byId = Object.fromEntries(facts.map((f) => [f.session_id, f]));
    expect(byId[id(2)]).toMatchObject({ startup_time_ms: 100, frames_dropped: 10000 });
    expect(byId[id(3)]).toMatchObject({ rebuffer_duration_ms: 6000 });
    expect(byId[id(4)]).toMatchObject({
      rebuffer_duration_ms: 300000,
      rebuffer_ratio: 100,
      playback_duration_sec: 0,
    });
    expect(byId[id(5)]).toMatchObject({ bitrate_resolution_mismatch: true });
    expect(byId[id(6)]).toMatchObject({ date_key: 20261005, time_key: 2015 });
    expect(byId[id(7)]).toMatchObject({ date_key: 20261006, time_key: 102 });
    expect(byId[id(8)]).toMatchObject({ avg_bitrate_kbps: 50000, quality_score: 100, startup_time_ms: 2153 });
    expect(byId[id(9)].user_agent).toBe('Weird "quoted", agent\\with\ttab');
    // id 1 by hand: 0.3 x (100 - 1500/300) + 0.4 x (100 - 2000/1800000 x 100) + 0.3 x 75
    const qoe = 0.3 * 95 + 0.4 * (100 - (2000 / 1_800_000) * 100) + 0.3 * 75;
    expect(byId[id(1)].overall_qoe_score).toBeCloseTo(qoe, 9);
    expect(qoe).toBeCloseTo(90.9556, 4);
    expect(byId[id(1)]).toMatchObject({
      session_quality: "excellent",
      startup_category: "good",
      buffering_severity: "minor",
      quality_score: 75,
      playback_duration_sec: 1798,
    });
  });

  it("treats a session id already in the warehouse as a duplicate; reads .csv.gz and folders", async () => {
    const sub = path.join(dir, "batch");
    await (await import("node:fs/promises")).mkdir(sub);
    const header = [...SEED_COLUMNS, ...EXTENSION_COLUMNS, "debug_note"];
    const gz = csvText(
      [
        [...seedRow({ session_id: id(1) }), "0", "0", "x"],
        [...seedRow({ session_id: id(30) }), "1", "0", "y"],
      ],
      header,
    );
    await writeFile(path.join(sub, "a.csv.gz"), gzipSync(gz));
    await writeCsv(path.join(sub, "b.csv"), [
      seedRow({ session_id: id(31), timestamp: "2026-10-07 08:00:00" }),
    ]);
    await writeFile(path.join(sub, "notes.txt"), "ignored: not a csv");
    const s = await runEtl(t.sql, { paths: [sub], migrate: false, minQuality: 0 });
    expect(s.status).toBe("succeeded");
    expect(s.files.map((f) => path.basename(f.path))).toEqual(["a.csv.gz", "b.csv"]);
    expect(s.files[0].warnings.join()).toContain("debug_note");
    expect(s.rejected_by_reason).toEqual({ duplicate_session_id: 1 });
    expect(s.rows_loaded).toBe(2);
    expect(s.dates_touched).toEqual([20261005, 20261007]);
    const [row] = await t.sql<{ video_start_failure: boolean }[]>`
      select video_start_failure from fact_playback_sessions where session_id = ${id(30)}`;
    expect(row.video_start_failure).toBe(true);
    const [detail] = await t.sql<{ reason_detail: string }[]>`
      select reason_detail from etl_rejected_rows where run_id = ${s.run_id!}`;
    expect(detail.reason_detail).toContain("already loaded");
    expect(s.duplicates_already_loaded).toBe(1);
  });

  it("accumulates user activity across loads, also when a load outnumbers the known users", async () => {
    // 3 users in this file against 1 known: the bulk path (primary key dropped and rebuilt).
    const file = await writeCsv(path.join(dir, "users.csv"), [
      seedRow({
        session_id: id(40),
        timestamp: "2026-09-30 10:00:00",
        bitrate_kbps: "21000",
        resolution: "4K",
      }),
      seedRow({ session_id: id(41), user_id: "user_2" }),
      seedRow({ session_id: id(42), user_id: "user_3" }),
    ]);
    const s = await runEtl(t.sql, { paths: [file], migrate: false, minQuality: 0 });
    expect(s.status).toBe("succeeded");
    const users = await t.sql<
      { user_id: string; sessions: number; first: string; max_bitrate_kbps: number }[]
    >`
      select user_id, sessions, to_char(first_seen_at, 'YYYY-MM-DD HH24:MI') as first, max_bitrate_kbps
      from user_activity order by user_id`;
    expect(users).toEqual([
      { user_id: "user_1", sessions: 13, first: "2026-09-30 10:00", max_bitrate_kbps: 50000 },
      { user_id: "user_2", sessions: 1, first: "2026-10-05 20:15", max_bitrate_kbps: 7000 },
      { user_id: "user_3", sessions: 1, first: "2026-10-05 20:15", max_bitrate_kbps: 7000 },
    ]);
    const [{ pk }] = await t.sql<{ pk: number }[]>`
      select count(*)::int as pk from pg_constraint where conrelid = 'user_activity'::regclass and contype = 'p'`;
    expect(pk).toBe(1);
    // user_1 by hand: 12 x 1800 s + 300 s = 6.1 h over 6.9 days (one week) -> medium; 4K bitrate -> premium.
    const cohorts = await t.sql<{ cohort_name: string }[]>`
      select distinct co.cohort_name from fact_playback_sessions f join dim_user_cohort co using (cohort_key)
      where f.session_id in (${id(40)}, ${id(41)})`;
    expect(cohorts.map((c) => c.cohort_name).sort()).toEqual([
      "2026-09 · medium · premium",
      "2026-10 · light · standard",
    ]);
  });

  it("matches the metric functions used by the rest of the app", () => {
    expect(metric.qualityScore(50000)).toBe(100);
    expect(metric.rebufferRatio(300000, 300)).toBe(100);
  });

  it("skips re-delivered rows without holding them against the quality score", async () => {
    // Three sessions loaded by the first test, one new: 75 % duplicates, all of them re-deliveries.
    const file = await writeCsv(path.join(dir, "redelivery.csv"), [
      seedRow({ session_id: id(2) }),
      seedRow({ session_id: id(3) }),
      seedRow({ session_id: id(4) }),
      seedRow({ session_id: id(32) }),
    ]);
    const s = await runEtl(t.sql, { paths: [file], migrate: false });
    expect(s.status, s.message ?? "").toBe("succeeded");
    expect(s).toMatchObject({
      rows_loaded: 1,
      duplicates: 3,
      duplicates_already_loaded: 3,
      quality_score: 100,
    });
  });

  it("skips bad rows an earlier loaded run refused alike, in other bytes too; a failed file is still held to the gate", async () => {
    // The first test's file again, with CRLF turned into LF: new bytes, the same rows.
    const first = render();
    const again = path.join(dir, "rules-lf.csv");
    await writeFile(again, first.replaceAll("\r\n", "\n"));
    const s = await runEtl(t.sql, { paths: [again], migrate: false });
    expect(s.status, s.message ?? "").toBe("succeeded");
    const refused = rows.filter((r) => r.expect.includes("_"));
    const nonDuplicates = refused.filter((r) => r.expect !== "duplicate_session_id").length;
    expect(s).toMatchObject({ rows_loaded: 0, rejected_before: nonDuplicates, quality_score: 100 });
    expect(s.rows_rejected).toBe(rows.length);

    // Rows refused only by a run that failed the quality gate do not count as seen before.
    const bad = (n: number) => seedRow({ session_id: id(60 + n), device_type: "toaster" });
    const failing = await writeCsv(path.join(dir, "failing.csv"), [
      bad(0),
      bad(1),
      seedRow({ session_id: id(62) }),
    ]);
    expect((await runEtl(t.sql, { paths: [failing], migrate: false })).status).toBe("quality_failed");
    const retry = await runEtl(t.sql, { paths: [failing], migrate: false });
    expect(retry.status).toBe("quality_failed");
    expect(retry.rejected_before).toBe(0);
  });
});
