import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveFilters } from "@/lib/api/resolveFilters";
import { type ResolvedFilters, shiftDate } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { BITRATE_BUCKET_KBPS, STARTUP_BUCKET_MS } from "../cube/definition";
import { getBitrateBreakdown } from "./bitrate/getBitrateBreakdown";
import { getBitrateHistogram } from "./bitrate/getBitrateHistogram";
import { getQualityScoreDistribution } from "./bitrate/getQualityScoreDistribution";
import { getResolutionMix } from "./bitrate/getResolutionMix";
import { getResolutionTrend } from "./bitrate/getResolutionTrend";
import { getCountryBreakdown } from "./countries/getCountryBreakdown";
import { getCountrySummary } from "./countries/getCountrySummary";
import { getDeviceBreakdown } from "./devices/getDeviceBreakdown";
import { getDeviceSummary } from "./devices/getDeviceSummary";
import { getContentMix } from "./engagement/getContentMix";
import { getDeviceMix } from "./engagement/getDeviceMix";
import { getHourlyUsage } from "./engagement/getHourlyUsage";
import { getQualityTierWatchTime } from "./engagement/getQualityTierWatchTime";
import { getWeekdayWeekend } from "./engagement/getWeekdayWeekend";
import { sourceFor } from "./filters";
import { getDailyQualityTrend } from "./overview/getDailyQualityTrend";
import { getKpis } from "./overview/getKpis";
import { getQualityDistribution } from "./overview/getQualityDistribution";
import { getWorstCountries } from "./overview/getWorstCountries";
import { getWorstDevices } from "./overview/getWorstDevices";
import { getRebufferBreakdown } from "./rebuffering/getRebufferBreakdown";
import { getRebufferHeatmap } from "./rebuffering/getRebufferHeatmap";
import { getRebufferTrend } from "./rebuffering/getRebufferTrend";
import { getSeverityMix } from "./rebuffering/getSeverityMix";
import { getTopStallContent } from "./rebuffering/getTopStallContent";
import { getStartupCategories } from "./startup/getStartupCategories";
import { getStartupHistogram } from "./startup/getStartupHistogram";
import { getStartupPercentiles } from "./startup/getStartupPercentiles";
import { getStartupTrend } from "./startup/getStartupTrend";
import { expectRowsClose } from "./testSupport";

/**
 * Every dashboard query answers the same from the cube as from the facts (QOE_CUBE=off), over the
 * bench's filter combinations: sums exactly (float order aside), percentiles within one bucket.
 */

const STARTUP = STARTUP_BUCKET_MS;
const tolerance = {
  medianStartupMs: STARTUP,
  p95StartupMs: STARTUP,
  p50: STARTUP,
  p75: STARTUP,
  p90: STARTUP,
  p95: STARTUP,
  p99: STARTUP,
  medianBitrateKbps: BITRATE_BUCKET_KBPS,
};

/** Percentile-ordered lists may swap groups whose percentiles are within a bucket: compare as sets. */
function canonical(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const label = (row: unknown) =>
    JSON.stringify(
      Object.entries(row as Record<string, unknown>).filter(
        ([k, v]) => typeof v === "string" || typeof v === "boolean" || k === "hour" || k === "start",
      ),
    );
  return [...value].sort((a, b) => label(a).localeCompare(label(b)));
}

let wh: TestWarehouse;
let combos: [string, ResolvedFilters][];

beforeAll(async () => {
  wh = await loadTestWarehouse({ sessions: 4000, seed: 41, prefix: "cube_parity" });
  const all = await resolveFilters({}, wh.db);
  combos = [
    ["default range", all],
    ["last 7 days", { ...all, from: shiftDate(all.to, -6) }],
    ["device", { ...all, device: ["smart_tv"] }],
    ["country", { ...all, country: ["BR"] }],
    ["network", { ...all, network: ["cellular_4g"] }],
    ["device+country", { ...all, device: ["mobile"], country: ["BR"] }],
    ["isp+country", { ...all, country: ["BR"], isp: ["vodafone"] }],
    ["content", { ...all, content: ["content_42"] }],
    ["osVersion", { ...all, osVersion: ["iOS 15.3"] }],
    ["app", { ...all, app: ["v8.6.0"] }],
    ["two devices, two countries", { ...all, device: ["web", "tablet"], country: ["US", "DE"] }],
  ];
});
afterAll(async () => {
  await wh?.drop();
});
afterEach(() => {
  delete process.env.QOE_CUBE;
});

