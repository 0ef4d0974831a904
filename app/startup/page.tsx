"use client";

import { CategorySharePanel } from "@/components/breakdowns/CategorySharePanel";
import { colorByBand } from "@/components/charts/bands";
import { Histogram } from "@/components/charts/Histogram";
import { PercentileChart } from "@/components/charts/PercentileChart";
import { TIER_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { KpiStripPanel } from "@/components/KpiStripPanel";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { SegmentedControl } from "@/components/SegmentedControl";
import { TARGETS } from "@/db/constants";
import { metric, STARTUP_CATEGORY_BANDS } from "@/db/metrics";
import {
  useStartupCategories,
  useStartupHistogram,
  useStartupPercentiles,
  useStartupTrend,
} from "@/hooks/api/useStartup";
import { useFilters } from "@/hooks/useFilters";
import { useViewParam } from "@/hooks/useViewParam";
import { formatValue } from "@/lib/format";
import { CATEGORY_DEFINITIONS, METRICS } from "@/lib/metricCatalog";

const BIN_OPTIONS = [
  { value: "100", label: "100 ms" },
  { value: "250", label: "250 ms" },
  { value: "500", label: "500 ms" },
  { value: "1000", label: "1 s" },
] as const;
type BinWidth = (typeof BIN_OPTIONS)[number]["value"];
const BIN_WIDTHS = BIN_OPTIONS.map((o) => o.value);

const PERCENTILE_HELP =
  "pN = the startup time N % of sessions beat (p50 is the typical viewer, p95/p99 the unlucky tail).";
const SERIES_LABELS = { p50: "Median (p50)", p95: "p95" };

export default function StartupPage() {
  const { setFilter } = useFilters();
  const { value: binMs, set: setBinMs } = useViewParam<BinWidth>("bin", BIN_WIDTHS, "250");
  const histogram = useStartupHistogram(binMs);
  const categories = useStartupCategories();
  const byDevice = useStartupPercentiles("device");
  const byNetwork = useStartupPercentiles("network");
  const daily = useStartupTrend("day");
  const hourly = useStartupTrend("hour");
  const bins = histogram.data?.data ?? [];
  const deviceRows = byDevice.data?.data ?? [];
  const networkRows = byNetwork.data?.data ?? [];

  return (
    <>
      <PageHeader title="Startup time">
        How long viewers wait between pressing play and the first frame, and who waits longest. Startup time
        is measured per session in milliseconds; the target is a median of at most{" "}
        {formatValue(TARGETS.startupMsMax, "ms")}. Categories: {CATEGORY_DEFINITIONS.startupCategory}.
      </PageHeader>
      <KpiStripPanel
        title="Startup at a glance"
        metrics={["medianStartupMs", "p95StartupMs", "sessions"] as const}
        testId="startup-kpi-panel"
      />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Panel
          title="Startup time distribution"
          description="Sessions per startup-time bin, coloured by startup category (grey: a bin that spans two); the last bar gathers everything ≥ 10 s."
          state={queryState(
            histogram,
            bins.every((b) => b.sessions === 0),
          )}
          testId="startup-histogram-panel"
          className="lg:col-span-2"
          actions={
            <SegmentedControl
              label="Bin width"
              value={binMs}
              options={BIN_OPTIONS}
              onChange={setBinMs}
              testId="startup-bin-width"
            />
          }
        >
          <Histogram
            bins={bins}
            unit="ms"
            xTitle="Startup time (ms)"
            colorOf={colorByBand(metric.startupCategory, TIER_COLORS)}
            markers={STARTUP_CATEGORY_BANDS.map((b) => ({ at: b.max, label: `${b.max / 1000} s` }))}
            ariaLabel="Histogram of startup times"
            testId="startup-histogram-chart"
          />
        </Panel>
        <CategorySharePanel
          title="Share by startup category"
          description={CATEGORY_DEFINITIONS.startupCategory}
          query={categories}
          colors={TIER_COLORS}
          ariaLabel="Share of sessions per startup category"
          testId="startup-categories"
        />
      </div>
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="Startup percentiles by device type"
          description={`${PERCENTILE_HELP} Click a device to filter by it.`}
          state={queryState(byDevice)}
          testId="startup-percentiles-device-panel"
        >
          <PercentileChart
            rows={deviceRows}
            valueTitle="Startup time (ms)"
            reference={TARGETS.startupMsMax}
            onGroupClick={(device) => setFilter("device", [device])}
            ariaLabel="Startup time percentiles p50 to p99 per device type"
            testId="startup-percentiles-device-chart"
          />
        </Panel>
        <Panel
          title="Startup percentiles by network type"
          description={`${PERCENTILE_HELP} Click a network to filter by it.`}
          state={queryState(byNetwork)}
          testId="startup-percentiles-network-panel"
        >
          <PercentileChart
            rows={networkRows}
            valueTitle="Startup time (ms)"
            reference={TARGETS.startupMsMax}
            onGroupClick={(network) => setFilter("network", [network])}
            ariaLabel="Startup time percentiles p50 to p99 per network type"
            testId="startup-percentiles-network-chart"
          />
        </Panel>
        <Panel
          title="Daily startup time"
          description={`Median and p95 startup per day; dashed line = target median ${formatValue(TARGETS.startupMsMax, "ms")}. ${METRICS.medianStartupMs.definition}`}
          state={queryState(daily)}
          testId="startup-daily-panel"
        >
          <TimeSeriesChart
            rows={daily.data?.data ?? []}
            yTitle="Startup time (ms)"
            target={TARGETS.startupMsMax}
            seriesLabels={SERIES_LABELS}
            ariaLabel="Daily median and p95 startup time"
            testId="startup-daily-chart"
          />
        </Panel>
        <Panel
          title="Startup time by hour of day (UTC)"
          description="Median and p95 startup per hour of the day over the whole period: peaks reveal congestion at prime time."
          state={queryState(hourly)}
          testId="startup-hourly-panel"
        >
          <TimeSeriesChart
            rows={hourly.data?.data ?? []}
            yTitle="Startup time (ms)"
            target={TARGETS.startupMsMax}
            seriesLabels={SERIES_LABELS}
            ariaLabel="Median and p95 startup time per hour of day"
            testId="startup-hourly-chart"
          />
        </Panel>
      </div>
    </>
  );
}
