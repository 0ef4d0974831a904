"use client";

import { DotPlot } from "@/components/charts/DotPlot";
import { DataTable } from "@/components/DataTable";
import { Panel, queryState } from "@/components/Panel";
import { CHART_METRICS, type ChartMetric, qualityColumns } from "@/components/tables/qualityColumns";
import type { BreakdownRow } from "@/db/queries/devices/qualityProfile";
import { useViewParam } from "@/hooks/useViewParam";
import type { ApiResponse } from "@/lib/api/client";
import { METRICS } from "@/lib/metricCatalog";
import { MetricSelect } from "./MetricSelect";

type BreakdownPanelProps = {
  title: string;
  description?: string;
  /** Header of the first column, e.g. "OS version". */
  dimensionLabel: string;
  query: { isLoading: boolean; error: Error | null; data?: ApiResponse<BreakdownRow[]> };
  /** A clicked bar or row; usually adds the value as a filter. */
  onSelect?: (value: string) => void;
  /** Short hint shown under the title about what a click does. */
  clickHint?: string;
  csvName: string;
  testId: string;
  /** URL param holding the chosen metric (one per panel of a page), e.g. "osMetric". */
  metricParam: string;
  /** Bars shown at most (the table keeps every returned row). */
  maxBars?: number;
};

/** Metrics whose session-weighted mean over the rows is the metric of all rows together. */
const AVERAGEABLE = new Set<ChartMetric>([
  "avgQoe",
  "stalledSessionsPct",
  "rebufferRatio",
  "avgBitrateKbps",
  "failureRatePct",
]);

function weightedMean(rows: BreakdownRow[], metric: ChartMetric): number | null {
  let sum = 0;
  let weight = 0;
  for (const r of rows) {
    const v = r[metric];
    if (v === null) continue;
    sum += v * r.sessions;
    weight += r.sessions;
  }
  return weight ? sum / weight : null;
}

/** One breakdown dimension as a dot plot (metric selectable) and a sortable table. */
export function BreakdownPanel({
  title,
  description,
  dimensionLabel,
  query,
  onSelect,
  clickHint,
  csvName,
  testId,
  metricParam,
  maxBars = 15,
}: BreakdownPanelProps) {
  const { value: metric, set: setMetric } = useViewParam<ChartMetric>(metricParam, CHART_METRICS, "avgQoe");
  const rows = query.data?.data ?? [];
  const info = METRICS[metric];
  const hidden = rows.length ? rows[0].groupCount - rows.length : 0;
  const dots = rows
    .slice(0, maxBars)
    .map((r) => ({ label: r.value, value: r[metric], sessions: r.sessions }));
  return (
    <Panel
      title={title}
      description={[description, clickHint].filter(Boolean).join(" ")}
      state={queryState(query)}
      testId={testId}
      actions={<MetricSelect value={metric} options={CHART_METRICS} onChange={setMetric} />}
    >
      <DotPlot
        dots={dots}
        valueTitle={info.label}
        valueFormat={info.unit === "pct" ? ".2f" : info.unit === "score" ? ".1f" : ",.0f"}
        target={info.target?.value}
        average={AVERAGEABLE.has(metric) ? weightedMean(rows, metric) : null}
        onDotClick={onSelect}
        ariaLabel={`${info.label} by ${dimensionLabel}`}
        height={Math.max(170, 26 * dots.length + 70)}
        testId={`${testId}-chart`}
      />
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Dot size: sessions.{AVERAGEABLE.has(metric) ? " Dotted line: the listed rows together." : ""}
        {info.target
          ? ` Dashed red line: target ${info.target.value} (an arrow at the edge when it lies far off).`
          : ""}
        {rows.length > maxBars
          ? ` Chart shows the ${maxBars} largest of ${rows.length} rows; the table lists them all.`
          : ""}
      </p>
      <div className="mt-3">
        <DataTable<BreakdownRow>
          rows={rows}
          columns={[{ key: "value", label: dimensionLabel }, ...qualityColumns<BreakdownRow>()]}
          csvName={csvName}
          onRowClick={onSelect ? (row) => onSelect(row.value) : undefined}
          rowLabel={(row) => `Filter by ${dimensionLabel} ${row.value}`}
          initialSort={{ key: "sessions", desc: true }}
          testId={`${testId}-table`}
        />
      </div>
      {hidden > 0 ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hidden} smaller {dimensionLabel} groups are not listed.
        </p>
      ) : null}
    </Panel>
  );
}
