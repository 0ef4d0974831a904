import { expect, parseDisplayedNumber, test } from "./support/fixtures";

test.describe("pipeline", () => {
  test("shows the ETL runs, the latest run's checks and its rejected rows with examples", async ({
    dashboard,
    e2eSql,
  }) => {
    const pipeline = dashboard("/pipeline");
    await pipeline.goto({}, { minCharts: 1 });
    const [latest] = await e2eSql<{ run_id: number; rows_loaded: number; rows_rejected: number }[]>`
      select run_id, rows_loaded, rows_rejected from etl_runs order by run_id desc limit 1`;
    const runRows = pipeline.byTestId("pipeline-runs-table").getByTestId("table-row");
    await expect(runRows.first()).toContainText(String(latest.run_id));
    expect(parseDisplayedNumber((await runRows.first().locator("td").nth(5).textContent()) ?? "")).toBe(
      latest.rows_loaded,
    );

    await expect(pipeline.byTestId("pipeline-checks-table").getByTestId("table-row")).toHaveCount(6);
    await expect(
      pipeline.page.getByText("filters do not apply on this page", { exact: false }),
    ).toBeVisible();
    // No inert controls: the filter pickers are not offered here.
    await expect(pipeline.byTestId("filter-device")).toHaveCount(0);

    const reasons = await e2eSql<{ reason_code: string; n: number }[]>`
      select reason_code, count(*)::int as n from etl_rejected_rows where run_id = ${latest.run_id} group by 1`;
    expect(reasons.length, "the e2e dataset has dirty rows").toBeGreaterThan(0);
    const items = pipeline.byTestId("reject-reason");
    await expect(items).toHaveCount(reasons.length);
    const first = items.first();
    await first.locator("summary").click();
    await expect(first.locator("code").first()).toBeVisible();
    await pipeline.screenshot("pipeline");
  });

  test("filters in the URL are named, kept and carried back to the session pages", async ({ dashboard }) => {
    const pipeline = dashboard("/pipeline");
    await pipeline.goto({ device: "smart_tv" }, { minCharts: 1 });
    await expect(pipeline.byTestId("filter-bar")).toContainText("Your filters (Device) are kept");
    await pipeline.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Overview" })
      .click();
    await expect(pipeline.page).toHaveURL(/[?&]device=smart_tv(&|$)/);
    await expect(pipeline.page.getByLabel(/^Device: smart_tv$/)).toBeVisible();
  });

  test("a bad or unknown run id is explained", async ({ dashboard }) => {
    const pipeline = dashboard("/pipeline");
    await pipeline.goto({ run: "abc" }, { allowErrors: true });
    await expect(pipeline.byTestId("pipeline-run-panel").getByTestId("panel-error")).toContainText(
      '"run" must be a number',
    );
    await pipeline.goto({ run: 99999 }, { allowErrors: true });
    await expect(pipeline.byTestId("pipeline-run-panel").getByTestId("panel-error")).toContainText(
      "ETL run 99999 does not exist",
    );
    await pipeline.screenshot("pipeline-unknown-run");
  });
});
