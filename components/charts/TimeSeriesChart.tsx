"use client";

import type { Data } from "plotly.js";
import type { TimeSeriesRow } from "@/lib/timeseries";
import { Plot } from "./Plot";

type TimeSeriesChartProps = {
  rows: TimeSeriesRow[];
  yTitle: string;
  /** Draw session volume as bars on a second axis. */
  showVolume?: boolean;
  /** Horizontal target line. */
  target?: number;
  seriesLabels?: Record<string, string>;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** Lines per series over time (the one time-series shape), optional volume bars and target. */
export function TimeSeriesChart({
  rows,
  yTitle,
  showVolume,
  target,
  seriesLabels,
  ariaLabel,
  height,
  testId,
}: TimeSeriesChartProps) {
  const bySeries = new Map<string, TimeSeriesRow[]>();
  for (const row of rows) bySeries.set(row.series, [...(bySeries.get(row.series) ?? []), row]);

  const traces: Partial<Data>[] = [...bySeries.entries()].map(([series, points]) => ({
    type: "scatter",
    mode: "lines+markers",
    name: seriesLabels?.[series] ?? series,
    x: points.map((p) => p.t),
    y: points.map((p) => p.value),
    marker: { size: 4 },
  }));
  if (showVolume) {
    const volume = new Map<string, number>();
    for (const row of rows) volume.set(row.t, (volume.get(row.t) ?? 0) + row.sessions);
    traces.unshift({
      type: "bar",
      name: "Sessions",
      x: [...volume.keys()],
      y: [...volume.values()],
      yaxis: "y2",
      marker: { color: "rgba(148,163,184,0.35)" },
      hovertemplate: "%{y:,} sessions<extra></extra>",
    });
  }
  const xs = rows.map((r) => r.t);
  if (target !== undefined && xs.length) {
    traces.push({
      type: "scatter",
      mode: "lines",
      name: "Target",
      x: [xs[0], xs[xs.length - 1]],
      y: [target, target],
      line: { dash: "dash", color: "#dc2626", width: 1 },
      hoverinfo: "skip",
    });
  }
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      data={traces}
      layout={{
        yaxis: { title: { text: yTitle } },
        ...(showVolume
          ? { yaxis2: { title: { text: "Sessions" }, overlaying: "y", side: "right", showgrid: false } }
          : {}),
        hovermode: "x unified",
      }}
    />
  );
}
