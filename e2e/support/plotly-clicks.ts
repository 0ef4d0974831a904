import type { Locator, Page } from "@playwright/test";

/**
 * Clicking inside Plotly charts the way a user does. Plotly captures pointer events on its drag
 * layer and resolves the point from the last hover, so a click is: move the mouse over the
 * point, let the hover register, then press and release at the same spot.
 */
async function clickAt(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x - 2, y - 2);
  await page.mouse.move(x, y, { steps: 3 });
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.mouse.up();
}

/** Category labels along a chart's axis ("x" or "y"), in drawing order. */
export async function axisLabels(chart: Locator, axis: "x" | "y"): Promise<string[]> {
  return (await chart.locator(`.${axis}tick text`).allTextContents()).map((t) => t.trim());
}

/** Clicks the `index`-th bar of the chart's first bar trace (bars follow the category order). */
export async function clickBar(page: Page, chart: Locator, index: number): Promise<void> {
  const bar = chart.locator(".barlayer .trace").first().locator(".point path").nth(index);
  const box = await bar.boundingBox();
  if (!box) throw new Error(`bar ${index} is not drawn`);
  await clickAt(page, box.x + box.width / 2, box.y + box.height / 2);
}

/** Clicks a bar by its category label on the chart's category axis. */
export async function clickBarLabelled(
  page: Page,
  chart: Locator,
  label: string,
  categoryAxis: "x" | "y",
): Promise<void> {
  const labels = await axisLabels(chart, categoryAxis);
  const index = labels.indexOf(label);
  if (index < 0) throw new Error(`no bar labelled "${label}" (labels: ${labels.join(", ")})`);
  await clickBar(page, chart, index);
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
  const box = await chart.locator(".nsewdrag").first().boundingBox();
  if (!box) throw new Error("heatmap plot area is not drawn");
  await clickAt(
    page,
    box.x + ((column + 0.5) * box.width) / columns,
    box.y + ((row + 0.5) * box.height) / rows,
  );
}
