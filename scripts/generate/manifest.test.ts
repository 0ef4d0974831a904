/**
 * The manifest is ground truth for other tests, so every number in it is re-derived here from the
 * file alone (csv-parse + ua-parser-js, see recount.ts), never from generator internals.
 */
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, DEVICE_TYPES, NETWORK_TYPES } from "../../db/constants";
import { DIRTY_KINDS, dirtyHandling } from "./dirty";
import type { Fault } from "./faults";
import { generateToBuffer } from "./generate";
import type { Manifest } from "./manifest";
import { countSegment, type Recount, recount, tally } from "./recount";

const END = "2026-10-31";

function withZeros(keys: readonly string[], counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0]));
}

function expectManifestMatchesRecount(manifest: Manifest, file: Recount) {
  const { sessions } = file;
  expect(manifest.sessions).toBe(sessions.length);
  expect(manifest.expected_clean_rows).toBe(sessions.length);
  expect(manifest.rows_written).toBe(file.rows.length);
  expect(manifest.counts.device_type).toEqual(
    withZeros(
      DEVICE_TYPES,
      tally(sessions, (s) => s.row.device_type),
    ),
  );
  expect(manifest.counts.network_type).toEqual(
    withZeros(
      NETWORK_TYPES,
      tally(sessions, (s) => s.row.network_type),
    ),
  );
  expect(manifest.counts.country_code).toEqual(
    withZeros(
      COUNTRY_CODES,
      tally(sessions, (s) => s.row.country_code),
    ),
  );
  const osNames = tally(sessions, (s) => s.dims!.os_name);
  expect(Object.fromEntries(Object.entries(manifest.counts.os_name).filter(([, n]) => n > 0))).toEqual(
    osNames,
  );
  expect(manifest.totals.video_start_failure).toBe(
    sessions.filter((s) => s.row.video_start_failure === "1").length,
  );
  expect(manifest.totals.error_occurred).toBe(sessions.filter((s) => s.row.error_occurred === "1").length);
  for (const fault of manifest.faults) {
    expect({ name: fault.name, affected: fault.affected_sessions }).toEqual({
      name: fault.name,
      affected: countSegment(sessions, fault.segment),
    });
  }
  expect(manifest.dirty.by_kind).toEqual(withZeros(DIRTY_KINDS, file.byKind));
  expect(manifest.dirty.total).toBe(Object.values(file.byKind).reduce((a, b) => a + b, 0));
  const byHandling = (h: string) =>
    Object.entries(file.byKind)
      .filter(([kind]) => dirtyHandling(kind as (typeof DIRTY_KINDS)[number]) === h)
      .reduce((sum, [, n]) => sum + n, 0);
  expect(manifest.expected_clipped_rows).toBe(byHandling("clip"));
  expect(manifest.expected_rejected_rows).toBe(byHandling("reject"));
  expect(manifest.expected_duplicate_rows).toBe(byHandling("skip_duplicate"));
  expect(
    manifest.expected_clean_rows + manifest.expected_rejected_rows + manifest.expected_duplicate_rows,
  ).toBe(manifest.rows_written);
  // Session rows are all inside the range; their ids are unique.
  const start = Date.parse(`${manifest.date_range.start}T00:00:00Z`);
  const endExclusive = Date.parse(`${manifest.date_range.end}T00:00:00Z`) + 86_400_000;
  const first = sessions.reduce((min, s) => Math.min(min, s.epochMs!), Number.POSITIVE_INFINITY);
  const last = sessions.reduce((max, s) => Math.max(max, s.epochMs!), Number.NEGATIVE_INFINITY);
  expect(first).toBeGreaterThanOrEqual(start);
  expect(last).toBeLessThan(endExclusive);
  expect(new Set(sessions.map((s) => s.row.session_id)).size).toBe(sessions.length);
}

describe("manifest vs. a recount of the file", () => {
  it("matches exactly at 100k sessions with default faults and 10% dirty rows; device mix within 1.5 pp", async () => {
    const { csv, manifest } = await generateToBuffer({ sessions: 100_000, end: END, seed: 42, dirty: 0.1 });
    const file = recount(csv.toString("latin1"), END);
    expectManifestMatchesRecount(manifest, file);

    const mix = { smart_tv: 0.45, mobile: 0.3, web: 0.15, tablet: 0.1 };
    for (const [device, share] of Object.entries(mix)) {
      expect(
        Math.abs(manifest.counts.device_type[device as keyof typeof mix] / 100_000 - share),
      ).toBeLessThan(0.015);
    }
    // Each default fault is identifiable and big enough to find.
    const [ios, content42, brVodafone] = manifest.faults;
    expect(ios!.affected_sessions).toBeGreaterThan(1000);
    expect(content42!.affected_sessions).toBeGreaterThan(20);
    expect(brVodafone!.affected_sessions).toBeGreaterThan(1000);
    // Every dirty kind occurs at 10%, and about 10% of sessions' worth of rows are dirty.
    for (const kind of DIRTY_KINDS) expect(manifest.dirty.by_kind[kind]).toBeGreaterThan(100);
    expect(manifest.dirty.total).toBe(10_000);
    // Realistic failure rate: 0.5-1.5% of sessions fail to start.
    expect(manifest.totals.video_start_failure / 100_000).toBeGreaterThan(0.005);
    expect(manifest.totals.video_start_failure / 100_000).toBeLessThan(0.015);
  }, 120_000);

  it("counts custom faults on every metric, and a file without dirty rows has only clean rows", async () => {
    const faults: Fault[] = [
      {
        name: "tizen_fail",
        segment: { os_name: "Tizen" },
        metric: "video_start_failure",
        effect: { rate: 0.3 },
      },
      {
        name: "jp_4g_bitrate",
        segment: { country_code: "JP", network_type: "cellular_4g" },
        metric: "bitrate_kbps",
        effect: { multiply: 0.5 },
      },
      {
        name: "old_app_stalls",
        segment: { app_version: "v8.0.4" },
        metric: "rebuffer_count",
        effect: { add: 4 },
      },
      {
        name: "pop_stall_time",
        segment: { cdn_pop: "DE-3" },
        metric: "rebuffer_duration_ms",
        effect: { multiply: 2 },
      },
      {
        name: "android_14",
        segment: { os_name: "Android", os_version: "14", device_type: "mobile" },
        metric: "startup_time_ms",
        effect: { add: 700 },
      },
    ];
    const { csv, manifest } = await generateToBuffer({ sessions: 20_000, end: END, seed: 3, faults });
    const file = recount(csv.toString("latin1"), END);
    expectManifestMatchesRecount(manifest, file);
    expect(file.byKind).toEqual({});
    expect(manifest.flags.faults).toBe("inline");
    for (const fault of manifest.faults) expect(fault.affected_sessions).toBeGreaterThan(50);
    const tizen = file.sessions.filter((s) => s.dims!.os_name === "Tizen");
    const failed = tizen.filter((s) => s.row.video_start_failure === "1").length / tizen.length;
    expect(failed).toBeGreaterThan(0.25);
    expect(failed).toBeLessThan(0.35);
  }, 60_000);
});
