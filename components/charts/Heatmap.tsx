"use client";

import { Plot } from "./Plot";

/** Green (good) through amber to red (bad), readable on light and dark backgrounds. */
const GOOD_TO_BAD: [number, string][] = [
  [0, "#16a34a"],
  [0.5, "#facc15"],
  [1, "#dc2626"],
];
const BAD_TO_GOOD: [number, string][] = [
  [0, "#dc2626"],
  [0.5, "#facc15"],
  [1, "#16a34a"],
];

export type HeatmapCell = { x: string; y: string; value: number | null; sessions: number };

type HeatmapProps = {
  cells: HeatmapCell[];
  /** Axis categories in display order (cells missing from the data stay blank). */
  xs: string[];
  ys: string[];
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  /** d3 format for the value in hovers, e.g. ".2f". */
  valueFormat?: string;
  /** true when high values are bad (red), false when high values are good (green). */
  highIsBad?: boolean;
  onCellClick?: (x: string, y: string) => void;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** A value per (x, y) pair, e.g. hour of day × device type; clicking a cell can drill down. */
export function Heatmap({
  cells,
  xs,
  ys,
  xTitle,
  yTitle,
  valueTitle,
  valueFormat = ".2f",
  highIsBad = true,
  onCellClick,
  ariaLabel,
  height,
  testId,
}: HeatmapProps) {
  const lookup = new Map(cells.map((c) => [`${c.x}\u0000${c.y}`, c]));
  const z = ys.map((y) => xs.map((x) => lookup.get(`${x}\u0000${y}`)?.value ?? null));
  const sessions = ys.map((y) => xs.map((x) => lookup.get(`${x}\u0000${y}`)?.sessions ?? 0));
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      onClick={
        onCellClick
          ? (event) => {
              const point = event.points[0];
              if (point) onCellClick(String(point.x), String(point.y));
            }
          : undefined
      }
      data={[
        {
          type: "heatmap",
          x: xs,
          y: ys,
          z,
          customdata: sessions as unknown as number[],
          colorscale: highIsBad ? GOOD_TO_BAD : BAD_TO_GOOD,
          colorbar: { title: { text: valueTitle }, thickness: 12 },
          xgap: 1,
          ygap: 1,
          hovertemplate: `${yTitle} %{y}, ${xTitle} %{x}: %{z:${valueFormat}} (%{customdata:,} sessions)<extra></extra>`,
        },
      ]}
      layout={{
        xaxis: { title: { text: xTitle }, type: "category", showgrid: false },
        // First category on top, as a table reads.
        yaxis: { title: { text: yTitle }, type: "category", showgrid: false, autorange: "reversed" },
        margin: { l: 80, r: 16, t: 8, b: 48 },
      }}
    />
  );
}
