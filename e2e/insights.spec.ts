import { CHART_WAIT_MS, openAndWait, SPEC_TIMEOUT_MS } from "./support/chart-interactions";
import { parseDisplayedNumber } from "./support/dashboard-page";
import { DEFAULT_WINDOW } from "./support/dataset";
import { expect, test } from "./support/fixtures";

/**
 * /insights on the e2e dataset (generated with the seed's three injected bugs): the engine's
 * findings, their observed-vs-expected charts, drill-down links carrying the segment's filters,
 * the metric selector, dashboard filters and bad parameters.
 */

test.describe("insights", () => {
  test.describe.configure({ timeout: SPEC_TIMEOUT_MS });

  test("ranks the injected startup bugs with their sentence, chart and exact segment size", async ({
    dashboard,
    e2eSql,
  }) => {
    const insights = dashboard("/insights");
    await openAndWait(insights, {}, 2);
    const cards = insights.byTestId("finding-card");
    expect(await cards.count()).toBeGreaterThanOrEqual(2);
    const ios = cards.filter({ hasText: "iOS 15.3" }).first();
    await expect(ios.getByTestId("finding-summary")).toHaveText(
      /^Mobile iOS 15\.3 sessions start .* slower than expected/,
    );
    await expect(ios.locator(".js-plotly-plot .main-svg").first()).toBeVisible();
    await expect(cards.filter({ hasText: "Vodafone sessions in Brazil" })).toHaveCount(1);

    // The card's session count is the segment's size in the facts.
    const [{ n }] = await e2eSql.unsafe<{ n: number }[]>(
      `select count(*)::int as n from fact_playback_sessions f join dim_device d using (device_key)
       where ${DEFAULT_WINDOW} and d.device_type = 'mobile' and d.os_name = 'iOS' and d.os_version = '15.3'`,
    );
    const shown = ios.locator("dt", { hasText: "Sessions" }).locator("xpath=following-sibling::dd");
    expect(parseDisplayedNumber((await shown.textContent()) ?? "")).toBe(n);
    await expect(insights.byTestId("insights-table").locator("tbody tr")).toHaveCount(await cards.count());
    await insights.screenshot("insights");
  });

  test("a finding's link opens its metric page filtered to the segment", async ({ dashboard, page }) => {
    const insights = dashboard("/insights");
    await openAndWait(insights, {}, 1);
    const ios = insights.byTestId("finding-card").filter({ hasText: "iOS 15.3" }).first();
    await ios.getByTestId("finding-link").click();
    await expect(page).toHaveURL(/\/startup\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("device")).toBe("mobile");
    expect(url.searchParams.get("osVersion")).toBe("iOS 15.3");
    await expect(page.getByTestId("startup-histogram-panel")).toBeVisible();
  });

  test("the metric selector keeps only that metric's findings and is kept in the URL", async ({
    dashboard,
    page,
  }) => {
    const insights = dashboard("/insights");
    await openAndWait(insights, {}, 1);
    await insights.byTestId("insights-metric").getByRole("button", { name: "Bitrate" }).click();
    await expect(page).toHaveURL(/metric=bitrate_kbps/);
    await insights.waitForCharts({ timeout: CHART_WAIT_MS });
    const panel = insights.byTestId("insights-findings-panel");
    await expect(panel.getByText(/Mobile iOS 15\.3/)).toHaveCount(0);
    // Either bitrate findings or the healthy message, never the startup ones.
    const cards = await insights.byTestId("finding-card").allTextContents();
    for (const text of cards) expect(text).toContain("Bitrate");
    if (cards.length === 0) await expect(insights.byTestId("insights-healthy")).toBeVisible();
  });

  test("dashboard filters change the analysis: inside Brazil the routing bug is the ISP alone", async ({
    dashboard,
  }) => {
    const insights = dashboard("/insights");
    await openAndWait(insights, { country: "BR" }, 1);
    const card = insights.byTestId("finding-card").filter({ hasText: "Vodafone sessions" }).first();
    await expect(card.getByTestId("segment-chip")).toHaveText(["ISP vodafone"]);
    await expect(insights.byTestId("insights-findings-panel")).toContainText(/[\d,]+ sessions/);
  });

  test("bad parameters are named and ignored instead of breaking the page", async ({ dashboard }) => {
    const insights = dashboard("/insights");
    await insights.goto({ device: "phone" }, { waitForCharts: false });
    await expect(insights.byTestId("filter-error")).toContainText('"device" must be one of');
    // The findings are those of the unfiltered view.
    await expect(insights.byTestId("finding-card").first()).toBeVisible({ timeout: CHART_WAIT_MS });
    await expect(insights.byTestId("insights-findings-panel").getByTestId("panel-error")).toHaveCount(0);
    // An unknown metric in the URL falls back to all metrics.
    await insights.goto({ metric: "nope" }, { waitForCharts: false });
    await insights.waitForCharts({ timeout: CHART_WAIT_MS });
    await expect(
      insights.byTestId("insights-metric").getByRole("button", { name: "All", exact: true }),
    ).toHaveAttribute("aria-pressed", "true");
  });
});
