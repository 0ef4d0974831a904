import { DEVICE_TYPES } from "../db/constants";
import {
  axisLabels,
  CHART_WAIT_MS,
  clickBarLabelled,
  clickHeatmapCell,
  openAndWait,
  SPEC_TIMEOUT_MS,
} from "./support/chart-interactions";
import { DEFAULT_WINDOW } from "./support/dataset";
import { expect, parseDisplayedNumber, test } from "./support/fixtures";

function contentRows(page: { byTestId: (id: string) => import("@playwright/test").Locator }) {
  return page.byTestId("rebuffer-content-table").getByTestId("table-row");
}

test.describe("rebuffering", () => {
  test.describe.configure({ timeout: SPEC_TIMEOUT_MS });

  test("renders trends, severity, breakdowns, heatmap and top content from the data", async ({
    dashboard,
    e2eSql,
  }) => {
    const rebuffering = dashboard("/rebuffering");
    await openAndWait(rebuffering, {}, 7);
    const [{ ratio }] = await e2eSql.unsafe<{ ratio: number }[]>(
      `select avg(rebuffer_ratio)::float8 as ratio from fact_playback_sessions f where ${DEFAULT_WINDOW}`,
    );
    expect(await rebuffering.kpiNumber("rebufferRatio")).toBe(Number(ratio.toFixed(2)));

    const top = await e2eSql.unsafe<{ content_id: string }[]>(
      `select c.content_id from fact_playback_sessions f join dim_content c using (content_key)
       where ${DEFAULT_WINDOW} group by 1 order by sum(rebuffer_duration_ms) desc, 1 limit 10`,
    );
    await expect(contentRows(rebuffering)).toHaveCount(10);
    expect(
      (await contentRows(rebuffering).locator("td:first-child").allInnerTexts()).map((t) => t.trim()),
    ).toEqual(top.map((t) => t.content_id));
    const networks = await axisLabels(rebuffering.byTestId("rebuffer-network-chart"), "y");
    expect(networks[0]).toBe("cellular_4g");
    await expect(rebuffering.byTestId("rebuffer-heatmap-chart").locator(".hm")).toHaveCount(1);
    await rebuffering.screenshot("rebuffering");
  });

  test("clicking a device bar filters every panel by that device", async ({ dashboard, e2eSql }) => {
    const rebuffering = dashboard("/rebuffering");
    await openAndWait(rebuffering, {}, 7);
    await clickBarLabelled(rebuffering.page, rebuffering.byTestId("rebuffer-device-chart"), "smart_tv", "y");
    await expect(rebuffering.page).toHaveURL(/[?&]device=smart_tv/);
    await rebuffering.waitForCharts({ minCharts: 7, timeout: CHART_WAIT_MS });
    await expect
      .poll(() => axisLabels(rebuffering.byTestId("rebuffer-device-chart"), "y"))
      .toEqual(["smart_tv"]);
    const [top] = await e2eSql.unsafe<{ content_id: string; sessions: number }[]>(
      `select c.content_id, count(*)::int as sessions from fact_playback_sessions f
       join dim_content c using (content_key) join dim_device d using (device_key)
       where d.device_type = 'smart_tv' and ${DEFAULT_WINDOW}
       group by 1 order by sum(rebuffer_duration_ms) desc, 1 limit 1`,
    );
    const first = contentRows(rebuffering).first();
    await expect(first.locator("td").first()).toHaveText(top.content_id);
    expect(parseDisplayedNumber((await first.locator("td").nth(3).textContent()) ?? "")).toBe(top.sessions);
  });

  test("heatmap cells and content rows add their filters", async ({ dashboard }) => {
    const rebuffering = dashboard("/rebuffering");
    await openAndWait(rebuffering, { network: "wifi" }, 7);
    // Rows are the device types present, in DEVICE_TYPES order from the top; click hour 20 of the second.
    await clickHeatmapCell(rebuffering.page, rebuffering.byTestId("rebuffer-heatmap-chart"), {
      column: 20,
      row: 1,
      columns: 24,
      rows: DEVICE_TYPES.length,
    });
    await expect(rebuffering.page).toHaveURL(new RegExp(`device=${DEVICE_TYPES[1]}`));
    await expect(rebuffering.page).toHaveURL(/network=wifi/);
    await rebuffering.waitForCharts({ minCharts: 7, timeout: CHART_WAIT_MS });

    const row = contentRows(rebuffering).first();
    const content = ((await row.locator("td").first().textContent()) ?? "").trim();
    await row.getByRole("button").click();
    await expect(rebuffering.page).toHaveURL(new RegExp(`content=${content}(&|$)`));
    await rebuffering.waitForCharts({ minCharts: 7, timeout: CHART_WAIT_MS });
    await expect(contentRows(rebuffering)).toHaveCount(1);
    await rebuffering.screenshot("rebuffering-drilled");
  });
});
