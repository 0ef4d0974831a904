import { describe, expect, it } from "vitest";
import { INSIGHT_METRICS } from "./metrics";
import { SegmentIndex } from "./overlap";
import type { SegmentStats } from "./types";

/** Hand-made segment sizes: 1000 sessions; app v10 only ships on web; web is 200 sessions. */
function seg(segment: SegmentStats["segment"], sessions: number): SegmentStats {
  const metrics = Object.fromEntries(INSIGHT_METRICS.map((m) => [m, { sy: 0, se: sessions, sr2: 0 }]));
  return { segment, sessions, stallMs: 0, metrics: metrics as SegmentStats["metrics"] };
}

const stats = [
  seg({ device_type: "web" }, 200), // 0
  seg({ device_type: "tv" }, 800), // 1
  seg({ app_version: "v10" }, 120), // 2
  seg({ device_type: "web", app_version: "v10" }, 120), // 3: same sessions as 2
  seg({ country_code: "BR" }, 100), // 4
  seg({ device_type: "web", country_code: "BR" }, 20), // 5
  seg({ app_version: "v10", country_code: "BR" }, 12), // 6
  seg({ device_type: "tv", country_code: "BR" }, 80), // 7
  seg({ isp: "vivo" }, 50), // 8
  seg({ country_code: "BR", isp: "vivo" }, 5), // 9
  seg({ device_type: "web", isp: "vivo" }, 10), // 10
  seg({ device_type: "tv", isp: "vivo" }, 40), // 11
];
const sessions = Float64Array.from(stats, (s) => s.sessions);
const index = new SegmentIndex(stats, 1000);

describe("SegmentIndex", () => {
  it("learns implications from equal sizes and marks the pair as redundant", () => {
    expect(index.redundant[3]).toBe(1);
    expect([...index.redundant].filter((r) => r === 1)).toHaveLength(1);
    // v10 implies web, so it contradicts tv.
    expect(index.disjoint(2, 1)).toBe(true);
    expect(index.disjoint(2, 7)).toBe(true);
    expect(index.disjoint(2, 0)).toBe(false);
  });

  it("counts overlaps exactly when the intersection is a known segment", () => {
    expect(index.overlapMass(0, 4, sessions, 1000)).toBe(20); // web and BR
    expect(index.lastExact).toBe(true);
    expect(index.overlapMass(2, 5, sessions, 1000)).toBe(12); // v10 and (web, BR) = (v10, BR)
    expect(index.overlapMass(4, 9, sessions, 1000)).toBe(5); // parent and child
    expect(index.overlapMass(2, 11, sessions, 1000)).toBe(0); // v10 and (tv, vivo): contradiction
  });

  it("estimates three-way overlaps by independence given the shared condition", () => {
    // (web, BR) and (web, vivo): given web, BR (20/200) and vivo (10/200) -> 20 x 10 / 200 = 1.
    expect(index.overlapMass(5, 10, sessions, 1000)).toBeCloseTo(1, 12);
    expect(index.lastExact).toBe(false);
    // (tv, BR) and vivo share nothing: 80 x 50 / 1000 = 4.
    expect(index.overlapMass(7, 8, sessions, 1000)).toBeCloseTo(4, 12);
  });

  it("knows parents and baseline splits", () => {
    expect(index.parents(5).sort()).toEqual([0, 4]);
    expect(index.parents(4)).toEqual([]);
    expect([...index.extensions(4, "device_type")].sort()).toEqual([5, 7]);
    expect(index.indexOf({ country_code: "BR", isp: "vivo" })).toBe(9);
  });
});
