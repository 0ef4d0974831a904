import { UAParser } from "ua-parser-js";
import { describe, expect, it } from "vitest";
import { DEVICE_TYPES } from "../../db/constants";
import { APP_VERSIONS, KNOWN_OS_NAMES, KNOWN_OS_VERSIONS, UA_CATALOG } from "./catalog";

const entries = DEVICE_TYPES.flatMap((device) => UA_CATALOG[device].map((entry) => ({ device, entry })));

describe("UA catalog", () => {
  it.each(entries.map(({ device, entry }) => [device, entry.ua, entry] as const))(
    "%s: ua-parser-js parses %s to the recorded values",
    (_device, ua, entry) => {
      const parser = new UAParser(ua);
      const os = parser.getOS();
      const browser = parser.getBrowser();
      const device = parser.getDevice();
      expect({ name: os.name, version: os.version }).toEqual({
        name: entry.os.name,
        version: entry.os.version,
      });
      expect({ name: browser.name, version: browser.version }).toEqual({
        name: entry.browser.name,
        version: entry.browser.version,
      });
      expect({ vendor: device.vendor, model: device.model, type: device.type }).toEqual({
        vendor: entry.device.vendor,
        model: entry.device.model,
        type: entry.device.type,
      });
    },
  );

  it("gives every user agent an OS name, and only ASCII characters (the CSV is written as latin1)", () => {
    for (const { entry } of entries) {
      expect(entry.os.name).toBeTruthy();
      expect(entry.ua).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("uses user agents that fit the device type (ua-parser's device type agrees where it has one)", () => {
    const fits: Record<string, Array<string | undefined>> = {
      smart_tv: ["smarttv"],
      mobile: ["mobile"],
      tablet: ["tablet"],
      web: [undefined],
    };
    for (const { device, entry } of entries) expect(fits[device]).toContain(entry.device.type);
  });

  it("weights each device type's user agents and app versions to 100", () => {
    for (const device of DEVICE_TYPES) {
      expect(UA_CATALOG[device].reduce((sum, e) => sum + e.weight, 0)).toBeCloseTo(100, 6);
      expect(APP_VERSIONS[device].reduce((sum, [, w]) => sum + w, 0)).toBeCloseTo(100, 6);
    }
  });

  it("makes the newest app version the most common one on every device type", () => {
    const semver = (v: string) => v.slice(1).split(".").map(Number);
    for (const device of DEVICE_TYPES) {
      const list = APP_VERSIONS[device];
      for (const [version] of list) expect(version).toMatch(/^v\d+\.\d+\.\d+$/);
      const newest = [...list].sort(([a], [b]) => {
        const [x, y] = [semver(a), semver(b)];
        return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!;
      })[0]!;
      expect(Math.max(...list.map(([, w]) => w))).toBe(newest[1]);
    }
  });

  it("makes iOS 15.3 a real slice of mobile iOS (10-15%), so the default fault hits hundreds at 100k", () => {
    const ios = UA_CATALOG.mobile.filter((e) => e.os.name === "iOS");
    const iosWeight = ios.reduce((sum, e) => sum + e.weight, 0);
    const ios153 = ios.filter((e) => e.os.version === "15.3").reduce((sum, e) => sum + e.weight, 0);
    expect(ios153 / iosWeight).toBeGreaterThan(0.1);
    expect(ios153 / iosWeight).toBeLessThan(0.15);
    // Also present on iPads, so only the device type separates the faulty segment.
    expect(UA_CATALOG.tablet.some((e) => e.os.name === "iOS" && e.os.version === "15.3")).toBe(true);
    // Several iOS and Android versions, incl. 16.x and 17.x.
    expect(new Set(ios.map((e) => e.os.version!.split(".")[0])).size).toBeGreaterThanOrEqual(4);
    const android = UA_CATALOG.mobile.filter((e) => e.os.name === "Android");
    expect(new Set(android.map((e) => e.os.version)).size).toBeGreaterThanOrEqual(4);
  });

  it("lists the known OS names and versions for fault validation", () => {
    expect(KNOWN_OS_NAMES).toEqual(
      expect.arrayContaining(["iOS", "Android", "Tizen", "webOS", "Windows", "Mac OS", "Linux"]),
    );
    expect(KNOWN_OS_VERSIONS).toContain("15.3");
  });
});
