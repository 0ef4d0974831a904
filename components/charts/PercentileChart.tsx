"use client";

import { BarChart } from "./BarChart";
import { PERCENTILE_COLORS } from "./palette";

export type PercentileRow = {
  group: string;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
};
const PERCENTILES = ["p50", "p75", "p90", "p95", "p99"] as const;

type PercentileChartProps = {
  rows: PercentileRow[];
  valueTitle: string;
  /** Horizontal target line, e.g. the startup target. */
  reference?: number;
  onGroupClick?: (group: string) => void;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** p50…p99 side by side per group: the gap between p50 and p99 is the tail viewers suffer. */
export function PercentileChart({
  rows,
  valueTitle,
  reference,
  onGroupClick,
  ariaLabel,
  height,
  testId,
}: PercentileChartProps) {
  const bars = PERCENTILES.flatMap((p) => rows.map((r) => ({ label: r.group, value: r[p], group: p })));
  return (
    <BarChart
      bars={bars}
      valueTitle={valueTitle}
      reference={reference}
      groupColors={PERCENTILE_COLORS}
      hoverFormat=",.0f"
      onBarClick={onGroupClick ? (label) => onGroupClick(label) : undefined}
      ariaLabel={ariaLabel}
      height={height}
      testId={testId}
    />
  );
}
