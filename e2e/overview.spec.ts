import {
  axisLabels,
  CHART_WAIT_MS,
  clickBarLabelled,
  openAndWait,
  SPEC_TIMEOUT_MS,
} from "./support/chart-interactions";
import { DEFAULT_WINDOW } from "./support/dataset";
import { expect, parseDisplayedNumber, test } from "./support/fixtures";

test.describe("overview", () => {
  test.describe.configure({ timeout: SPEC_TIMEOUT_MS });

  test("renders KPIs, trend, quality donut and worst-of lists with the database's numbers", async ({
    dashboard,
    e2eSql,
  }) => {
    const overview = dashboard("/");
    await openAndWait(overview, {}, 4);
    const [{ sessions }] = await e2eSql.unsafe<{ sessions: number }[]>(
      `select count(*)::int as sessions from fact_playback_sessions f where ${DEFAULT_WINDOW}`,
    );
    expect(await overview.kpiNumber("sessions")).toBe(sessions);

    const donut = overview.byTestId("quality-distribution-chart");
    await expect(donut.locator(".main-svg").first()).toBeVisible();
    expect(parseDisplayedNumber((await donut.locator(".annotation-text").first().textContent()) ?? "")).toBe(
      sessions,
    );

    // Worst country first in the table and on top of the bar chart.
    const [worst] = await e2eSql.unsafe<{ country_code: string; country_name: string }[]>(
      `select g.country_code, min(g.country_name) as country_name from fact_playback_sessions f
       join dim_geography g using (geo_key) where ${DEFAULT_WINDOW}
       group by 1 order by avg(f.overall_qoe_score), 1 limit 1`,
    );
    const firstRow = overview.byTestId("worst-countries-table").getByTestId("table-row").first();
    await expect(firstRow).toContainText(worst.country_name);
    expect((await axisLabels(overview.byTestId("worst-countries-chart"), "y"))[0]).toBe(worst.country_code);
    await expect(overview.byTestId("worst-devices-table").getByTestId("table-row")).toHaveCount(4);
    await expect(overview.page.getByRole("region", { name: "Top issues" }).first()).toBeVisible();

    await overview.screenshot("overview");
    await overview.page.emulateMedia({ colorScheme: "dark" });
    await overview.waitForCharts({ minCharts: 4, timeout: CHART_WAIT_MS });
    await overview.screenshot("overview-dark");
  });

  test("a filter from the filter bar changes the numbers and the URL", async ({ dashboard, e2eSql }) => {
    const overview = dashboard("/");
    await openAndWait(overview, {}, 4);
    const before = await overview.kpiNumber("sessions");
    await overview.byTestId("filter-network").locator("summary").click();
    // A controlled checkbox: it turns checked once the URL (the filter state) has changed.
    await overview.byTestId("filter-network").getByLabel("cellular_4g").click();
    await expect(overview.page).toHaveURL(/[?&]network=cellular_4g/);
    await overview.waitForCharts({ minCharts: 4, timeout: CHART_WAIT_MS });
    const [{ sessions }] = await e2eSql.unsafe<{ sessions: number }[]>(
      `select count(*)::int as sessions from fact_playback_sessions f join dim_network n using (network_key)
       where n.network_type = 'cellular_4g' and ${DEFAULT_WINDOW}`,
    );
    await expect.poll(() => overview.kpiNumber("sessions")).toBe(sessions);
    expect(sessions).toBeLessThan(before);
  });

  test("the worst-countries CSV holds every country with its code, not only the table's five", async ({
    dashboard,
    e2eSql,
  }) => {
    const overview = dashboard("/");
    await openAndWait(overview, {}, 4);
    const expected = await e2eSql.unsafe<{ code: string; sessions: number }[]>(
      `select g.country_code as code, count(*)::int as sessions from fact_playback_sessions f
       join dim_geography g using (geo_key) where ${DEFAULT_WINDOW} group by 1`,
    );
    await expect(overview.byTestId("worst-countries-table").getByTestId("table-row")).toHaveCount(
      Math.min(5, expected.length),
    );
    const csv = await overview.downloadTableCsv("worst-countries-table");
    const [header, ...records] = csv.records;
    expect(header.slice(0, 3)).toEqual(["Country code", "Country", "Sessions"]);
    expect(Object.fromEntries(records.map((r) => [r[0], Number(r[2])]))).toEqual(
      Object.fromEntries(expected.map((e) => [e.code, e.sessions])),
    );
  });

  test("a long filter list is searched: the content filter finds one title", async ({
    dashboard,
    e2eSql,
  }) => {
    const overview = dashboard("/");
    await openAndWait(overview, {}, 4);
    const [{ title, sessions }] = await e2eSql.unsafe<{ title: string; sessions: number }[]>(
      `select c.content_id as title, count(*)::int as sessions from fact_playback_sessions f
       join dim_content c using (content_key) where ${DEFAULT_WINDOW}
       group by 1 order by 2 desc, 1 limit 1`,
    );
    const content = overview.byTestId("filter-content");
    await content.locator("summary").click();
    await content.getByRole("searchbox", { name: "Search Content" }).fill(title);
    // Only titles containing the text stay listed (e.g. content_4 also finds content_42).
    const labels = () =>
      content.getByRole("checkbox").evaluateAll((els) => els.map((e) => e.parentElement?.textContent ?? ""));
    await expect.poll(async () => (await labels()).every((name) => name.includes(title))).toBe(true);
    await content.getByRole("checkbox", { name: title, exact: true }).click();
    await expect(overview.page).toHaveURL(new RegExp(`[?&]content=${title}(&|$)`));
    await expect.poll(() => overview.kpiNumber("sessions"), { timeout: CHART_WAIT_MS }).toBe(sessions);
  });

  test("worst countries and devices drill down to their detail pages, keeping the filters", async ({
    dashboard,
  }) => {
    const overview = dashboard("/");
    await openAndWait(overview, { network: "wifi" }, 4);
    const row = overview.byTestId("worst-countries-table").getByTestId("table-row").first();
    await row.getByRole("button").click();
    await expect(overview.page).toHaveURL(/\/countries\/[A-Z]{2}\?network=wifi$/);

    await openAndWait(overview, { network: "wifi" }, 4);
    const chart = overview.byTestId("worst-devices-chart");
    const [device] = await axisLabels(chart, "y");
    await clickBarLabelled(overview.page, chart, device, "y");
    await expect(overview.page).toHaveURL(new RegExp(`/devices/${device}\\?network=wifi$`));
  });
});
