import { describe, expect, it } from "vitest";
import { DEFAULT_FAULTS, type Fault } from "../../scripts/generate/faults";
import { findingSegmentOf, rankOfFault, unmatchedFindings } from "./groundTruth";
import { analyzeSessions, simulateSessions } from "./simulate";

/**
 * The engine on sessions from the real generator model (no database): injected faults are found
 * at their exact segment and clean data yields nothing. The database passes are checked against the same
 * reference in db/queries/insights/*.test.ts.
 */

const SESSIONS = 40_000;

describe("ground-truth mapping", () => {
  it("writes OS versions the dashboard way and drops the implied OS name", () => {
    expect(findingSegmentOf({ device_type: "mobile", os_name: "iOS", os_version: "15.3" })).toEqual({
      device_type: "mobile",
      os_version: "iOS 15.3",
    });
    expect(findingSegmentOf({ os_version: "10" })).toBeNull();
    expect(findingSegmentOf({ country_code: "BR", isp: "vodafone" })).toEqual({
      country_code: "BR",
      isp: "vodafone",
    });
  });
});

describe.each([3, 17])("default faults, seed %i", (seed) => {
  const result = analyzeSessions(simulateSessions(SESSIONS, seed, "default"));

  it.each(DEFAULT_FAULTS.map((f) => [f.name, f] as const))(
    "finds %s in the top 5 at its exact segment",
    (_, fault) => {
      const rank = rankOfFault(fault, result.findings);
      expect(rank, JSON.stringify(result.findings.map((f) => [f.metric, f.segment]))).not.toBeNull();
      expect(rank!).toBeLessThanOrEqual(5);
    },
  );

  it("reports nothing else", () => {
    expect(unmatchedFindings(DEFAULT_FAULTS, result.findings).map((f) => f.summary)).toEqual([]);
  });
});

describe("no faults", () => {
  it.each([5, 23])("seed %i: nothing passes the significance bar", (seed) => {
    const result = analyzeSessions(simulateSessions(SESSIONS, seed, "none"));
    expect(result.findings.map((f) => f.summary)).toEqual([]);
    expect(result.hypothesesTested).toBeGreaterThan(1000);
  });
});

describe("faults it was not tuned for", () => {
  const custom: Fault[] = [
    {
      name: "de3_bitrate",
      segment: { cdn_pop: "DE-3" },
      metric: "bitrate_kbps",
      effect: { multiply: 0.6 },
    },
    {
      name: "web_app_startup",
      segment: { device_type: "web", app_version: "v10.21.3" },
      metric: "startup_time_ms",
      effect: { multiply: 1.4 },
    },
    {
      name: "in_5g_rebuffering",
      segment: { network_type: "cellular_5g", country_code: "IN" },
      metric: "rebuffering",
      effect: { multiply: 2 },
    },
    {
      name: "att_slow_startup",
      segment: { isp: "att" },
      metric: "startup_time_ms",
      effect: { add: 300 },
    },
    {
      name: "android_failures",
      segment: { os_name: "Android", country_code: "MX" },
      metric: "video_start_failure",
      effect: { rate: 0.05 },
    },
  ];
  const rows = simulateSessions(SESSIONS, 41, custom);
  const result = analyzeSessions(rows);

  it("finds a broad one-dimension fault as that dimension, not as its splits", () => {
    expect(rankOfFault(custom[0]!, result.findings)).not.toBeNull();
  });

  it("maps a segment whose one side implies the other to the simpler segment", () => {
    // v10.21.3 only ships on web: the finding is the app version alone.
    const alone = { ...custom[1]!, segment: { app_version: "v10.21.3" } };
    expect(rankOfFault(alone, result.findings)).not.toBeNull();
  });

  it("finds a network x country interaction although network is a baseline dimension", () => {
    expect(rankOfFault(custom[2]!, result.findings)).not.toBeNull();
  });

  it("finds start-failure faults", () => {
    expect(rankOfFault(custom[4]!, result.findings)).not.toBeNull();
  });

  it("reports an additive fault as its segment, not as its low-baseline splits (ISP on ethernet)", () => {
    expect(rankOfFault(custom[3]!, result.findings)).not.toBeNull();
    expect(result.findings.filter((f) => f.segment.isp === "att").map((f) => f.segment)).toEqual([
      { isp: "att" },
    ]);
  });

  it("reports nothing else", () => {
    const truth = [custom[0]!, { ...custom[1]!, segment: { app_version: "v10.21.3" } }, ...custom.slice(2)];
    expect(unmatchedFindings(truth, result.findings).map((f) => f.summary)).toEqual([]);
  });

  it("keeps each finding at its granularity inside a filtered subset (one country)", () => {
    // Inside Brazil the ISP and app-version faults remain; 5G-in-India and DE-3 are elsewhere.
    const brazil = analyzeSessions(rows.filter((r) => r.dims.country_code === "BR"));
    expect(brazil.findings.map((f) => f.segment)).toEqual(
      expect.arrayContaining([{ isp: "att" }, { app_version: "v10.21.3" }]),
    );
    expect(brazil.findings.map((f) => f.summary)).toHaveLength(2);
  });
});

describe("materiality floor", () => {
  const rows = simulateSessions(SESSIONS, 3, "default");

  it("drops findings below the minimum share of the metric's total harm, and only those", () => {
    const all = analyzeSessions(rows, { minImpactShare: 0 });
    const floor = 0.001;
    const kept = analyzeSessions(rows, { minImpactShare: floor });
    const expected = all.findings.filter((f) => f.impactShare >= floor).map((f) => f.summary);
    expect(all.findings.length).toBeGreaterThan(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    expect(kept.findings.map((f) => f.summary)).toEqual(expected);
  });
});
