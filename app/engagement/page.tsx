"use client";

import { BarChart } from "@/components/charts/BarChart";
import { Donut } from "@/components/charts/Donut";
import { HourlyUsageChart } from "@/components/charts/HourlyUsageChart";
import { Treemap } from "@/components/charts/Treemap";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { SESSION_QUALITIES, TARGETS } from "@/db/constants";
import { PEAK_HOURS } from "@/db/metrics";
import type { DayTypeRow } from "@/db/queries/engagement/getWeekdayWeekend";
import {
  useContentMix,
  useDeviceMix,
  useHourlyUsage,
  useQualityTierWatchTime,
  useWeekdayWeekend,
} from "@/hooks/api/useEngagement";
import { useFilters } from "@/hooks/useFilters";
import { roundForUnit, unitLabel } from "@/lib/csv";
import { formatValue, percentChange, type Unit } from "@/lib/format";
import { CATEGORY_DEFINITIONS, METRICS } from "@/lib/metricCatalog";

const PEAK_LABEL = `peak ${PEAK_HOURS.from}:00–${PEAK_HOURS.to}:59`;

type Comparison = {
  metric: string;
  weekday: string;
  weekend: string;
  change: number | null;
  /** The CSV's numbers: each row has its own unit, so they are rounded here, not by the column. */
  unit: string;
  weekdayValue: number | null;
  weekendValue: number | null;
};
const COMPARED: { key: keyof DayTypeRow; label: string; unit: Unit }[] = [
  { key: "sessionsPerDay", label: "Sessions per day", unit: "count" },
  { key: "watchHoursPerDay", label: "Watch hours per day", unit: "count" },
  { key: "avgWatchMinutes", label: METRICS.avgWatchMinutes.label, unit: METRICS.avgWatchMinutes.unit },
  { key: "avgQoe", label: "QoE score", unit: "score" },
  { key: "medianStartupMs", label: "Median startup", unit: "ms" },
  { key: "rebufferRatio", label: "Rebuffer ratio", unit: "pct" },
  { key: "avgBitrateKbps", label: "Avg bitrate", unit: "kbps" },
];

function compare(rows: DayTypeRow[]): Comparison[] {
  const weekday = rows.find((r) => r.dayType === "weekday");
  const weekend = rows.find((r) => r.dayType === "weekend");
  return COMPARED.map(({ key, label, unit }) => {
    const a = (weekday?.[key] as number | null | undefined) ?? null;
    const b = (weekend?.[key] as number | null | undefined) ?? null;
    return {
      metric: label,
      weekday: formatValue(a, unit),
      weekend: formatValue(b, unit),
      change: percentChange(b, a),
      unit: unitLabel(unit) ?? "",
      weekdayValue: roundForUnit(a, unit),
      weekendValue: roundForUnit(b, unit),
    };
  });
}