const QUERIES: [string, (f: ResolvedFilters) => Promise<unknown>, Record<string, number>?][] = [
  ["kpis", (f) => getKpis(f, wh.db)],
  ["daily trend", (f) => getDailyQualityTrend(f, wh.db)],
  ["quality distribution", (f) => getQualityDistribution(f, wh.db)],
  ["worst countries", (f) => getWorstCountries(f, wh.db)],
  ["worst devices", (f) => getWorstDevices(f, wh.db)],
  ["startup categories", (f) => getStartupCategories(f, wh.db)],
  ["startup histogram", (f) => getStartupHistogram(f, { binMs: 250 }, wh.db)],
  ["startup percentiles by network", (f) => getStartupPercentiles(f, { by: "network" }, wh.db)],
  ["startup trend by day", (f) => getStartupTrend(f, { grain: "day" }, wh.db), { value: STARTUP }],
  ["startup trend by hour", (f) => getStartupTrend(f, { grain: "hour" }, wh.db), { value: STARTUP }],
  ["rebuffer breakdown", (f) => getRebufferBreakdown(f, { by: "device" }, wh.db)],
  ["rebuffer heatmap", (f) => getRebufferHeatmap(f, wh.db)],
  ["rebuffer trend by hour", (f) => getRebufferTrend(f, { grain: "hour" }, wh.db)],
  ["severity mix", (f) => getSeverityMix(f, wh.db)],
  ["top stall content", (f) => getTopStallContent(f, { limit: 10 }, wh.db)],
  ["bitrate breakdown", (f) => getBitrateBreakdown(f, { by: "device" }, wh.db)],
  ["bitrate histogram", (f) => getBitrateHistogram(f, { binKbps: 500 }, wh.db)],
  ["quality scores", (f) => getQualityScoreDistribution(f, wh.db)],
  ["resolution mix", (f) => getResolutionMix(f, { by: "network" }, wh.db)],
  ["resolution trend", (f) => getResolutionTrend(f, wh.db)],
  ["country summary", (f) => getCountrySummary(f, wh.db)],
  ["country breakdown by ISP x PoP", (f) => getCountryBreakdown(f, "BR", "ispPop", wh.db)],
  ["device summary", (f) => getDeviceSummary(f, wh.db)],
  ["device breakdown by OS version", (f) => getDeviceBreakdown(f, "mobile", "osVersion", wh.db)],
  ["device breakdown by app", (f) => getDeviceBreakdown(f, "smart_tv", "app", wh.db)],
  ["content mix", (f) => getContentMix(f, wh.db)],
  ["device mix", (f) => getDeviceMix(f, wh.db)],
  ["hourly usage", (f) => getHourlyUsage(f, wh.db)],
  ["quality tier watch time", (f) => getQualityTierWatchTime(f, wh.db)],
  ["weekday vs weekend", (f) => getWeekdayWeekend(f, wh.db)],
];

describe("cube and facts give the same answers", () => {
  it.each(QUERIES)("%s", async (_name, query, extra) => {
    for (const [comboName, filters] of combos) {
      const fromCube = await query(filters);
      process.env.QOE_CUBE = "off";
      const fromFacts = await query(filters);
      delete process.env.QOE_CUBE;
      expectRowsClose(canonical(fromCube), canonical(fromFacts), comboName, { ...tolerance, ...extra });
    }
  });

  it("reads the cube for most combinations (the test would be vacuous otherwise)", () => {
    const paths = combos.map(([, f]) => sourceFor(f, ["device"], ["startup"]).path);
    expect(paths.filter((p) => p === "cube").length).toBeGreaterThanOrEqual(7);
    process.env.QOE_CUBE = "off";
    expect(sourceFor(combos[0][1], ["device"], ["startup"]).path).toBe("facts");
  });
});
