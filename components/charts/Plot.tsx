"use client";

import dynamic from "next/dynamic";
import type { Config, Data, Layout, PlotMouseEvent } from "plotly.js";
import { useColorScheme } from "@/hooks/useColorScheme";

/**
 * The only place that touches Plotly: loaded on the client only (no SSR), one theme for every
 * chart, PNG export kept in the mode bar. Domain charts in components/charts/ build traces and
 * pass them here; pages never import Plotly.
 */

const PlotlyComponent = dynamic(
  async () => {
    const [{ default: Plotly }, { default: createPlotlyComponent }] = await Promise.all([
      import("plotly.js-dist-min"),
      import("react-plotly.js/factory"),
    ]);
    return createPlotlyComponent(Plotly);
  },
  {
    ssr: false,
    loading: () => <div className="h-full w-full animate-pulse rounded bg-slate-100 dark:bg-slate-800" />,
  },
);

export const CHART_COLORS = [
  "#2563eb",
  "#f97316",
  "#16a34a",
  "#dc2626",
  "#9333ea",
  "#0891b2",
  "#ca8a04",
  "#db2777",
];

function themedLayout(layout: Partial<Layout>, dark: boolean): Partial<Layout> {
  const text = dark ? "#e2e8f0" : "#0f172a";
  const grid = dark ? "#334155" : "#e2e8f0";
  const axis = { gridcolor: grid, zerolinecolor: grid, linecolor: grid, automargin: true };
  return {
    autosize: true,
    // The panel's own colour (white / slate-900), not transparent: an exported PNG keeps a
    // background its text is readable on, in dark mode too.
    paper_bgcolor: dark ? "#0f172a" : "#ffffff",
    plot_bgcolor: dark ? "#0f172a" : "#ffffff",
    font: { family: "ui-sans-serif, system-ui, sans-serif", size: 12, color: text },
    colorway: CHART_COLORS,
    margin: { l: 48, r: 16, t: 16, b: 40 },
    legend: { orientation: "h", y: -0.2 },
    hoverlabel: { bgcolor: dark ? "#1e293b" : "#ffffff", font: { color: text } },
    ...layout,
    xaxis: { ...axis, ...layout.xaxis },
    yaxis: { ...axis, ...layout.yaxis },
    // Plotly 4 syncs an overlaying axis's ticks to the main axis's grid, which lands them on odd
    // values (620, 1320, ...); its own round ticks read better (it draws no grid of its own).
    ...(layout.yaxis2 ? { yaxis2: { ...axis, tickmode: "auto", ...layout.yaxis2 } } : {}),
  };
}

export type PlotProps = {
  data: Partial<Data>[];
  layout?: Partial<Layout>;
  height?: number;
  /** Accessible description of what the chart shows. */
  ariaLabel: string;
  onClick?: (event: PlotMouseEvent) => void;
  testId?: string;
};

const CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  // Plotly 4 shows "Share chart..." by default, which uploads the chart's data to its cloud
  // service: the dashboard's data never leaves the browser.
  showSendToCloud: false,
  toImageButtonOptions: { format: "png", scale: 2 },
};

/** The PNG export's file name: the chart's test id or description, not Plotly's "newplot". */
function imageName(testId: string | undefined, ariaLabel: string): string {
  const base = (testId ?? ariaLabel)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return base.slice(0, 80) || "chart";
}

export function Plot({ data, layout = {}, height = 320, ariaLabel, onClick, testId }: PlotProps) {
  const dark = useColorScheme() === "dark";
  return (
    <div
      role="img"
      aria-label={ariaLabel}
      data-testid={testId ?? "chart"}
      style={{ height }}
      className="w-full"
    >
      <PlotlyComponent
        data={data}
        layout={themedLayout(layout, dark)}
        config={{
          ...CONFIG,
          toImageButtonOptions: { ...CONFIG.toImageButtonOptions, filename: imageName(testId, ariaLabel) },
        }}
        useResizeHandler
        style={{ width: "100%", height: "100%" }}
        onClick={onClick as never}
      />
    </div>
  );
}
