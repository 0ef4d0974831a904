"use client";

import { CHART_COLORS, Plot } from "./Plot";

export type HourlyUsagePoint = {
  hour: number;
  sessionsPerDay: number;
  avgQoe: number | null;
  isPeak: boolean;
};

type HourlyUsageChartProps = {
  points: HourlyUsagePoint[];
  peakLabel: string;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** Sessions per day by hour, peak hours in a stronger colour, QoE as a line on a second axis. */
export function HourlyUsageChart({ points, peakLabel, ariaLabel, height, testId }: HourlyUsageChartProps) {
  const hours = points.map((p) => p.hour);
  const peak = points.filter((p) => p.isPeak).map((p) => p.hour);
  const peakCentre = peak.length ? (Math.min(...peak) + Math.max(...peak)) / 2 : null;
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      data={[
        {
          type: "bar",
          name: "Sessions per day",
          x: hours,
          y: points.map((p) => p.sessionsPerDay),
          marker: { color: points.map((p) => (p.isPeak ? CHART_COLORS[1] : "rgba(37,99,235,0.55)")) },
          customdata: points.map((p) => (p.isPeak ? peakLabel : "off-peak")) as unknown as number[],
          hovertemplate: "%{x}:00 · %{customdata}: %{y:,.1f} sessions/day<extra></extra>",
        },
        {
          type: "scatter",
          mode: "lines+markers",
          name: "QoE score",
          x: hours,
          y: points.map((p) => p.avgQoe),
          yaxis: "y2",
          marker: { size: 4, color: CHART_COLORS[2] },
          line: { color: CHART_COLORS[2] },
          hovertemplate: "%{x}:00 · QoE %{y:.1f}<extra></extra>",
        },
      ]}
      layout={{
        xaxis: { title: { text: "Hour of day (UTC)" }, dtick: 1, range: [-0.5, 23.5] },
        yaxis: { title: { text: "Sessions per day" } },
        yaxis2: { title: { text: "QoE score" }, overlaying: "y", side: "right", showgrid: false },
        showlegend: true,
        legend: { orientation: "h", x: 0, y: -0.28 },
        margin: { l: 48, r: 48, t: 32, b: 80 },
        annotations:
          peakCentre === null
            ? []
            : [
                {
                  text: peakLabel,
                  xref: "x",
                  yref: "paper",
                  x: peakCentre,
                  // Above the plot area, clear of the tallest bar.
                  y: 1,
                  yanchor: "bottom",
                  showarrow: false,
                  font: { size: 11, color: CHART_COLORS[1] },
                },
              ],
      }}
    />
  );
}
