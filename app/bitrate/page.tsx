"use client";

import { BarChart } from "@/components/charts/BarChart";
import { colorByBand } from "@/components/charts/bands";
import { Donut } from "@/components/charts/Donut";
import { Histogram } from "@/components/charts/Histogram";
import { QUALITY_SCORE_COLORS, RESOLUTION_COLORS } from "@/components/charts/palette";
import { StackedArea } from "@/components/charts/StackedArea";
import { KpiStripPanel } from "@/components/KpiStripPanel";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { SegmentedControl } from "@/components/SegmentedControl";
import { RESOLUTIONS } from "@/db/constants";
import { metric, QUALITY_SCORE_BANDS, QUALITY_SCORE_FLOOR } from "@/db/metrics";
import type { BreakdownDimension } from "@/db/queries/breakdowns";
import {
  useBitrateBreakdown,
  useBitrateHistogram,
  useQualityScoreDistribution,
  useResolutionMix,
  useResolutionTrend,
} from "@/hooks/api/useBitrate";
import { useFilters } from "@/hooks/useFilters";
import { useViewParam } from "@/hooks/useViewParam";
import { formatValue } from "@/lib/format";
import { CATEGORY_DEFINITIONS, METRICS } from "@/lib/metricCatalog";

const BIN_OPTIONS = [
  { value: "250", label: "250 kbps" },
  { value: "500", label: "500 kbps" },
  { value: "1000", label: "1 Mbps" },
  { value: "2000", label: "2 Mbps" },
] as const;
type BinWidth = (typeof BIN_OPTIONS)[number]["value"];
const BIN_WIDTHS = BIN_OPTIONS.map((o) => o.value);

const DIMENSION_OPTIONS = [
  { value: "network", label: "Network" },
  { value: "device", label: "Device" },
] as const;
const MIX_DIMENSIONS = DIMENSION_OPTIONS.map((o) => o.value);

/** Resolutions stacked lowest first, so the premium tiers sit on top. */
const RESOLUTION_ORDER = [...RESOLUTIONS].reverse();

/** "100 (≥ 20.0 Mbps)" etc.: a score label that says which bitrates earn it. */
const SCORE_LABELS: Record<string, string> = Object.fromEntries([
  ...QUALITY_SCORE_BANDS.map((b) => [String(b.value), `${b.value} (≥ ${formatValue(b.min, "kbps")})`]),
  [String(QUALITY_SCORE_FLOOR), `${QUALITY_SCORE_FLOOR} (lower)`],
]);

