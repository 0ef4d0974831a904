"use client";

import { CategorySharePanel } from "@/components/breakdowns/CategorySharePanel";
import { BarChart } from "@/components/charts/BarChart";
import { Heatmap } from "@/components/charts/Heatmap";
import { SEVERITY_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { type Column, DataTable } from "@/components/DataTable";
import { KpiStripPanel } from "@/components/KpiStripPanel";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { DEVICE_TYPES, TARGETS } from "@/db/constants";
import type { TopStallContentRow } from "@/db/queries/rebuffering/getTopStallContent";
import {
  useRebufferBreakdown,
  useRebufferHeatmap,
  useRebufferTrend,
  useSeverityMix,
  useTopStallContent,
} from "@/hooks/api/useRebuffering";
import { useFilters } from "@/hooks/useFilters";
import { formatValue } from "@/lib/format";
import { CATEGORY_DEFINITIONS, METRICS } from "@/lib/metricCatalog";

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));

const CONTENT_COLUMNS: Column<TopStallContentRow>[] = [
  { key: "contentId", label: "Content" },
  { key: "contentType", label: "Type" },
  { key: "genre", label: "Genre" },
  { key: "sessions", label: "Sessions", unit: "count" },
  { key: "stallHours", label: "Stall time", unit: "hours" },
  { key: "rebufferRatio", label: "Rebuffer ratio", unit: "pct" },
  { key: "stallsPerMinute", label: "Stalls/min", unit: "perMin" },
];

export default function RebufferingPage() {
  const { setFilter } = useFilters();
  const trend = useRebufferTrend("day");
  const severity = useSeverityMix();
  const byNetwork = useRebufferBreakdown("network");
  const byDevice = useRebufferBreakdown("device");
  const content = useTopStallContent(10);
  const heatmap = useRebufferHeatmap();
  const trendRows = trend.data?.data ?? [];
  const networkRows = byNetwork.data?.data ?? [];
  const deviceRows = byDevice.data?.data ?? [];
  const contentRows = content.data?.data ?? [];
  const cells = heatmap.data?.data ?? [];
  const devices = DEVICE_TYPES.filter((d) => cells.some((c) => c.deviceType === d));
  const barHeight = (n: number) => Math.max(180, 30 * n + 70);

  return (
    <>
      <PageHeader title="Rebuffering">
        How often playback stalls, for how long, and where. Rebuffer ratio: {METRICS.rebufferRatio.definition}{" "}
        Target ≤ {formatValue(TARGETS.rebufferRatioMax, "pct")}. Stalls per minute:{" "}
        {METRICS.stallsPerMinute.definition}
      </PageHeader>
      <KpiStripPanel
        title="Rebuffering at a glance"
        metrics={["rebufferRatio", "stalledSessionsPct", "sessions"] as const}
        testId="rebuffering-kpi-panel"
      />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="Daily rebuffer ratio"
          description={`${METRICS.rebufferRatio.definition} Dashed line = target.`}
          state={queryState(trend)}
          testId="rebuffer-ratio-trend-panel"
        >
          <TimeSeriesChart
            rows={trendRows.filter((r) => r.series === "rebufferRatio")}
            yTitle="Rebuffer ratio (%)"
            target={TARGETS.rebufferRatioMax}
            seriesLabels={{ rebufferRatio: "Rebuffer ratio" }}
            ariaLabel="Daily rebuffer ratio"
            testId="rebuffer-ratio-trend-chart"
          />
        </Panel>
        <Panel
          title="Daily stalls per minute"
          description={METRICS.stallsPerMinute.definition}
          state={queryState(trend)}
          testId="stalls-per-minute-trend-panel"
        >
          <TimeSeriesChart
            rows={trendRows.filter((r) => r.series === "stallsPerMinute")}
            yTitle="Stalls per minute"
            seriesLabels={{ stallsPerMinute: "Stalls per minute" }}
            ariaLabel="Daily stalls per minute watched"
            testId="stalls-per-minute-trend-chart"
          />
        </Panel>
        <CategorySharePanel
          title="Buffering severity mix"
          description={`Sessions per stall count: ${CATEGORY_DEFINITIONS.bufferingSeverity}.`}
          query={severity}
          colors={SEVERITY_COLORS}
          ariaLabel="Share of sessions per buffering severity"
          testId="severity"
        />
        <Panel
          title="Rebuffer ratio by hour × device"
          description="Rebuffer ratio per hour of day (UTC) and device type; red = more stalling. Click a cell to filter by that device."
          state={queryState(heatmap)}
          testId="rebuffer-heatmap-panel"
        >
          <Heatmap
            cells={cells.map((c) => ({
              x: String(c.hour).padStart(2, "0"),
              y: c.deviceType,
              value: c.rebufferRatio,
              sessions: c.sessions,
            }))}
            xs={HOURS}
            ys={devices}
            xTitle="Hour"
            yTitle="Device"
            valueTitle="Rebuffer %"
            onCellClick={(_hour, device) => setFilter("device", [device])}
            ariaLabel="Heatmap of rebuffer ratio by hour of day and device type"
            testId="rebuffer-heatmap-chart"
          />
        </Panel>
        <Panel
          title="Rebuffer ratio by network type"
          description="Mean per-session stall share per network; click a bar to filter by that network."
          state={queryState(byNetwork)}
          testId="rebuffer-network-panel"
        >
          <BarChart
            bars={networkRows.map((r) => ({ label: r.group, value: r.rebufferRatio }))}
            valueTitle="Rebuffer ratio (%)"
            horizontal
            hoverFormat=".2f"
            reference={TARGETS.rebufferRatioMax}
            onBarClick={(network) => setFilter("network", [network])}
            ariaLabel="Rebuffer ratio per network type"
            height={barHeight(networkRows.length)}
            testId="rebuffer-network-chart"
          />
        </Panel>
        <Panel
          title="Rebuffer ratio by device type"
          description="Mean per-session stall share per device type; click a bar to filter by that device."
          state={queryState(byDevice)}
          testId="rebuffer-device-panel"
        >
          <BarChart
            bars={deviceRows.map((r) => ({ label: r.group, value: r.rebufferRatio }))}
            valueTitle="Rebuffer ratio (%)"
            horizontal
            hoverFormat=".2f"
            reference={TARGETS.rebufferRatioMax}
            onBarClick={(device) => setFilter("device", [device])}
            ariaLabel="Rebuffer ratio per device type"
            height={barHeight(deviceRows.length)}
            testId="rebuffer-device-chart"
          />
        </Panel>
        <Panel
          title="Top content by stall time"
          description="The 10 titles viewers spent the most time waiting on (total stall hours); a title with a high ratio, not just many sessions, points at an encoding fault. Click to filter by it."
          state={queryState(content)}
          testId="rebuffer-content-panel"
          className="lg:col-span-2"
        >
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            <BarChart
              bars={contentRows.map((r) => ({ label: r.contentId, value: r.stallHours }))}
              valueTitle="Stall time (hours)"
              horizontal
              hoverFormat=".2f"
              onBarClick={(contentId) => setFilter("content", [contentId])}
              ariaLabel="Total stall hours per content, top 10"
              height={barHeight(contentRows.length)}
              testId="rebuffer-content-chart"
            />
            <DataTable<TopStallContentRow>
              rows={contentRows}
              columns={CONTENT_COLUMNS}
              csvName="top-content-by-stall-time"
              onRowClick={(row) => setFilter("content", [row.contentId])}
              rowLabel={(row) => `Filter by content ${row.contentId}`}
              testId="rebuffer-content-table"
            />
          </div>
        </Panel>
      </div>
    </>
  );
}
