"use client";

import { useRouter } from "next/navigation";
import { CategorySharePanel } from "@/components/breakdowns/CategorySharePanel";
import { BarChart } from "@/components/charts/BarChart";
import { TIER_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { type Column, DataTable } from "@/components/DataTable";
import { TopIssuesPanel } from "@/components/insights/TopIssuesPanel";
import { KpiCards } from "@/components/KpiCard";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { TARGETS } from "@/db/constants";
import type { WorstCountryRow } from "@/db/queries/overview/getWorstCountries";
import type { WorstDeviceRow } from "@/db/queries/overview/getWorstDevices";
import { useDailyQualityTrend } from "@/hooks/api/useDailyQualityTrend";
import { useKpis } from "@/hooks/api/useKpis";
import { useQualityDistribution, useWorstCountries, useWorstDevices } from "@/hooks/api/useOverview";
import { useFilters, withFilters } from "@/hooks/useFilters";
import { CATEGORY_DEFINITIONS, METRICS, type MetricKey } from "@/lib/metricCatalog";

const KPI_METRICS = [
  "sessions",
  "medianStartupMs",
  "p95StartupMs",
  "rebufferRatio",
  "stalledSessionsPct",
  "avgBitrateKbps",
  "avgQoe",
  "poorSessionPct",
] as const satisfies readonly MetricKey[];

/** Rows listed under the worst-of charts (the chart shows every group). */
const TABLE_ROWS = 5;

const WORST_COLUMNS: Column<WorstCountryRow & WorstDeviceRow>[] = [
  { key: "sessions", label: "Sessions", unit: "count" },
  { key: "avgQoe", label: "QoE", unit: "score" },
  { key: "poorSessionPct", label: "Poor", unit: "pct" },
  { key: "rebufferRatio", label: "Rebuffer", unit: "pct" },
  { key: "avgStartupMs", label: "Avg startup", unit: "ms" },
];

/**
 * Value axis for the QoE bars: group averages sit within a few points of each other, so start the
 * axis a little below the worst instead of at 0, and keep the target in view.
 */
function zoomedRange(values: (number | null)[]): [number, number] | undefined {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return undefined;
  const low = Math.max(0, Math.floor(Math.min(...present) - 5));
  const high = Math.min(100, Math.ceil(Math.max(TARGETS.qoeScoreMin, ...present) + 2));
  return [low, high];
}

export default function OverviewPage() {
  const router = useRouter();
  const { filters } = useFilters();
  const kpis = useKpis();
  const trend = useDailyQualityTrend();
  const distribution = useQualityDistribution();
  const countries = useWorstCountries();
  const devices = useWorstDevices();
  const k = kpis.data?.data;
  const countryRows = countries.data?.data ?? [];
  const deviceRows = devices.data?.data ?? [];
  const rowHeight = (n: number) => Math.max(180, 30 * n + 70);

  return (
    <>
      <PageHeader title="Overview">
        How playback quality is for the selected period, against targets, and versus the previous period of
        equal length{k ? ` (${k.previousFrom} – ${k.previousTo})` : ""}. QoE score:{" "}
        {METRICS.avgQoe.definition}
      </PageHeader>
      <Panel
        title="Key indicators"
        state={queryState(kpis, k ? k.current.sessions === 0 : undefined)}
        testId="kpi-panel"
      >
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {k ? <KpiCards kpis={k} metrics={KPI_METRICS} /> : null}
        </div>
      </Panel>
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="Daily QoE score and sessions"
          description={`Average QoE score per day (target ≥ ${TARGETS.qoeScoreMin}), grey bars = sessions.`}
          state={queryState(trend)}
          testId="qoe-trend-panel"
        >
          <TimeSeriesChart
            rows={trend.data?.data ?? []}
            yTitle="QoE score"
            showVolume
            target={TARGETS.qoeScoreMin}
            seriesLabels={{ qoe: "QoE score" }}
            ariaLabel="Daily average QoE score with session volume"
            testId="qoe-trend-chart"
          />
        </Panel>
        <CategorySharePanel
          title="Quality distribution"
          description={`Sessions per quality tier: ${CATEGORY_DEFINITIONS.sessionQuality}.`}
          query={distribution}
          colors={TIER_COLORS}
          ariaLabel="Share of sessions per session quality tier"
          height={320}
          testId="quality-distribution"
        />
        <Panel
          title="Countries by QoE (worst first)"
          description="Average QoE score per viewer country (axis zoomed to show the gaps); click a bar or row to open the country's ISPs and CDN PoPs."
          state={queryState(countries)}
          testId="worst-countries-panel"
        >
          <BarChart
            bars={countryRows.map((r) => ({ label: r.countryCode, value: r.avgQoe }))}
            valueTitle="QoE score"
            horizontal
            hoverFormat=".1f"
            reference={TARGETS.qoeScoreMin}
            valueRange={zoomedRange(countryRows.map((r) => r.avgQoe))}
            onBarClick={(code) => router.push(withFilters(`/countries/${code}`, filters))}
            ariaLabel="Average QoE score per country, worst first"
            height={rowHeight(countryRows.length)}
            testId="worst-countries-chart"
          />
          <DataTable<WorstCountryRow>
            rows={countryRows.slice(0, TABLE_ROWS)}
            columns={[
              { key: "countryName", label: "Country" },
              ...WORST_COLUMNS.map((c) => c as Column<WorstCountryRow>),
            ]}
            csvName="worst-countries"
            csvRows={countryRows}
            csvColumns={[
              { key: "countryCode", label: "Country code" },
              { key: "countryName", label: "Country" },
              ...WORST_COLUMNS.map((c) => c as Column<WorstCountryRow>),
            ]}
            onRowClick={(row) => router.push(withFilters(`/countries/${row.countryCode}`, filters))}
            rowLabel={(row) => `Open ${row.countryName}`}
            testId="worst-countries-table"
          />
        </Panel>
        <Panel
          title="Device types by QoE (worst first)"
          description="Average QoE score per device type (axis zoomed to show the gaps); click a bar or row to break it down by OS and app version."
          state={queryState(devices)}
          testId="worst-devices-panel"
        >
          <BarChart
            bars={deviceRows.map((r) => ({ label: r.deviceType, value: r.avgQoe }))}
            valueTitle="QoE score"
            horizontal
            hoverFormat=".1f"
            reference={TARGETS.qoeScoreMin}
            valueRange={zoomedRange(deviceRows.map((r) => r.avgQoe))}
            onBarClick={(type) => router.push(withFilters(`/devices/${type}`, filters))}
            ariaLabel="Average QoE score per device type, worst first"
            height={rowHeight(deviceRows.length)}
            testId="worst-devices-chart"
          />
          <DataTable<WorstDeviceRow>
            rows={deviceRows.slice(0, TABLE_ROWS)}
            columns={[
              { key: "deviceType", label: "Device" },
              ...WORST_COLUMNS.map((c) => c as Column<WorstDeviceRow>),
            ]}
            csvName="worst-devices"
            csvRows={deviceRows}
            onRowClick={(row) => router.push(withFilters(`/devices/${row.deviceType}`, filters))}
            rowLabel={(row) => `Open ${row.deviceType}`}
            testId="worst-devices-table"
          />
        </Panel>
        <div className="lg:col-span-2">
          <TopIssuesPanel />
        </div>
      </div>
    </>
  );
}
