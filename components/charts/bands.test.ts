import { describe, expect, it } from "vitest";
import { metric } from "@/db/metrics";
import { colorByBand, MIXED_BIN_COLOR } from "./bands";

describe("colorByBand", () => {
  const colors: Record<string, string> = {
    "10": "red",
    "25": "orange",
    "50": "yellow",
    "75": "lime",
    "100": "green",
  };
  const colorOf = colorByBand((kbps) => String(metric.qualityScore(kbps)), colors);

  it("colours a bin inside one band with that band's colour", () => {
    expect(colorOf({ start: 0, end: 1000, sessions: 1 })).toBe(colors[String(metric.qualityScore(0))]);
    expect(colorOf({ start: 20000, end: null, sessions: 1 })).toBe(
      colors[String(metric.qualityScore(20000))],
    );
  });

  it("does not paint a bin that straddles a threshold with its start's colour", () => {
    // 0-2000 kbps holds sessions scoring 10 (< 1000) and 25 (1000-2999).
    expect(metric.qualityScore(0)).not.toBe(metric.qualityScore(1999));
    expect(colorOf({ start: 0, end: 2000, sessions: 1 })).toBe(MIXED_BIN_COLOR);
  });
});
