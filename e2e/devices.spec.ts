import { DEVICE_TYPES } from "../db/constants";
import { type DashboardPage, expect, parseDisplayedNumber, test } from "./support/fixtures";

/** The devices table: rows by their first cell (the device type link). */
function deviceRows(page: DashboardPage) {
  return page.byTestId("devices-table").getByTestId("table-row");
}

test.describe("devices", () => {
  test("device table and charts show every device type with the database's session counts", async ({
    dashboard,
    e2eSql,
  }) => {
    const devices = dashboard("/devices");
    await devices.goto({}, { minCharts: 2 });
    await expect(devices.byTestId("devices-qoe-chart").locator(".main-svg").first()).toBeVisible();
    await expect(devices.byTestId("devices-startup-chart").locator(".main-svg").first()).toBeVisible();

    const expected = await e2eSql<{ device_type: string; n: number }[]>`
      select d.device_type, count(*)::int as n
      from fact_playback_sessions f join dim_device d using (device_key) group by 1`;
    const rows = deviceRows(devices);
    await expect(rows).toHaveCount(expected.length);
    for (const e of expected) {
      const row = rows.filter({ hasText: e.device_type });
      // Columns: device type, family, sessions, ...
      const sessions = parseDisplayedNumber((await row.locator("td").nth(2).textContent()) ?? "");
      expect(sessions, e.device_type).toBe(e.n);
    }
    await devices.screenshot("devices");
  });

  test("a filter narrows the table and is kept when drilling down into a device type", async ({
    dashboard,
    e2eSql,
  }) => {
    const devices = dashboard("/devices");
    await devices.goto({ network: "wifi" }, { minCharts: 2 });
    const [{ n }] = await e2eSql<{ n: number }[]>`
      select count(*)::int as n from fact_playback_sessions f
      join dim_device d using (device_key) join dim_network w using (network_key)
      where d.device_type = 'smart_tv' and w.network_type = 'wifi'`;
    const tvRow = deviceRows(devices).filter({ hasText: "smart_tv" });
    expect(parseDisplayedNumber((await tvRow.locator("td").nth(2).textContent()) ?? "")).toBe(n);

    await tvRow.getByRole("button", { name: "Open device type smart_tv" }).click();
    await expect(devices.page).toHaveURL(/\/devices\/smart_tv\?network=wifi$/);
    const detail = dashboard("/devices/smart_tv");
    await detail.waitForCharts({ minCharts: 3 });
    const crumbs = devices.page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs).toContainText("Devices");
    await expect(crumbs).toContainText("smart_tv");
    await expect(devices.page.getByRole("heading", { level: 1 })).toHaveText("Device type: smart_tv");

    // OS rows sum to the device type's sessions under the same filter.
    const osRows = detail.byTestId("device-os-panel-table").getByTestId("table-row");
    await expect(osRows.first()).toBeVisible();
    let total = 0;
    for (const text of await osRows.locator("td:nth-child(2)").allInnerTexts())
      total += parseDisplayedNumber(text);
    expect(total).toBe(n);
    await detail.screenshot("device-detail-smart_tv");

    // Clicking an app version row adds it as a filter, keeping the network filter.
    const appRow = detail.byTestId("device-app-panel-table").getByTestId("table-row").first();
    const app = ((await appRow.locator("td").first().textContent()) ?? "").trim();
    await appRow.locator("td").first().getByRole("button").click();
    await expect(devices.page).toHaveURL(
      new RegExp(
        `network=wifi.*app=${app.replaceAll(".", "\\.")}|app=${app.replaceAll(".", "\\.")}.*network=wifi`,
      ),
    );
    await detail.waitForCharts();
    await expect(detail.byTestId("device-app-panel-table").getByTestId("table-row")).toHaveCount(1);
  });

  test("an unknown device type says so and offers the known ones", async ({ dashboard }) => {
    const page = dashboard("/devices/toaster");
    await page.goto({}, { waitForCharts: false });
    const message = page.byTestId("unknown-device");
    await expect(message).toContainText('"toaster" is not a device type');
    for (const type of DEVICE_TYPES) await expect(message.getByRole("link", { name: type })).toBeVisible();
    await page.screenshot("device-unknown");
  });

  test("an invalid date in the URL is named and the default range shown", async ({ dashboard }) => {
    const devices = dashboard("/devices");
    await devices.goto({ from: "2024-13-45" });
    await expect(devices.byTestId("filter-error")).toContainText('"from" is not a valid calendar date');
    await expect(devices.byTestId("devices-table-panel").getByTestId("panel-error")).toHaveCount(0);
    await expect(devices.page.getByTestId("date-preset")).toHaveValue("default");
    await devices.screenshot("devices-bad-date");
  });
});