export default function BitratePage() {
  const { setFilter } = useFilters();
  const { value: binKbps, set: setBinKbps } = useViewParam<BinWidth>("bin", BIN_WIDTHS, "1000");
  const { value: mixBy, set: setMixBy } = useViewParam<BreakdownDimension>(
    "mixBy",
    MIX_DIMENSIONS,
    "network",
  );
  const histogram = useBitrateHistogram(binKbps);
  const trend = useResolutionTrend();
  const byNetwork = useBitrateBreakdown("network");
  const byDevice = useBitrateBreakdown("device");
  const mix = useResolutionMix(mixBy);
  const scores = useQualityScoreDistribution();
  const bins = histogram.data?.data ?? [];
  const scoreRows = scores.data?.data ?? [];
  const mixRows = mix.data?.data ?? [];
  const breakdownBars = (
    rows: { group: string; avgBitrateKbps: number | null; medianBitrateKbps: number | null }[],
  ) =>
    rows.flatMap((r) => [
      { label: r.group, value: r.avgBitrateKbps, group: "Average" },
      { label: r.group, value: r.medianBitrateKbps, group: "Median" },
    ]);

  return (
    <>
      <PageHeader title="Bitrate and picture quality">
        What picture viewers actually get: the average delivered bitrate per session, the resolution it played
        at, and the quality score derived from it ({CATEGORY_DEFINITIONS.qualityScore}), which makes up 30 %
        of the QoE score.
      </PageHeader>
      <KpiStripPanel
        title="Bitrate at a glance"
        metrics={["avgBitrateKbps", "avgQoe", "sessions"] as const}
        testId="bitrate-kpi-panel"
      />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="Bitrate distribution"
          description="Sessions per average-bitrate bin, coloured by the quality score the bitrate earns (grey: a bin that spans two scores); dotted lines are the score thresholds."
          state={queryState(
            histogram,
            bins.every((b) => b.sessions === 0),
          )}
          testId="bitrate-histogram-panel"
          actions={
            <SegmentedControl
              label="Bin width"
              value={binKbps}
              options={BIN_OPTIONS}
              onChange={setBinKbps}
              testId="bitrate-bin-width"
            />
          }
        >
          <Histogram
            bins={bins}
            unit="kbps"
            xTitle="Average bitrate (kbps)"
            colorOf={colorByBand((kbps) => String(metric.qualityScore(kbps)), QUALITY_SCORE_COLORS)}
            markers={QUALITY_SCORE_BANDS.map((b) => ({ at: b.min, label: String(b.value) }))}
            ariaLabel="Histogram of average session bitrate"
            testId="bitrate-histogram-chart"
          />
        </Panel>
        <Panel
          title="Quality score distribution"
          description={`Share of sessions per bitrate quality score: ${CATEGORY_DEFINITIONS.qualityScore}.`}
          state={queryState(
            scores,
            scoreRows.every((s) => s.sessions === 0),
          )}
          testId="quality-score-panel"
        >
          <Donut
            slices={scoreRows.map((s) => ({
              label: SCORE_LABELS[s.category] ?? s.category,
              value: s.sessions,
              color: QUALITY_SCORE_COLORS[s.category],
            }))}
            centerText="quality<br>score"
            ariaLabel="Share of sessions per bitrate quality score"
            height={300}
            testId="quality-score-chart"
          />
        </Panel>
        <Panel
          title="Resolution mix over time"
          description="Share of each day's sessions per delivered resolution (adds up to 100 %)."
          state={queryState(trend)}
          testId="resolution-trend-panel"
          className="lg:col-span-2"
        >
          <StackedArea
            rows={trend.data?.data ?? []}
            order={RESOLUTION_ORDER}
            colors={RESOLUTION_COLORS}
            yTitle="Share of sessions (%)"
            valueSuffix=" %"
            ariaLabel="Daily share of sessions per resolution, stacked"
            testId="resolution-trend-chart"
          />
        </Panel>
        <Panel
          title="Bitrate by network type"
          description={`${METRICS.avgBitrateKbps.definition} And the median. Click a bar to filter by that network.`}
          state={queryState(byNetwork)}
          testId="bitrate-network-panel"
        >
          <BarChart
            bars={breakdownBars(byNetwork.data?.data ?? [])}
            valueTitle="Bitrate (kbps)"
            hoverFormat=",.0f"
            onBarClick={(network) => setFilter("network", [network])}
            ariaLabel="Average and median bitrate per network type"
            testId="bitrate-network-chart"
          />
        </Panel>
        <Panel
          title="Bitrate by device type"
          description={`${METRICS.avgBitrateKbps.definition} And the median. Click a bar to filter by that device.`}
          state={queryState(byDevice)}
          testId="bitrate-device-panel"
        >
          <BarChart
            bars={breakdownBars(byDevice.data?.data ?? [])}
            valueTitle="Bitrate (kbps)"
            hoverFormat=",.0f"
            onBarClick={(device) => setFilter("device", [device])}
            ariaLabel="Average and median bitrate per device type"
            testId="bitrate-device-chart"
          />
        </Panel>
        <Panel
          title={`Resolution mix by ${mixBy} type`}
          description={`Share of each ${mixBy} type's sessions per resolution: which networks or devices cap the picture. Click a bar to filter by it.`}
          state={queryState(mix)}
          testId="resolution-mix-panel"
          className="lg:col-span-2"
          actions={
            <SegmentedControl
              label="Break down by"
              value={mixBy}
              options={DIMENSION_OPTIONS}
              onChange={setMixBy}
              testId="resolution-mix-by"
            />
          }
        >
          <BarChart
            bars={RESOLUTION_ORDER.flatMap((resolution) =>
              mixRows
                .filter((r) => r.resolution === resolution)
                .map((r) => ({ label: r.group, value: r.pct, group: resolution })),
            )}
            valueTitle="Share of sessions (%)"
            horizontal
            stacked
            groupColors={RESOLUTION_COLORS}
            hoverFormat=".1f"
            onBarClick={(group) => setFilter(mixBy, [group])}
            ariaLabel={`Share of sessions per resolution for each ${mixBy} type`}
            height={Math.max(200, 40 * new Set(mixRows.map((r) => r.group)).size + 90)}
            testId="resolution-mix-chart"
          />
        </Panel>
      </div>
    </>
  );
}
