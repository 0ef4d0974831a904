import { describe, expect, it } from "vitest";
import { kpiChange, previousPeriodGap } from "./KpiCard";

describe("kpiChange", () => {
  it("shows a percentage metric's change in percentage points", () => {
    expect(kpiChange(0.51, 0.56, "pct")).toEqual({ direction: -1, text: "0.05 pp vs previous" });
    expect(kpiChange(80.93, 80.93, "pct")).toEqual({ direction: 0, text: "0.00 pp vs previous" });
  });

  it("shows other metrics' change relative to the previous value, and from 0 as such", () => {
    expect(kpiChange(110, 100, "count")).toEqual({ direction: 1, text: "10.0 % vs previous" });
    expect(kpiChange(5, 0, "count")).toEqual({ direction: 1, text: "up from 0 vs previous" });
  });
});

describe("previousPeriodGap", () => {
  it("compares only against a fully loaded previous period", () => {
    expect(previousPeriodGap({ previousDays: 30, previousLoadedDays: 30 })).toBeNull();
    expect(previousPeriodGap({ previousDays: 30, previousLoadedDays: 0 })).toBe(
      "no data in the previous period",
    );
    expect(previousPeriodGap({ previousDays: 30, previousLoadedDays: 2 })).toBe(
      "previous period only partly loaded (2 of 30 days)",
    );
  });
});
