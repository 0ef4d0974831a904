import { CUBE_BUCKETS } from "../db/constants";
import {
  axisLabels,
  CHART_WAIT_MS,
  clickBarLabelled,
  openAndWait,
  SPEC_TIMEOUT_MS,
} from "./support/chart-interactions";
import { DEFAULT_WINDOW } from "./support/dataset";
import { expect, test } from "./support/fixtures";

/**
 * The median KPI is exact over the facts (rounded to 1 ms on screen) but may be answered from a
 * pre-aggregated startup histogram, which is exact to within one 50 ms bucket.
 */
const MEDIAN_TOLERANCE_MS = CUBE_BUCKETS.startupMs;

test.describe("startup", () => {
  test.describe.configure({ timeout: SPEC_TIMEOUT_MS });

  test("renders distribution, categories, percentiles and trends from the data", async ({
    dashboard,
    e2eSql,
  }) => {
    const startup = dashboard("/startup");
    await openAndWait(startup, {}, 6);
    const [{ p50 }] = await e2eSql.unsafe<{ p50: number }[]>(
      `select percentile_cont(0.5) within group (order by startup_time_ms)::float8 as p50
       from fact_playback_sessions f where ${DEFAULT_WINDOW}`,
    );
    expect(Math.abs((await startup.kpiNumber("medianStartupMs")) - p50)).toBeLessThanOrEqual(
      MEDIAN_TOLERANCE_MS,
    );

    // One bar per 250 ms bin up to 10 s plus the overflow bin.
    const histogram = startup.byTestId("startup-histogram-chart");
    await expect(histogram.locator(".barlayer .point")).toHaveCount(41);
    // Percentile bars: 5 percentiles × 4 device types; network order = slowest median first.
    await expect(
      startup.byTestId("startup-percentiles-device-chart").locator(".barlayer .point"),
    ).toHaveCount(20);
    const networks = await axisLabels(startup.byTestId("startup-percentiles-network-chart"), "x");
    expect(networks[0]).toBe("cellular_4g");
    expect(networks.at(-1)).toBe("ethernet");
    await expect(startup.byTestId("startup-hourly-chart").locator(".scatterlayer .trace")).not.toHaveCount(0);
    await startup.screenshot("startup");

    await startup.byTestId("startup-bin-width").getByRole("button", { name: "1 s" }).click();
    await expect(histogram.locator(".barlayer .point")).toHaveCount(11);
  });

  test("clicking a network's percentile bars filters the page by it", async ({ dashboard, e2eSql }) => {
    const startup = dashboard("/startup");
    await openAndWait(startup, { device: "mobile" }, 6);
    const before = await startup.kpiNumber("medianStartupMs");
    await clickBarLabelled(
      startup.page,
      startup.byTestId("startup-percentiles-network-chart"),
      "cellular_4g",
      "x",
    );
    await expect(startup.page).toHaveURL(/network=cellular_4g/);
    await expect(startup.page).toHaveURL(/device=mobile/);
    await startup.waitForCharts({ minCharts: 6, timeout: CHART_WAIT_MS });
    const [{ p50 }] = await e2eSql.unsafe<{ p50: number }[]>(
      `select percentile_cont(0.5) within group (order by startup_time_ms)::float8 as p50
       from fact_playback_sessions f join dim_device d using (device_key) join dim_network n using (network_key)
       where d.device_type = 'mobile' and n.network_type = 'cellular_4g' and ${DEFAULT_WINDOW}`,
    );
    await expect
      .poll(async () => Math.abs((await startup.kpiNumber("medianStartupMs")) - p50))
      .toBeLessThanOrEqual(MEDIAN_TOLERANCE_MS);
    expect(p50).toBeGreaterThan(before + MEDIAN_TOLERANCE_MS);
    await expect(
      startup.byTestId("startup-percentiles-network-chart").locator(".barlayer .point"),
    ).toHaveCount(5);
    await startup.screenshot("startup-mobile-4g");

    // Back undoes the click-to-filter, as it would a page change.
    await startup.page.goBack();
    await expect(startup.page).not.toHaveURL(/network=/);
    await expect(startup.page).toHaveURL(/device=mobile/);
    await expect.poll(() => startup.kpiNumber("medianStartupMs")).toBe(before);
  });

  test("a view choice (the histogram's bin width) is kept in the URL and restored from it", async ({
    dashboard,
  }) => {
    const startup = dashboard("/startup");
    await startup.goto({ device: "mobile" });
    const bins = startup.byTestId("startup-bin-width");
    await bins.getByRole("button", { name: "500 ms" }).click();
    await expect(startup.page).toHaveURL(/[?&]bin=500(&|$)/);
    await expect(startup.page).toHaveURL(/[?&]device=mobile(&|$)/);
    const url = startup.page.url();
    await startup.page.goto(url);
    await expect(bins.getByRole("button", { name: "500 ms" })).toHaveAttribute("aria-pressed", "true");
  });

  test("an invalid filter is named and ignored; the valid ones still apply", async ({ dashboard }) => {
    const startup = dashboard("/startup");
    await startup.goto({ device: "toaster", network: "wifi" });
    await expect(startup.byTestId("filter-error")).toContainText(
      '"device" must be one of smart_tv, mobile, web, tablet',
    );
    await expect(startup.byTestId("filter-network").locator("summary")).toHaveAccessibleName("Network: wifi");
    await expect(startup.byTestId("filter-device").locator("summary")).toHaveAccessibleName("Device: All");
    await expect(startup.byTestId("startup-histogram-panel").getByTestId("panel-error")).toHaveCount(0);
    await expect(startup.byTestId("startup-histogram-panel").locator(".js-plotly-plot")).toBeVisible();
    // The next change keeps the valid filter and drops the invalid one from the URL.
    await startup.page.getByTestId("date-preset").selectOption("7");
    await expect(startup.page).toHaveURL(/network=wifi/);
    await expect(startup.page).not.toHaveURL(/device=/);
    await expect(startup.byTestId("filter-error")).toHaveCount(0);
  });
});
