import { DEVICE_TYPES } from "../db/constants";
import {
  axisLabels,
  CHART_WAIT_MS,
  clickBarLabelled,
  openAndWait,
  SPEC_TIMEOUT_MS,
} from "./support/chart-interactions";
import { DEFAULT_WINDOW } from "./support/dataset";
import { expect, test } from "./support/fixtures";

test.describe("bitrate", () => {
  test.describe.configure({ timeout: SPEC_TIMEOUT_MS });

  test("renders distribution, quality score, resolution mix and breakdowns from the data", async ({
    dashboard,
    e2eSql,
  }) => {
    const bitrate = dashboard("/bitrate");
    await openAndWait(bitrate, {}, 6);
    const [{ kbps }] = await e2eSql.unsafe<{ kbps: number }[]>(
      `select avg(avg_bitrate_kbps)::float8 as kbps from fact_playback_sessions f where ${DEFAULT_WINDOW}`,
    );
    // Shown in Mbps with one decimal.
    expect(await bitrate.kpiNumber("avgBitrateKbps")).toBe(Number((kbps / 1000).toFixed(1)));
    await expect(bitrate.byTestId("bitrate-histogram-chart").locator(".barlayer .point")).toHaveCount(31);
    // Four resolutions stacked over time, five quality-score slices.
    await expect(bitrate.byTestId("resolution-trend-chart").locator(".scatterlayer .trace")).toHaveCount(4);
    await expect(bitrate.byTestId("quality-score-chart").locator(".slice")).toHaveCount(5);
    const networks = await axisLabels(bitrate.byTestId("bitrate-network-chart"), "x");
    expect(networks[0]).toBe("cellular_4g");
    await bitrate.screenshot("bitrate");

    await bitrate.byTestId("resolution-mix-by").getByRole("button", { name: "Device" }).click();
    await expect
      .poll(async () => (await axisLabels(bitrate.byTestId("resolution-mix-chart"), "y")).sort())
      .toEqual([...DEVICE_TYPES].sort());
  });

  test("clicking a network bar filters the page by that network", async ({ dashboard, e2eSql }) => {
    const bitrate = dashboard("/bitrate");
    await openAndWait(bitrate, {}, 6);
    await clickBarLabelled(bitrate.page, bitrate.byTestId("bitrate-network-chart"), "ethernet", "x");
    await expect(bitrate.page).toHaveURL(/[?&]network=ethernet/);
    await bitrate.waitForCharts({ minCharts: 6, timeout: CHART_WAIT_MS });
    const [{ kbps }] = await e2eSql.unsafe<{ kbps: number }[]>(
      `select avg(avg_bitrate_kbps)::float8 as kbps from fact_playback_sessions f
       join dim_network n using (network_key) where n.network_type = 'ethernet' and ${DEFAULT_WINDOW}`,
    );
    await expect.poll(() => bitrate.kpiNumber("avgBitrateKbps")).toBe(Number((kbps / 1000).toFixed(1)));
    await expect.poll(() => axisLabels(bitrate.byTestId("bitrate-network-chart"), "x")).toEqual(["ethernet"]);
    await bitrate.screenshot("bitrate-ethernet");
  });
});
