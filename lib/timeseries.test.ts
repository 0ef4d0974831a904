import { describe, expect, it } from "vitest";
import { breakAtMissingDays } from "./timeseries";

describe("breakAtMissingDays", () => {
  it("puts a null after a day followed by a gap, so a line is not drawn across missing days", () => {
    const p = (t: string, value: number) => ({ t, value, sessions: 1, series: "qoe" });
    const out = breakAtMissingDays([p("2026-10-26", 1), p("2026-10-27", 2), p("2026-10-29", 3)]);
    expect(out.map((r) => [r.t, r.value])).toEqual([
      ["2026-10-26", 1],
      ["2026-10-27", 2],
      ["2026-10-28", null],
      ["2026-10-29", 3],
    ]);
  });

  it("leaves consecutive days and hourly buckets alone", () => {
    const rows = [
      { t: "2026-10-31", value: 1 },
      { t: "2026-11-01", value: 2 },
    ];
    expect(breakAtMissingDays(rows)).toEqual(rows);
    const hours = [
      { t: "3", value: 1 },
      { t: "7", value: 2 },
    ];
    expect(breakAtMissingDays(hours)).toEqual(hours);
  });
});
