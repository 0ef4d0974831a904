import type { Locator, Page } from "@playwright/test";
import type { DashboardPage, UrlFilters } from "./dashboard-page";

/**
 * Interacting with Plotly charts the way a user does. Plotly captures pointer events on its drag
 * layer and resolves the point from the last hover, so a click is: bring the chart into the
 * viewport, move the mouse over the point, let the hover register, press and release.
 */
async function clickAt(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x - 3, y - 3);
  await page.mouse.move(x, y, { steps: 3 });
  await page.waitForTimeout(200);
  await page.mouse.down();
  await page.mouse.up();
}

type Box = { x: number; y: number; width: number; height: number };
function intersect(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
}
const centre = (b: Box, axis: "x" | "y") => (axis === "x" ? b.x + b.width / 2 : b.y + b.height / 2);

/** Category labels on an axis with their on-screen centres, in screen order (left→right, top→bottom). */
async function ticks(chart: Locator, axis: "x" | "y"): Promise<{ label: string; at: number }[]> {
  const found: { label: string; at: number }[] = [];
  for (const tick of await chart.locator(`.${axis}tick text`).all()) {
    const box = await tick.boundingBox();
    if (box) found.push({ label: ((await tick.textContent()) ?? "").trim(), at: centre(box, axis) });
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Category labels along an axis in the order a reader sees them (DOM order is not reliable). */
export async function axisLabels(chart: Locator, axis: "x" | "y"): Promise<string[]> {
  return (await ticks(chart, axis)).map((t) => t.label);
}

/** Clicks a bar of the category `label` on the chart's category axis (any bar of a group will do). */
export async function clickBarLabelled(
  page: Page,
  chart: Locator,
  label: string,
  categoryAxis: "x" | "y",
): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  const tick = (await ticks(chart, categoryAxis)).find((t) => t.label === label);
  if (!tick)
    throw new Error(`no category "${label}" (labels: ${(await axisLabels(chart, categoryAxis)).join(", ")})`);
  let best: Box | null = null;
  for (const bar of await chart.locator(".barlayer .point path").all()) {
    const box = await bar.boundingBox();
    if (!box || box.width < 2 || box.height < 2) continue;
    if (
      !best ||
      Math.abs(centre(box, categoryAxis) - tick.at) < Math.abs(centre(best, categoryAxis) - tick.at)
    ) {
      best = box;
    }
  }
  if (!best) throw new Error(`no visible bar for "${label}"`);
  // A bar on a zoomed value axis extends beyond the plot area (clipped, but in its bounding box).
  const area = await chart.locator(".nsewdrag").first().boundingBox();
  const visible = area ? intersect(best, area) : best;
  await clickAt(page, visible.x + visible.width / 2, visible.y + visible.height / 2);
}

/**
 * Clicks the centre of cell (column, row) of a heatmap with `columns` × `rows` cells, counting
 * rows from the top of the plot area.
 */
export async function clickHeatmapCell(
  page: Page,
  chart: Locator,
  { column, row, columns, rows }: { column: number; row: number; columns: number; rows: number },
): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.locator(".nsewdrag").first().boundingBox();
  if (!box) throw new Error("heatmap plot area is not drawn");
  await clickAt(
    page,
    box.x + ((column + 0.5) * box.width) / columns,
    box.y + ((row + 0.5) * box.height) / rows,
  );
}

/**
 * Chart pages draw with Plotly's 4.5 MB bundle; on a busy 2-core machine parsing it alone can
 * take most of the page object's default 45 s wait. The quality pages' specs wait longer (it
 * costs nothing when the page is quick) so a loaded CI box does not turn into flaky failures.
 */
export const CHART_WAIT_MS = 120_000;
export const SPEC_TIMEOUT_MS = 300_000;

export async function openAndWait(
  page: DashboardPage,
  filters: UrlFilters,
  minCharts: number,
): Promise<void> {
  await page.goto(filters, { waitForCharts: false });
  await page.waitForCharts({ minCharts, timeout: CHART_WAIT_MS });
}
