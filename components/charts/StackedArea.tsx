"use client";

import type { Data } from "plotly.js";
import type { TimeSeriesRow } from "@/lib/timeseries";
import { Plot } from "./Plot";

type StackedAreaProps = {
  rows: TimeSeriesRow[];
  /** Series in stacking order (bottom first); series missing from `order` are appended. */
  order?: string[];
  colors?: Record<string, string>;
  yTitle: string;
  /** Suffix in hovers, e.g. " %". */
  valueSuffix?: string;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** Series stacked over time (e.g. resolution shares adding up to 100 % per day). */
export function StackedArea({
  rows,
  order = [],
  colors = {},
  yTitle,
  valueSuffix = "",
  ariaLabel,
  height,
  testId,
}: StackedAreaProps) {
  const present = [...new Set(rows.map((r) => r.series))];
  const series = [...order.filter((s) => present.includes(s)), ...present.filter((s) => !order.includes(s))];
  const ts = [...new Set(rows.map((r) => r.t))];
  const lookup = new Map(rows.map((r) => [`${r.series}\u0000${r.t}`, r]));
  const traces: Partial<Data>[] = series.map((name) => ({
    type: "scatter",
    mode: "lines",
    stackgroup: "one",
    name,
    x: ts,
    // A day without a series is a real zero share, not a gap.
    y: ts.map((t) => lookup.get(`${name}\u0000${t}`)?.value ?? 0),
    customdata: ts.map((t) => lookup.get(`${name}\u0000${t}`)?.sessions ?? 0),
    line: { width: 0.5, ...(colors[name] ? { color: colors[name] } : {}) },
    ...(colors[name] ? { fillcolor: colors[name] } : {}),
    hovertemplate: `${name}: %{y:.1f}${valueSuffix} (%{customdata:,} sessions)<extra></extra>`,
  }));
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      data={traces}
      layout={{ yaxis: { title: { text: yTitle } }, hovermode: "x unified" }}
    />
  );
}
