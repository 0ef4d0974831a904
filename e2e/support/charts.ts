import type { Page } from "@playwright/test";

/**
 * Waits until a dashboard page has finished loading: nothing marked `aria-busy="true"` (the Panel
 * skeletons), every Plotly chart root (`.js-plotly-plot`) has drawn its `.main-svg`, and the number
 * of charts has stopped changing for a moment. Returns how many charts are on the page.
 * A panel showing an error (`data-testid="panel-error"`) fails the wait unless `allowErrors`.
 * Used by the e2e page objects and by scripts/screenshots.ts.
 */
export async function waitForChartsReady(
  page: Page,
  { minCharts = 0, timeout = 30_000, allowErrors = false, label = page.url() } = {},
): Promise<number> {
  await page.waitForLoadState("networkidle", { timeout }).catch(() => {});
  const deadline = Date.now() + timeout;
  let previous = -1;
  let stableSince = Date.now();
  for (;;) {
    const state = await page.evaluate(() => {
      const plots = Array.from(document.querySelectorAll(".js-plotly-plot"));
      return {
        busy: document.querySelectorAll('[aria-busy="true"]').length,
        charts: plots.length,
        drawn: plots.filter((p) => p.querySelector(".main-svg")).length,
        errors: Array.from(document.querySelectorAll('[data-testid="panel-error"]')).map((e) =>
          (e.textContent ?? "").trim(),
        ),
      };
    });
    if (state.charts !== previous) {
      previous = state.charts;
      stableSince = Date.now();
    }
    const settled = state.busy === 0 && state.drawn === state.charts && state.charts >= minCharts;
    if (settled && Date.now() - stableSince >= 400) {
      if (state.errors.length && !allowErrors) {
        throw new Error(`${label}: ${state.errors.length} panel(s) failed: ${state.errors.join(" | ")}`);
      }
      return state.charts;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${label}: charts not ready after ${timeout} ms (${state.busy} loading, ` +
          `${state.drawn}/${state.charts} drawn, expected at least ${minCharts})`,
      );
    }
    await page.waitForTimeout(100);
  }
}
