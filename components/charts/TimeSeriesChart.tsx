"use client";

import type { Data, LayoutAxis } from "plotly.js";
import { daysInRange, shiftDate } from "@/lib/filters";
import { breakAtMissingDays, type TimeSeriesRow } from "@/lib/timeseries";
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * A daily series' x axis: half a day of room on either side of the first and last day (so one
 * day is a bar or dot in the middle, not a point stretched over milliseconds), and one tick per
 * day when there are only a few.
 */
function dayAxis(xs: string[]): { range: [string, string]; axis: Partial<LayoutAxis> } | null {
  if (xs.length === 0 || !xs.every((t) => ISO_DATE.test(t))) return null;
  const sorted = [...xs].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const range: [string, string] = [`${shiftDate(first, -1)} 12:00`, `${last} 12:00`];
  const fewDays = daysInRange(first, last) <= 7;
  return {
    range,
    axis: { type: "date", range, ...(fewDays ? { dtick: DAY_MS, tickformat: "%b %-d" } : {}) },
  };
}

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

  const xs = rows.map((r) => r.t);
  const days = dayAxis(xs);
  const traces: Partial<Data>[] = [...bySeries.entries()].map(([series, rawPoints]) => {
    const points = days
      ? breakAtMissingDays([...rawPoints].sort((a, b) => a.t.localeCompare(b.t)))
      : rawPoints;
    return {
      type: "scatter",
      mode: "lines+markers",
      name: seriesLabels?.[series] ?? series,
      x: points.map((p) => p.t),
      y: points.map((p) => p.value),
      marker: { size: 4 },
    };
  });
  if (showVolume) {
    const volume = new Map<string, number>();
    for (const row of rows) volume.set(row.t, (volume.get(row.t) ?? 0) + row.sessions);
    traces.unshift({
      type: "bar",
      name: "Sessions",
      x: [...volume.keys()],
      y: [...volume.values()],
      yaxis: "y2",
      // Plotly sizes bars by the gap between them: a lone day's bar needs its width spelt out (ms).
      ...(days ? { width: 0.8 * DAY_MS } : {}),
      marker: { color: "rgba(148,163,184,0.35)" },
      hovertemplate: "%{y:,} sessions<extra></extra>",
    });
  }
  if (target !== undefined && xs.length) {
    traces.push({
      type: "scatter",
      mode: "lines",
      name: "Target",
      x: days ? days.range : [xs[0], xs[xs.length - 1]],
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
        ...(days ? { xaxis: days.axis } : {}),
        yaxis: { title: { text: yTitle } },
        ...(showVolume
          ? { yaxis2: { title: { text: "Sessions" }, overlaying: "y", side: "right", showgrid: false } }
          : {}),
        hovermode: "x unified",
      }}
    />
  );
}
