import { expect, parseDisplayedNumber, test } from "./support/fixtures";

test.describe("engagement", () => {
  test("renders the product view's five charts with data", async ({ dashboard, e2eSql }) => {
    const engagement = dashboard("/engagement");
    await engagement.goto({}, { minCharts: 5 });
    for (const id of [
      "engagement-tier-chart",
      "engagement-hourly-chart",
      "engagement-weekday-chart",
      "engagement-devices-chart",
      "engagement-content-chart",
    ]) {
      await expect(engagement.byTestId(id).locator(".main-svg").first(), id).toBeVisible();
    }
    // 24 hourly bars when every hour has sessions.
    const [{ hours }] = await e2eSql<{ hours: number }[]>`
      select count(distinct time_key / 100)::int as hours from fact_playback_sessions`;
    await expect(engagement.byTestId("engagement-hourly-chart").locator(".barlayer .point")).toHaveCount(
      hours,
    );
    // Weekday and weekend sessions per day match the database.
    const [weekday] = await e2eSql<{ per_day: number }[]>`
      select count(*)::float8 / count(distinct f.date_key) as per_day
      from fact_playback_sessions f join dim_date d using (date_key) where not d.is_weekend`;
    const firstRow = engagement.byTestId("engagement-weekday-table").getByTestId("table-row").first();
    await expect(firstRow).toContainText("Sessions per day");
    expect(parseDisplayedNumber((await firstRow.locator("td").nth(1).textContent()) ?? "")).toBe(
      Math.round(weekday.per_day),
    );
    // The CSV holds numbers with their unit, not the table's display text ("6,104", "1,801 ms").
    const csv = await engagement.downloadTableCsv("engagement-weekday-table");
    const [header, sessions, , , , startup] = csv.records;
    expect(header).toEqual(["Metric", "Unit", "Weekday", "Weekend", "Weekend vs weekday (%)"]);
    expect(sessions.slice(0, 3)).toEqual(["Sessions per day", "", String(Math.round(weekday.per_day))]);
    expect(startup.slice(0, 2)).toEqual(["Median startup", "ms"]);
    expect(startup[2]).toMatch(/^\d+$/);
    await engagement.screenshot("engagement");
  });

  test("a device filter changes the numbers and the URL", async ({ dashboard }) => {
    const engagement = dashboard("/engagement");
    await engagement.goto({}, { minCharts: 5 });
    const cell = engagement
      .byTestId("engagement-weekday-table")
      .getByTestId("table-row")
      .first()
      .locator("td")
      .nth(1);
    const before = parseDisplayedNumber((await cell.textContent()) ?? "");
    await engagement.goto({ device: "tablet" }, { minCharts: 5 });
    const after = parseDisplayedNumber((await cell.textContent()) ?? "");
    expect(after).toBeLessThan(before);
    await expect(engagement.page).toHaveURL(/device=tablet/);
  });
});
