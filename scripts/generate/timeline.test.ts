import { describe, expect, it } from "vitest";
import { Rng } from "./prng";
import {
  allocateSessions,
  bucketOffsets,
  formatTimestamp,
  hourBucket,
  isValidIsoDate,
  lastWholeDayUtc,
  resolveDateRange,
  slotInBucket,
} from "./timeline";

describe("timeline", () => {
  it("covers the D days ending on --end, last day inclusive", () => {
    const range = resolveDateRange("2025-03-02", 30);
    expect(range.start).toBe("2025-02-01");
    expect(range.endExclusiveMs).toBe(Date.parse("2025-03-03T00:00:00Z"));
    expect(resolveDateRange("2025-01-01", 1).start).toBe("2025-01-01");
  });

  it("accepts only real YYYY-MM-DD dates", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2025-02-29")).toBe(false);
    expect(isValidIsoDate("2025-1-01")).toBe(false);
    expect(() => resolveDateRange("tomorrow", 3)).toThrow(/YYYY-MM-DD/);
  });

  it("allocates exactly N sessions, with more at peak hours and on weekends", () => {
    const range = resolveDateRange("2025-01-26", 28); // Mon 2024-12-30 .. Sun 2025-01-26: four full weeks
    const counts = allocateSessions(range, 100_000, new Rng(1));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100_000);
    let peak = 0;
    let offPeak = 0;
    let weekend = 0;
    let weekday = 0;
    counts.forEach((n, b) => {
      const { hour, dayOfWeek } = hourBucket(range, b);
      if (hour >= 19 && hour <= 23) peak += n;
      else offPeak += n;
      if (dayOfWeek >= 5) weekend += n;
      else weekday += n;
    });
    expect(peak / 5).toBeGreaterThan(2 * (offPeak / 19)); // per-hour volume
    expect(weekend / 8).toBeGreaterThan(1.2 * (weekday / 20)); // per-day volume
  });

  it("formats bucket slots as YYYY-MM-DD HH:MM:SS.ffffff with matching hour and Monday-based day", () => {
    const range = resolveDateRange("2025-01-05", 7); // 2024-12-30 is a Monday
    const bucket = hourBucket(range, 6 * 24 + 21); // Sunday 21:00
    expect(bucket).toEqual({ prefix: "2025-01-05 21:", hour: 21, dayOfWeek: 6 });
    expect(slotInBucket(bucket, 3_599_999_999)).toEqual({
      timestamp: "2025-01-05 21:59:59.999999",
      hour: 21,
      dayOfWeek: 6,
    });
    expect(slotInBucket(bucket, 61_000_007).timestamp).toBe("2025-01-05 21:01:01.000007");
    expect(() => slotInBucket(bucket, 3_600_000_000)).toThrow(/outside/);
    expect(formatTimestamp(Date.parse("2024-12-30T00:00:00Z") * 1000 + 5)).toEqual({
      timestamp: "2024-12-30 00:00:00.000005",
      hour: 0,
      dayOfWeek: 0,
    });
  });

  it("sorts each bucket's offsets inside the hour", () => {
    const offsets = bucketOffsets(500, new Rng(2));
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
    expect(offsets[0]!).toBeGreaterThanOrEqual(0);
    expect(offsets[offsets.length - 1]!).toBeLessThan(3_600_000_000);
  });
});

describe("lastWholeDayUtc", () => {
  it("is the previous UTC day, so no generated session starts after a load today", () => {
    expect(lastWholeDayUtc(new Date("2026-11-28T00:05:00Z"))).toBe("2026-11-27");
    expect(lastWholeDayUtc(new Date("2026-11-28T23:59:59Z"))).toBe("2026-11-27");
    expect(lastWholeDayUtc(new Date("2026-03-01T12:00:00Z"))).toBe("2026-02-28");
  });
});
