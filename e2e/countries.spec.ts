import type { Sql } from "postgres";
import { COUNTRY_INFO, type CountryCode } from "../db/constants";
import { expect, parseDisplayedNumber, test } from "./support/fixtures";

/** The reference the page is checked against: sessions per country, straight from the facts. */
const sessionsByCountry = (sql: Sql) => sql<{ country_code: string; n: number }[]>`
  select g.country_code, count(*)::int as n
  from fact_playback_sessions f join dim_geography g using (geo_key) group by 1`;

test.describe("countries", () => {
  test("map and table show every country with the database's session counts", async ({
    dashboard,
    e2eSql,
  }) => {
    const countries = dashboard("/countries");
    await countries.goto({}, { minCharts: 1 });
    const map = countries.byTestId("countries-map");
    const expected = await sessionsByCountry(e2eSql);
    // One coloured shape per country on the choropleth.
    await expect(map.locator("path.choroplethlocation")).toHaveCount(expected.length);
    const rows = countries.byTestId("countries-table").getByTestId("table-row");
    await expect(rows).toHaveCount(expected.length);
    for (const e of expected) {
      const row = rows.filter({ hasText: COUNTRY_INFO[e.country_code as CountryCode].name });
      expect(parseDisplayedNumber((await row.locator("td").nth(3).textContent()) ?? ""), e.country_code).toBe(
        e.n,
      );
    }
    await countries.screenshot("countries");
  });

  test("the table downloads as CSV with the database's numbers; the map exports as PNG", async ({
    dashboard,
    e2eSql,
  }) => {
    const countries = dashboard("/countries");
    await countries.goto({}, { minCharts: 1 });
    const expected = await sessionsByCountry(e2eSql);
    const csv = await countries.downloadTableCsv("countries-table");
    expect(csv.name).toBe("countries.csv");
    const [header, ...records] = csv.records;
    expect(header.slice(0, 3)).toEqual(["Code", "Country", "Region"]);
    expect(records).toHaveLength(expected.length);
    const code = header.indexOf("Code");
    const sessions = header.indexOf("Sessions");
    expect(sessions, "sessions column").toBeGreaterThan(0);
    const downloaded = Object.fromEntries(records.map((r) => [r[code], Number(r[sessions])]));
    expect(downloaded).toEqual(Object.fromEntries(expected.map((e) => [e.country_code, e.n])));

    const png = await countries.downloadChartPng(countries.byTestId("countries-map"));
    expect(png.name).toBe("countries-map.png");
    expect(png.bytes.subarray(0, 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");
    expect(png.bytes.length).toBeGreaterThan(10_000);
  });

  test("filters and drill-down work from the keyboard alone", async ({ dashboard }) => {
    const countries = dashboard("/countries");
    await countries.goto({}, { minCharts: 1 });
    const page = countries.page;
    // The country filter: a labelled disclosure, opened with Enter; its options are checkboxes.
    await page.getByLabel(/^Country: All$/).focus();
    await page.keyboard.press("Enter");
    const brazil = countries.byTestId("filter-country").getByRole("checkbox", { name: "BR" });
    await expect(brazil).toBeVisible();
    await brazil.focus();
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(/[?&]country=BR(&|$)/);
    await countries.waitForCharts({ minCharts: 1 });
    await expect(countries.byTestId("countries-table").getByTestId("table-row")).toHaveCount(1);
    // Escape closes the picker and gives focus back to it.
    await brazil.focus();
    await page.keyboard.press("Escape");
    await expect(brazil).toBeHidden();
    await expect(page.getByLabel(/^Country: BR$/)).toBeFocused();
    // Opening another picker closes the one open before.
    await page.getByLabel(/^Country: BR$/).click();
    await expect(brazil).toBeVisible();
    await page.getByLabel(/^Network: All$/).click();
    await expect(brazil).toBeHidden();
    await expect(countries.byTestId("filter-network").getByRole("checkbox").first()).toBeVisible();
    await page.keyboard.press("Escape");
    // A table row's first cell is a button: Enter opens the country.
    await countries.byTestId("countries-table").getByRole("button", { name: "Open Brazil" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/countries\/BR\?country=BR$/);
  });

  test("the map metric selector recolours the map and is kept in the URL", async ({ dashboard }) => {
    const countries = dashboard("/countries");
    await countries.goto({}, { minCharts: 1 });
    await countries.byTestId("map-metric").selectOption("medianStartupMs");
    await expect(countries.page).toHaveURL(/metric=medianStartupMs/);
    await expect(countries.byTestId("countries-map-panel")).toContainText("Median startup by country");
    await countries.waitForCharts({ minCharts: 1 });
  });

  test("drilling down from the table reaches the country page with its ISPs and PoPs", async ({
    dashboard,
    e2eSql,
  }) => {
    const countries = dashboard("/countries");
    await countries.goto({ device: "mobile" }, { minCharts: 1 });
    await countries.byTestId("countries-table").getByRole("button", { name: "Open Brazil" }).click();
    await expect(countries.page).toHaveURL(/\/countries\/BR\?device=mobile$/);
    const detail = dashboard("/countries/BR");
    await detail.waitForCharts({ minCharts: 3 });
    await expect(countries.page.getByRole("heading", { level: 1 })).toHaveText("Brazil (BR)");
    await expect(countries.page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Countries");

    const expected = await e2eSql<{ isp: string; n: number }[]>`
      select g.isp, count(*)::int as n
      from fact_playback_sessions f join dim_geography g using (geo_key) join dim_device d using (device_key)
      where g.country_code = 'BR' and d.device_type = 'mobile' group by 1`;
    const ispRows = detail.byTestId("country-isp-panel-table").getByTestId("table-row");
    await expect(ispRows).toHaveCount(expected.length);
    for (const e of expected) {
      const row = ispRows.filter({
        has: countries.page.getByRole("button", { name: `Filter by ISP ${e.isp}` }),
      });
      expect(parseDisplayedNumber((await row.locator("td").nth(1).textContent()) ?? ""), e.isp).toBe(e.n);
    }
    await expect(detail.byTestId("country-pop-panel-table").getByTestId("table-row").first()).toBeVisible();
    await detail.screenshot("country-detail-BR");

    // Clicking an ISP adds the ISP filter on the same page.
    const isp = expected[0].isp;
    await countries.page.getByRole("button", { name: `Filter by ISP ${isp}` }).click();
    await expect(countries.page).toHaveURL(new RegExp(`/countries/BR\\?.*isp=${isp}`));
  });

  test("clicking a country on the map opens it", async ({ dashboard }) => {
    const countries = dashboard("/countries");
    await countries.goto({}, { minCharts: 1 });
    // Plotly binds each shape to its location; click the middle of Germany (compact enough to hit).
    const box = await countries.page.evaluate(() => {
      const shapes = Array.from(document.querySelectorAll("path.choroplethlocation")) as (SVGPathElement & {
        __data__?: { loc?: string };
      })[];
      const germany = shapes.find((s) => s.__data__?.loc === "DEU");
      const r = germany?.getBoundingClientRect();
      return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    });
    expect(box, "Germany is drawn on the map").not.toBeNull();
    await countries.page.mouse.click(box?.x ?? 0, box?.y ?? 0);
    await expect(countries.page).toHaveURL(/\/countries\/DE$/);
    await expect(countries.page.getByRole("heading", { level: 1 })).toHaveText("Germany (DE)");
  });

  test("a country filter narrows the ISP and CDN PoP pickers to that country's", async ({
    dashboard,
    e2eSql,
  }) => {
    const countries = dashboard("/countries");
    await countries.goto({ country: "BR" }, { minCharts: 1 });
    const pops = countries.byTestId("filter-pop");
    await pops.locator("summary").click();
    const expected = await e2eSql<{ pop: string }[]>`
      select distinct cdn_pop as pop from dim_geography where country_code = 'BR'`;
    await expect(pops.getByRole("checkbox")).toHaveCount(expected.length);
    for (const { pop } of expected)
      await expect(pops.getByRole("checkbox", { name: pop, exact: true })).toBeVisible();
  });

  test("an invalid country filter or code shows a message, not a crash", async ({ dashboard, e2eSql }) => {
    const countries = dashboard("/countries");
    await countries.goto({ country: "XX" }, { minCharts: 1 });
    await expect(countries.byTestId("filter-error")).toContainText('"country" must be one of US, BR');
    // The bad filter is ignored: the table lists every country.
    const expected = await sessionsByCountry(e2eSql);
    await expect(countries.byTestId("countries-table").getByTestId("table-row")).toHaveCount(expected.length);
    await countries.screenshot("countries-bad-filter");

    const unknown = dashboard("/countries/XX");
    await unknown.goto({}, { waitForCharts: false });
    await expect(unknown.byTestId("unknown-country")).toContainText('"XX" is not a country code');
    await expect(unknown.byTestId("unknown-country").getByRole("link", { name: /Brazil/ })).toBeVisible();

    const badMetric = dashboard("/countries");
    await badMetric.goto({ metric: "nonsense" }, { minCharts: 1 });
    await expect(badMetric.byTestId("view-param-error")).toContainText('"metric" must be one of avgQoe, ');
    await expect(badMetric.byTestId("view-param-error")).toContainText('(got "nonsense"; showing avgQoe)');
    // Any page's view choices are checked alike: a bin width that is not offered.
    const startup = dashboard("/startup");
    await startup.goto({ bin: "7" }, { minCharts: 1 });
    await expect(startup.byTestId("view-param-error")).toContainText('"bin" must be one of');
  });
});