export default function EngagementPage() {
  const { setFilter } = useFilters();
  const tiers = useQualityTierWatchTime();
  const hourly = useHourlyUsage();
  const dayTypes = useWeekdayWeekend();
  const devices = useDeviceMix();
  const content = useContentMix();
  const tierRows = tiers.data?.data ?? [];
  const dayRows = dayTypes.data?.data ?? [];
  const comparison = compare(dayRows);
  const deviceRows = devices.data?.data ?? [];
  const totalWatch = deviceRows.reduce((s, r) => s + r.watchHours, 0);

  return (
    <>
      <PageHeader title="Engagement">
        How viewing behaves and whether quality drives it (the seed's product view): watch time per session
        quality tier, when people watch, weekdays against weekends, which devices and which content.{" "}
        <strong>Watch time</strong>: {METRICS.avgWatchMinutes.definition} <strong>Quality tier</strong>:{" "}
        {CATEGORY_DEFINITIONS.sessionQuality}; <strong>QoE</strong>: {METRICS.avgQoe.definition} Hours are
        UTC; peak hours are {PEAK_HOURS.from}:00–{PEAK_HOURS.to}:59.
      </PageHeader>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="Watch time by quality tier"
          description="Average minutes per session for each session quality tier; do better sessions last longer?"
          state={queryState(tiers)}
          testId="engagement-tier-panel"
        >
          <BarChart
            bars={SESSION_QUALITIES.map((tier) => ({
              label: tier,
              value: tierRows.find((r) => r.tier === tier)?.avgWatchMinutes ?? null,
            }))}
            valueTitle={METRICS.avgWatchMinutes.label}
            hoverFormat=".1f"
            ariaLabel="Average watch time in minutes by session quality tier"
            height={280}
            testId="engagement-tier-chart"
          />
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400" data-testid="tier-shares">
            Share of sessions:{" "}
            {SESSION_QUALITIES.map(
              (tier) => `${tier} ${formatValue(tierRows.find((r) => r.tier === tier)?.sharePct ?? 0, "pct")}`,
            ).join(" · ")}
          </p>
        </Panel>
        <Panel
          title="Peak-hour usage"
          description={`Sessions per day by hour of day (UTC); ${PEAK_LABEL} highlighted, QoE on the right axis.`}
          state={queryState(hourly)}
          testId="engagement-hourly-panel"
        >
          <HourlyUsageChart
            points={hourly.data?.data ?? []}
            peakLabel={PEAK_LABEL}
            ariaLabel="Sessions per day by hour of day with peak hours highlighted and QoE"
            height={280}
            testId="engagement-hourly-chart"
          />
        </Panel>
        <Panel
          title="Weekday vs weekend"
          description={`Per-day volumes so 5 weekdays and 2 weekend days compare fairly${
            dayRows.length ? ` (${dayRows.map((r) => `${r.days} ${r.dayType} days`).join(", ")})` : ""
          }.`}
          state={queryState(dayTypes, dayTypes.data ? dayRows.length < 2 : undefined)}
          emptyMessage={
            dayRows.length === 1
              ? `The range holds only ${dayRows[0].dayType} days: pick a range with both to compare them.`
              : undefined
          }
          testId="engagement-weekday-panel"
        >
          <BarChart
            bars={comparison.map((c) => ({ label: c.metric, value: c.change }))}
            valueTitle="Weekend vs weekday (%)"
            horizontal
            reference={0}
            hoverFormat="+.1f"
            ariaLabel="Weekend change versus weekdays per metric, in percent"
            height={260}
            testId="engagement-weekday-chart"
          />
          <div className="mt-3">
            <DataTable<Comparison>
              rows={comparison}
              columns={[
                { key: "metric", label: "Metric" },
                { key: "weekday", label: "Weekday" },
                { key: "weekend", label: "Weekend" },
                { key: "change", label: "Weekend vs weekday", unit: "pct" },
              ]}
              csvName="weekday-vs-weekend"
              csvColumns={[
                { key: "metric", label: "Metric" },
                { key: "unit", label: "Unit" },
                { key: "weekdayValue", label: "Weekday" },
                { key: "weekendValue", label: "Weekend" },
                { key: "change", label: "Weekend vs weekday", unit: "pct" },
              ]}
              testId="engagement-weekday-table"
            />
          </div>
        </Panel>
        <Panel
          title="Device mix"
          description="Share of sessions per device type; click a slice to filter by it."
          state={queryState(devices)}
          testId="engagement-devices-panel"
        >
          <Donut
            slices={deviceRows.map((r) => ({ label: r.deviceType, value: r.sessions }))}
            centerText={`${formatValue(
              deviceRows.reduce((s, r) => s + r.sessions, 0),
              "count",
            )} sessions`}
            onSliceClick={(label) => setFilter("device", [label])}
            ariaLabel="Share of sessions by device type"
            testId="engagement-devices-chart"
          />
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Share of watch time:{" "}
            {deviceRows
              .map(
                (r) =>
                  `${r.deviceType} ${formatValue(totalWatch ? (100 * r.watchHours) / totalWatch : null, "pct")}`,
              )
              .join(" · ")}
          </p>
        </Panel>
      </div>
      <Panel
        title="Content type × genre"
        description="Tile area: sessions; colour: average QoE score (green is better). From the content dimension."
        state={queryState(content)}
        testId="engagement-content-panel"
        className="mt-4"
      >
        <Treemap
          leaves={(content.data?.data ?? []).map((r) => ({
            parent: r.contentType,
            label: r.genre,
            value: r.sessions,
            color: r.avgQoe,
          }))}
          valueLabel="sessions"
          colorTitle="QoE score"
          target={TARGETS.qoeScoreMin}
          rootLabel="All content"
          ariaLabel="Treemap of sessions by content type and genre, coloured by QoE"
          testId="engagement-content-chart"
        />
      </Panel>
    </>
  );
}
