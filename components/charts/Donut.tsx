"use client";

import { Plot } from "./Plot";

export type Slice = { label: string; value: number; color?: string };

type DonutProps = {
  slices: Slice[];
  /** Short text in the hole, e.g. the total. */
  centerText?: string;
  /** Extra words after the label in the hover, e.g. "sessions". */
  valueLabel?: string;
  onSliceClick?: (label: string) => void;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** Shares of a whole as a ring; slices keep the order given (no sorting) so categories stay put. */
export function Donut({
  slices,
  centerText,
  valueLabel = "sessions",
  onSliceClick,
  ariaLabel,
  height = 280,
  testId,
}: DonutProps) {
  const colors = slices.map((s) => s.color);
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      onClick={
        onSliceClick
          ? (event) => {
              const point = event.points[0] as unknown as { label?: string } | undefined;
              if (point?.label) onSliceClick(point.label);
            }
          : undefined
      }
      data={[
        {
          type: "pie",
          hole: 0.55,
          sort: false,
          direction: "clockwise",
          labels: slices.map((s) => s.label),
          values: slices.map((s) => s.value),
          ...(colors.every(Boolean) ? { marker: { colors: colors as string[] } } : {}),
          textinfo: "percent",
          textposition: "inside",
          insidetextorientation: "horizontal",
          hovertemplate: `%{label}: %{value:,} ${valueLabel} (%{percent})<extra></extra>`,
        },
      ]}
      layout={{
        margin: { l: 8, r: 8, t: 8, b: 8 },
        showlegend: true,
        legend: { orientation: "v", x: 1, y: 0.5 },
        ...(centerText
          ? {
              annotations: [
                {
                  text: centerText,
                  showarrow: false,
                  x: 0.5,
                  y: 0.5,
                  xref: "paper",
                  yref: "paper",
                  font: { size: 14 },
                },
              ],
            }
          : {}),
      }}
    />
  );
}
