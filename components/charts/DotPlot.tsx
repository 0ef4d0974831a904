"use client";

import { CHART_COLORS, Plot } from "./Plot";

export type Dot = { label: string; value: number | null; sessions: number };

type DotPlotProps = {
  dots: Dot[];
  valueTitle: string;
  /** d3 format for hovers, e.g. ".1f". */
  valueFormat?: string;
  /** Dashed red line, e.g. a target. */
  target?: number;
  /** Dotted grey line, e.g. the session-weighted average of all dots. */
  average?: number | null;
  onDotClick?: (label: string) => void;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/**
 * One dot per category on a value axis that does not start at zero, for comparing groups whose
 * values sit close together (scores, percentiles) where bars from zero would all look equal.
 * Dot size follows the session count so small groups read as less certain.
 */
export function DotPlot({
  dots,
  valueTitle,
  valueFormat = ".1f",
  target,
  average,
  onDotClick,
  ariaLabel,
  height,
  testId,
}: DotPlotProps) {
  const maxSessions = Math.max(1, ...dots.map((d) => d.sessions));
  const line = (x: number, color: string, dash: "dash" | "dot") => ({
    type: "line" as const,
    xref: "x" as const,
    yref: "paper" as const,
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color, dash, width: 1 },
  });
  const values = dots.map((d) => d.value).filter((v): v is number => v !== null);
  // Keep the target in view only when it is near the data, so it never squashes the dots.
  const span = values.length ? Math.max(...values) - Math.min(...values) : 0;
  const mid = values.length ? (Math.max(...values) + Math.min(...values)) / 2 : 0;
  const showTarget = target !== undefined && values.length > 0 && Math.abs(target - mid) < 3 * span + 5;
  // Never zoom below ±1 % of the values: differences of a tenth of a point would fill the width.
  const minHalfWidth = Math.abs(mid) * 0.01;
  const range =
    values.length > 0 && !showTarget && span / 2 < minHalfWidth
      ? [mid - minHalfWidth * 1.15, mid + minHalfWidth * 1.15]
      : undefined;
  // A target too far off to draw is pointed at from the edge it lies beyond.
  const offChartTarget =
    target !== undefined && values.length > 0 && !showTarget
      ? {
          xref: "paper" as const,
          yref: "paper" as const,
          x: target > mid ? 1 : 0,
          xanchor: target > mid ? ("right" as const) : ("left" as const),
          y: 1,
          yanchor: "bottom" as const,
          showarrow: false,
          text: target > mid ? `target ${target} →` : `← target ${target}`,
          font: { color: "#dc2626", size: 11 },
        }
      : null;
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      onClick={
        onDotClick
          ? (event) => {
              const point = event.points[0];
              if (point) onDotClick(String(point.y));
            }
          : undefined
      }
      data={[
        {
          type: "scatter",
          mode: "markers",
          x: dots.map((d) => d.value),
          y: dots.map((d) => d.label),
          customdata: dots.map((d) => d.sessions) as unknown as number[],
          marker: {
            color: CHART_COLORS[0],
            size: dots.map((d) => 7 + 9 * Math.sqrt(d.sessions / maxSessions)),
            line: { color: "#ffffff", width: 1 },
          },
          hovertemplate: `%{y}: %{x:${valueFormat}} (%{customdata:,} sessions)<extra></extra>`,
        },
      ]}
      layout={{
        showlegend: false,
        xaxis: { title: { text: valueTitle }, zeroline: false, ...(range ? { range } : {}) },
        annotations: offChartTarget ? [offChartTarget] : [],
        yaxis: { type: "category", automargin: true, autorange: "reversed" },
        shapes: [
          ...(showTarget && target !== undefined ? [line(target, "#dc2626", "dash")] : []),
          ...(average !== undefined && average !== null ? [line(average, "#64748b", "dot")] : []),
        ],
      }}
    />
  );
}
