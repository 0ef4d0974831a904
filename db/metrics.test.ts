import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { dataQualityScore, metric, metricSql } from "./metrics";

/** The formulas of SPEC section 4 on hand-worked values, and the SQL forms agreeing with them. */

describe("metric formulas", () => {
  it("band edges follow the seed's definitions", () => {
    expect([20000, 19999, 6000, 5999, 3000, 2999, 1000, 999].map(metric.qualityScore)).toEqual([
      100, 75, 75, 50, 50, 25, 25, 10,
    ]);
    expect([999, 1000, 1999, 2000, 3999, 4000].map(metric.startupCategory)).toEqual([
      "excellent",
      "good",
      "good",
      "fair",
      "fair",
      "poor",
    ]);
    expect([80, 79.99, 60, 40, 39.99].map(metric.sessionQuality)).toEqual([
      "excellent",
      "good",
      "good",
      "fair",
      "poor",
    ]);
    expect([0, 1, 2, 3, 5, 6].map(metric.bufferingSeverity)).toEqual([
      "none",
      "minor",
      "minor",
      "moderate",
      "moderate",
      "severe",
    ]);
    expect([10000, 9999, 5000, 2000, 1999].map(metric.networkQuality)).toEqual([
      "excellent",
      "good",
      "good",
      "fair",
      "poor",
    ]);
    expect([5, 6, 11, 12, 16, 17, 21, 22].map(metric.timeOfDay)).toEqual([
      "night",
      "morning",
      "morning",
      "afternoon",
      "afternoon",
      "evening",
      "evening",
      "night",
    ]);
    expect([18, 19, 23].map(metric.isPeak)).toEqual([false, true, true]);
    expect([4, 5, 6].map(metric.isWeekend)).toEqual([false, true, true]);
  });

  it("overall QoE on rows worked out by hand", () => {
    // 1500 ms startup, 36 s of stalls in a 30 min session, 7000 kbps:
    // 0.3 x (100 - 5) + 0.4 x (100 - 2) + 0.3 x 75 = 28.5 + 39.2 + 22.5 = 90.2
    const ratio = metric.rebufferRatio(36_000, 1800);
    expect(ratio).toBeCloseTo(2, 12);
    expect(metric.overallQoe(1500, ratio, metric.qualityScore(7000))).toBeCloseTo(90.2, 10);
    // 45 s startup (clipped to 0 points), all stalls, 500 kbps: 0 + 0 + 0.3 x 10 = 3
    expect(
      metric.overallQoe(45_000, metric.rebufferRatio(600_000, 300), metric.qualityScore(500)),
    ).toBeCloseTo(3, 10);
    expect(metric.startupScore(2000)).toBeCloseTo(80, 10); // 8 / (8 + 2) x 100
    expect(metric.rebufferFrequency(3, 600)).toBeCloseTo(0.3, 12);
    expect(metric.subscriptionTier(20000)).toBe("premium");
    expect(metric.viewingIntensity(1.5)).toBe("light");
  });

  it("data-quality score: 100 minus weighted percentages of problem rows", () => {
    expect(dataQualityScore({ rowsRead: 0, rejected: 0, duplicates: 0, fixedRows: 0 })).toBe(100);
    // 5% rejected (5 points) + 10% duplicates (2.5) + 20% fixed (2) = 90.5
    expect(dataQualityScore({ rowsRead: 1000, rejected: 50, duplicates: 100, fixedRows: 200 })).toBe(90.5);
    expect(dataQualityScore({ rowsRead: 10, rejected: 10, duplicates: 0, fixedRows: 0 })).toBe(0);
  });
});

describe("SQL forms", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("metrics", { migrate: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("agree with the plain functions on a grid of values", async () => {
    const cases = [
      [100, 0, 0, 300, 50],
      [999, 1, 1500, 1800, 999],
      [1000, 2, 90000, 1200, 2999],
      [2500, 3, 600000, 300, 6000],
      [4000, 6, 36000, 1800, 19999],
      [30000, 100, 0, 14400, 20000],
    ];
    for (const [startup, count, stallMs, sessionSec, bitrate] of cases) {
      const [row] = await t.sql.unsafe(
        `select ${metricSql.rebufferRatio("$3::int", "$4::int")} as ratio,
                ${metricSql.qualityScore("$5::int")} as quality,
                ${metricSql.startupCategory("$1::int")} as startup_category,
                ${metricSql.bufferingSeverity("$2::int")} as severity,
                ${metricSql.networkQuality("$5::int")} as network,
                ${metricSql.overallQoe("$1::int", metricSql.rebufferRatio("$3::int", "$4::int"), metricSql.qualityScore("$5::int"))} as qoe,
                ${metricSql.startupScore("$1::int")} as startup_score,
                ${metricSql.playbackDurationSec("$4::int", "$3::int")} as playback`,
        [startup, count, stallMs, sessionSec, bitrate],
      );
      const ratio = metric.rebufferRatio(stallMs, sessionSec);
      expect(row.ratio).toBeCloseTo(ratio, 9);
      expect(row.quality).toBe(metric.qualityScore(bitrate));
      expect(row.startup_category).toBe(metric.startupCategory(startup));
      expect(row.severity).toBe(metric.bufferingSeverity(count));
      expect(row.network).toBe(metric.networkQuality(bitrate));
      expect(row.qoe).toBeCloseTo(metric.overallQoe(startup, ratio, metric.qualityScore(bitrate)), 9);
      expect(row.startup_score).toBeCloseTo(metric.startupScore(startup), 9);
      expect(row.playback).toBe(metric.playbackDurationSec(sessionSec, stallMs));
    }
    for (const hour of [0, 6, 12, 17, 19, 22, 23]) {
      const [row] = await t.sql.unsafe(
        `select ${metricSql.timeOfDay("$1::int")} as tod, ${metricSql.isPeak("$1::int")} as peak`,
        [hour],
      );
      expect(row).toEqual({ tod: metric.timeOfDay(hour), peak: metric.isPeak(hour) });
    }
    const [dow] = await t.sql.unsafe(
      `select ${metricSql.dayOfWeek("'2026-11-27 12:00'::timestamp")} as friday,
              ${metricSql.dayOfWeek("'2026-11-30 00:00'::timestamp")} as monday`,
    );
    expect(dow).toEqual({ friday: 4, monday: 0 });
  });
});
