"use client";

import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { KpiCard } from "@/components/KpiCard";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { TARGETS } from "@/db/constants";
import { useDailyQualityTrend } from "@/hooks/api/useDailyQualityTrend";
import { useKpis } from "@/hooks/api/useKpis";
import type { MetricKey } from "@/lib/metricCatalog";

const KPI_METRICS: MetricKey[] = [
  "sessions",
  "medianStartupMs",
  "p95StartupMs",
  "rebufferRatio",
  "stalledSessionsPct",
  "avgBitrateKbps",
  "avgQoe",
  "poorSessionPct",
];

export default function OverviewPage() {
  const kpis = useKpis();
  const trend = useDailyQualityTrend();
  const k = kpis.data?.data;
  return (
    <>
      <PageHeader title="Overview">
        How playback quality is for the selected period, against targets, and versus the previous period of
        equal length{k ? ` (${k.previousFrom} – ${k.previousTo})` : ""}.
      </PageHeader>
      <Panel
        title="Key indicators"
        state={queryState(kpis, k ? k.current.sessions === 0 : undefined)}
        testId="kpi-panel"
      >
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {k
            ? KPI_METRICS.map((m) => (
                <KpiCard key={m} metric={m} value={k.current[m]} previous={k.previous[m]} />
              ))
            : null}
        </div>
      </Panel>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Panel title="Daily QoE score and sessions" state={queryState(trend)} testId="qoe-trend-panel">
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
      </div>
    </>
  );
}
