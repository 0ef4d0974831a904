import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Locator, type Page, type Response, type TestInfo } from "@playwright/test";
import { waitForChartsReady } from "./charts";
import { parseCsv } from "./csv";
import { SCREENSHOT_DIR } from "./environment";

/** Filters as they appear in the URL: arrays become comma-separated lists (see lib/filters.ts). */
export type UrlFilters = Record<
  string,
  string | number | boolean | readonly (string | number)[] | null | undefined
>;

export function withFilters(pathname: string, filters: UrlFilters = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Turns a displayed number ("1,234", "2.4 s", "87.5 %", "−3") into a number. */
export function parseDisplayedNumber(text: string): number {
  const match = text
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/,/g, "")
    .match(/-?\d+(\.\d+)?/);
  if (!match) throw new Error(`No number in "${text}"`);
  return Number(match[0]);
}

/**
 * Base page object for every dashboard page. Subclass it per page (or use it directly through
 * the `dashboard` fixture) and keep selectors in the page object, not in the specs.
 */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly pathname: string,
    private readonly testInfo?: TestInfo,
  ) {}

  /** Opens the page with filters in the URL and waits until its charts are drawn. */
  async goto(
    filters: UrlFilters = {},
    { waitForCharts = true, minCharts = 0, allowErrors = false } = {},
  ): Promise<Response | null> {
    const response = await this.page.goto(withFilters(this.pathname, filters));
    expect(response?.status(), `GET ${this.pathname} status`).toBeLessThan(400);
    if (waitForCharts) await this.waitForCharts({ minCharts, allowErrors });
    return response;
  }

  /** Plotly chart roots on the page (each gets `.main-svg` once drawn). */
  charts(): Locator {
    return this.page.locator(".js-plotly-plot");
  }

  /**
   * Waits until nothing is loading (no `[aria-busy="true"]`, e.g. Panel skeletons), every Plotly
   * chart has drawn its SVG, and the number of charts has stopped changing. `minCharts` also
   * asserts how many charts the page must show. A panel showing an error fails the wait unless
   * `allowErrors` (for tests of bad filters).
   */
  async waitForCharts({ minCharts = 0, timeout = 60_000, allowErrors = false } = {}): Promise<number> {
    return waitForChartsReady(this.page, { minCharts, timeout, allowErrors, label: this.pathname });
  }

  /** A KPI card, rendered by components/KpiCard.tsx as `data-testid="kpi-<metric>"`. */
  kpi(metric: string): Locator {
    return this.page.getByTestId(`kpi-${metric}`);
  }

  async kpiText(metric: string): Promise<string> {
    const value = this.kpi(metric).getByTestId("kpi-value");
    await expect(value).toBeVisible();
    return ((await value.textContent()) ?? "").trim();
  }

  async kpiNumber(metric: string): Promise<number> {
    return parseDisplayedNumber(await this.kpiText(metric));
  }

  /** Any element by data-testid. */
  byTestId(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Clicks a table's "Download CSV"; returns the file's name and its records, header first. */
  async downloadTableCsv(tableTestId: string): Promise<{ name: string; records: string[][] }> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.byTestId(tableTestId).getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const text = await readFile(await download.path(), "utf8");
    return { name: download.suggestedFilename(), records: parseCsv(text) };
  }

  /** Exports a chart with Plotly's own camera button; returns the file's name and bytes. */
  async downloadChartPng(chart: Locator): Promise<{ name: string; bytes: Buffer }> {
    await chart.hover();
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      chart.locator('.modebar-btn[data-title^="Download plot as a PNG"]').click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  }

  /**
   * Full-page screenshot saved as e2e/artifacts/screenshots/<name>.png (kept after the run) and
   * attached to the test report.
   */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "_")}.png`);
    const body = await this.page.screenshot({ path: file, fullPage: true, animations: "disabled" });
    await this.testInfo?.attach(name, { body, contentType: "image/png" });
    return file;
  }
}
