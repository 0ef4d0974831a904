"use client";

import { formatValue, type Unit } from "@/lib/format";
import { Plot } from "./Plot";

/** A bin [start, end); `end` null means "start and above" (the overflow bin). */
export type HistogramBinRow = { start: number; end: number | null; sessions: number };

type HistogramProps = {
  bins: HistogramBinRow[];
  unit: Unit;
  xTitle: string;
  /** Colour of a bin, e.g. by category band (colorByBand). */
  colorOf?: (bin: HistogramBinRow) => string;
  /** Vertical markers, e.g. category thresholds. */
  markers?: { at: number; label: string }[];
  ariaLabel: string;
  height?: number;
  testId?: string;
};

function binLabel(bin: HistogramBinRow, unit: Unit): string {
  return bin.end === null
    ? `≥ ${formatValue(bin.start, unit)}`
    : `${formatValue(bin.start, unit)} – ${formatValue(bin.end, unit)}`;
}

/** Sessions per value bin, bars touching; the overflow bin is drawn last and labelled "≥". */
export function Histogram({
  bins,
  unit,
  xTitle,
  colorOf,
  markers = [],
  ariaLabel,
  height,
  testId,
}: HistogramProps) {
  const width = bins.length > 1 ? bins[1].start - bins[0].start : 1;
  const total = bins.reduce((sum, b) => sum + b.sessions, 0);
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      data={[
        {
          type: "bar",
          name: "Sessions",
          x: bins.map((b) => b.start + width / 2),
          y: bins.map((b) => b.sessions),
          width: bins.map(() => width * 0.95),
          customdata: bins.map((b) => [binLabel(b, unit), total ? (100 * b.sessions) / total : 0]),
          hovertemplate: "%{customdata[0]}: %{y:,} sessions (%{customdata[1]:.1f} %)<extra></extra>",
          ...(colorOf ? { marker: { color: bins.map(colorOf) } } : {}),
        },
      ]}
      layout={{
        bargap: 0,
        showlegend: false,
        xaxis: { title: { text: xTitle }, range: [0, (bins.at(-1)?.start ?? 0) + width] },
        yaxis: { title: { text: "Sessions" } },
        shapes: markers.map((m) => ({
          type: "line" as const,
          xref: "x" as const,
          yref: "paper" as const,
          x0: m.at,
          x1: m.at,
          y0: 0,
          y1: 1,
          line: { color: "#64748b", dash: "dot" as const, width: 1 },
        })),
        annotations: markers.map((m) => ({
          x: m.at,
          y: 1,
          xref: "x" as const,
          yref: "paper" as const,
          text: m.label,
          showarrow: false,
          xanchor: "left" as const,
          yanchor: "top" as const,
          font: { size: 10 },
        })),
      }}
    />
  );
}
