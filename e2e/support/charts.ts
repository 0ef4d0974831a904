import type { Page } from "@playwright/test";

type ChartsState = { charts: number; errors: string[] };

/**
 * Waits until a dashboard page has finished loading: nothing marked `aria-busy="true"` (the Panel
 * skeletons), no chart wrapper (`[role="img"]`, components/charts/Plot.tsx) still showing its
 * placeholder while Plotly's bundle loads, every Plotly chart root (`.js-plotly-plot`) has drawn its
 * `.main-svg`, and all that has held for 400 ms. Returns how many charts are on the page.
 * A panel showing an error (`data-testid="panel-error"`) fails the wait unless `allowErrors`.
 * Used by the e2e page objects and by scripts/screenshots.ts.
 *
 * The check runs inside the page as one waitForFunction: polling with separate evaluate calls
 * would record a trace snapshot of the whole DOM each time and crawl.
 */
export async function waitForChartsReady(
  page: Page,
  { minCharts = 0, timeout = 60_000, allowErrors = false, label = page.url() } = {},
): Promise<number> {
  const handle = await page
    .waitForFunction(
      (min: number): ChartsState | false => {
        const plots = Array.from(document.querySelectorAll(".js-plotly-plot"));
        const busy =
          document.querySelectorAll('[aria-busy="true"]').length +
          document.querySelectorAll('[role="img"] > .animate-pulse').length;
        const drawn = plots.filter((p) => p.querySelector(".main-svg")).length;
        const settled = busy === 0 && drawn === plots.length && plots.length >= min;
        const memo = window as unknown as { __chartsKey?: number; __chartsSince?: number };
        const key = settled ? plots.length : -1;
        const now = performance.now();
        if (memo.__chartsKey !== key) {
          memo.__chartsKey = key;
          memo.__chartsSince = now;
        }
        if (!settled || now - (memo.__chartsSince ?? now) < 400) return false;
        const errors = Array.from(document.querySelectorAll('[data-testid="panel-error"]')).map((e) =>
          (e.textContent ?? "").trim(),
        );
        return { charts: plots.length, errors };
      },
      minCharts,
      { polling: 100, timeout },
    )
    .catch(async (error: Error) => {
      const state = await page
        .evaluate(() => ({
          busy: document.querySelectorAll('[aria-busy="true"], [role="img"] > .animate-pulse').length,
          charts: document.querySelectorAll(".js-plotly-plot").length,
          drawn: document.querySelectorAll(".js-plotly-plot .main-svg").length,
        }))
        .catch(() => null);
      const detail = state
        ? `now ${state.busy} loading, ${state.charts} charts with ${state.drawn} drawn SVG layers, expected at least ${minCharts} charts`
        : "page gone";
      throw new Error(`${label}: charts not ready (${detail}): ${error.message}`);
    });
  const state = (await handle.jsonValue()) as ChartsState;
  await handle.dispose();
  if (state.errors.length && !allowErrors) {
    throw new Error(`${label}: ${state.errors.length} panel(s) failed: ${state.errors.join(" | ")}`);
  }
  return state.charts;
}
