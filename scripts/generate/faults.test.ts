import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "./errors";
import { applyFaults, DEFAULT_FAULTS, type Fault, loadFaultFile, parseFaults } from "./faults";
import { finalizeSession, type Session, sampleSession } from "./model";
import { Rng } from "./prng";

const SLOT = { timestamp: "2025-01-01 20:00:00.000000", hour: 20, dayOfWeek: 2 };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

const valid: Fault = {
  name: "slow_tizen",
  segment: { os_name: "Tizen", os_version: "6.5" },
  metric: "startup_time_ms",
  effect: { multiply: 1.5 },
};

describe("fault file validation", () => {
  it("accepts the default faults and a valid custom list", () => {
    expect(parseFaults(DEFAULT_FAULTS, "x")).toEqual(DEFAULT_FAULTS);
    expect(parseFaults([valid], "x")).toEqual([valid]);
  });

  it.each([
    ["not an array", { name: "x" }, /expected array/],
    ["unknown metric", [{ ...valid, metric: "latency" }], /\[0\]\.metric/],
    [
      "unknown segment dimension",
      [{ ...valid, segment: { os: "iOS" } }],
      /\[0\]\.segment.*Unrecognized key.*"os"/,
    ],
    ["empty segment", [{ ...valid, segment: {} }], /\[0\]\.segment: needs at least one of device_type/],
    [
      "OS not in the catalog",
      [{ ...valid, segment: { os_name: "Symbian" } }],
      /\[0\]\.segment\.os_name.*"iOS"/,
    ],
    ["bad device type", [{ ...valid, segment: { device_type: "console" } }], /\[0\]\.segment\.device_type/],
    [
      "content id out of range",
      [{ ...valid, segment: { content_id: "content_1001" } }],
      /content_1 \.\. content_1000/,
    ],
    ["bad cdn pop", [{ ...valid, segment: { cdn_pop: "BR-9" } }], /\[0\]\.segment\.cdn_pop/],
    ["empty effect", [{ ...valid, effect: {} }], /\[0\]\.effect: needs at least one of multiply, add, rate/],
    ["negative multiply", [{ ...valid, effect: { multiply: -1 } }], /\[0\]\.effect\.multiply: must be >= 0/],
    [
      "rate on a non-failure metric",
      [{ ...valid, effect: { rate: 0.5 } }],
      /\[0\]\.effect\.rate: "rate" only applies/,
    ],
    [
      "rate above 1",
      [{ ...valid, metric: "video_start_failure", effect: { rate: 2 } }],
      /\[0\]\.effect\.rate/,
    ],
    ["missing name", [{ segment: valid.segment, metric: valid.metric, effect: valid.effect }], /\[0\]\.name/],
    ["duplicate names", [valid, valid], /\[1\]\.name: duplicate fault name "slow_tizen"/],
  ])("rejects %s with a message naming the field", (_label, value, message) => {
    expect(errorOf(() => parseFaults(value, "faults.json"))).toMatch(message);
  });

  it("reports unreadable and non-JSON fault files clearly", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "faults-"));
    await expect(loadFaultFile(path.join(dir, "missing.json"))).rejects.toThrow(
      /cannot read fault file .*ENOENT/,
    );
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "[{ not json");
    await expect(loadFaultFile(bad)).rejects.toThrow(/is not valid JSON/);
    const good = path.join(dir, "good.json");
    writeFileSync(good, JSON.stringify([valid]));
    await expect(loadFaultFile(good)).resolves.toEqual([valid]);
  });
});

/** Draws sessions until one satisfies `want` (deterministic: fixed seed). */
function findSession(want: (s: Session) => boolean): Session {
  const rng = new Rng(77);
  for (let i = 0; i < 200_000; i++) {
    const s = sampleSession(rng, SLOT);
    if (want(s)) return s;
  }
  throw new Error("no matching session drawn");
}

describe("fault effects", () => {
  it("doubles iOS 15.3 startup on mobile but not on iPads", () => {
    const phone = findSession((s) => s.deviceType === "mobile" && s.ua.os.version === "15.3");
    const before = phone.startupMs;
    applyFaults(DEFAULT_FAULTS, phone);
    expect(phone.startupMs).toBeCloseTo(before * 2, 9);
    const tablet = findSession((s) => s.deviceType === "tablet" && s.ua.os.version === "15.3");
    const tabletBefore = tablet.startupMs;
    applyFaults(DEFAULT_FAULTS, tablet);
    expect(tablet.startupMs).toBe(tabletBefore);
  });

  it("triples rebuffer count and duration for content_42 on smart TVs", () => {
    const s = findSession(
      (x) => x.deviceType === "smart_tv" && x.contentId === "content_42" && x.rebufferCount > 0,
    );
    const [count, duration] = [s.rebufferCount, s.rebufferDurationMs];
    applyFaults(DEFAULT_FAULTS, s);
    expect([s.rebufferCount, s.rebufferDurationMs]).toEqual([count * 3, duration * 3]);
  });

  it("adds 1500 ms startup for vodafone in BR only", () => {
    const br = findSession((s) => s.countryCode === "BR" && s.isp === "vodafone" && s.deviceType === "web");
    const before = br.startupMs;
    applyFaults(DEFAULT_FAULTS, br);
    expect(br.startupMs).toBeCloseTo(before + 1500, 9);
    const other = findSession(
      (s) => s.countryCode === "GB" && s.isp === "vodafone" && s.deviceType === "web",
    );
    const otherBefore = other.startupMs;
    applyFaults(DEFAULT_FAULTS, other);
    expect(other.startupMs).toBe(otherBefore);
  });

  it("counts affected sessions per fault", () => {
    const rng = new Rng(5);
    const affected = new Float64Array(DEFAULT_FAULTS.length);
    let expected = 0;
    for (let i = 0; i < 5000; i++) {
      const s = sampleSession(rng, SLOT);
      if (s.countryCode === "BR" && s.isp === "vodafone") expected += 1;
      applyFaults(DEFAULT_FAULTS, s, affected);
    }
    expect(affected[2]).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it("sets a start-failure probability with rate, then applies it through the session's own draw", () => {
    const fault: Fault = {
      name: "all_fail",
      segment: { network_type: "cellular_4g" },
      metric: "video_start_failure",
      effect: { rate: 1 },
    };
    const s = findSession((x) => x.networkType === "cellular_4g");
    applyFaults([fault], s);
    finalizeSession(s);
    expect(s.videoStartFailure).toBe(1);
    expect(s.errorOccurred).toBe(1);
    const never = { ...fault, effect: { multiply: 0 } };
    const t = findSession((x) => x.networkType === "cellular_4g");
    applyFaults([never], t);
    finalizeSession(t);
    expect(t.videoStartFailure).toBe(0);
  });

  it("adds whole mean-length stalls for rebuffering add, and clips results into the ETL's ranges", () => {
    const fault: Fault = {
      name: "storm",
      segment: { device_type: "web" },
      metric: "rebuffering",
      effect: { add: 500 },
    };
    const s = findSession((x) => x.deviceType === "web");
    applyFaults([fault], s);
    finalizeSession(s);
    expect(s.rebufferCount).toBe(100);
    expect(s.rebufferDurationMs).toBe(Math.min(600_000, s.sessionDurationSec * 1000));
    const slow: Fault = {
      name: "slow",
      segment: { device_type: "web" },
      metric: "startup_time_ms",
      effect: { add: 1e6 },
    };
    const t = findSession((x) => x.deviceType === "web");
    applyFaults([slow], t);
    finalizeSession(t);
    expect(t.startupMs).toBe(30_000);
  });
});
