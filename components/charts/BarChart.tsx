"use client";

import type { PlotMouseEvent } from "plotly.js";
import { Plot } from "./Plot";

export type Bar = { label: string; value: number | null; group?: string };

type BarChartProps = {
  bars: Bar[];
  valueTitle: string;
  horizontal?: boolean;
  /** Reference line, e.g. a target. */
  reference?: number;
  onBarClick?: (label: string, group?: string) => void;
  /** Stack the groups instead of placing them side by side (e.g. shares adding up to 100 %). */
  stacked?: boolean;
  /** Fixed colour per group name, so a category keeps its colour across charts. */
  groupColors?: Record<string, string>;
  /** Plotly/d3 number format for hover values, e.g. ",.0f" or ".2f". */
  hoverFormat?: string;
  /** Fixed value-axis range, e.g. to zoom in on small differences between groups. */
  valueRange?: [number, number];
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** Bars per category (grouped when bars carry a group); clicking a bar can drill down. */
export function BarChart({
  bars,
  valueTitle,
  horizontal,
  reference,
  onBarClick,
  stacked,
  groupColors,
  hoverFormat,
  valueRange,
  ariaLabel,
  height,
  testId,
}: BarChartProps) {
  const groups = [...new Set(bars.map((b) => b.group ?? ""))];
  const data = groups.map((group) => {
    const members = bars.filter((b) => (b.group ?? "") === group);
    const labels = members.map((b) => b.label);
    const values = members.map((b) => b.value);
    return {
      type: "bar" as const,
      name: group || valueTitle,
      orientation: horizontal ? ("h" as const) : ("v" as const),
      x: horizontal ? values : labels,
      y: horizontal ? labels : values,
      customdata: members.map(() => group),
      ...(groupColors?.[group] ? { marker: { color: groupColors[group] } } : {}),
      ...(hoverFormat
        ? {
            hovertemplate: `%{${horizontal ? "y" : "x"}}${group ? ` · ${group}` : ""}: %{${horizontal ? "x" : "y"}:${hoverFormat}}<extra></extra>`,
          }
        : {}),
    };
  });
  const valueAxis = { title: { text: valueTitle }, ...(valueRange ? { range: valueRange } : {}) };
  const shapes =
    reference === undefined
      ? []
      : [
          {
            type: "line" as const,
            xref: horizontal ? ("x" as const) : ("paper" as const),
            yref: horizontal ? ("paper" as const) : ("y" as const),
            x0: horizontal ? reference : 0,
            x1: horizontal ? reference : 1,
            y0: horizontal ? 0 : reference,
            y1: horizontal ? 1 : reference,
            line: { color: "#dc2626", dash: "dash" as const, width: 1 },
          },
        ];
  const handleClick = onBarClick
    ? (event: PlotMouseEvent) => {
        const point = event.points[0];
        if (!point) return;
        const label = String(horizontal ? point.y : point.x);
        const group = (point as unknown as { customdata?: string }).customdata || undefined;
        onBarClick(label, group);
      }
    : undefined;
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      data={data}
      onClick={handleClick}
      layout={{
        barmode: stacked ? "stack" : "group",
        showlegend: groups.length > 1,
        shapes,
        ...(horizontal
          ? { xaxis: valueAxis, yaxis: { automargin: true, autorange: "reversed" } }
          : { yaxis: valueAxis }),
      }}
    />
  );
}
