"use client";

import { useRouter } from "next/navigation";
import { BarChart } from "@/components/charts/BarChart";
import { DotPlot } from "@/components/charts/DotPlot";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { qualityColumns } from "@/components/tables/qualityColumns";
import { TARGETS } from "@/db/constants";
import type { DeviceSummaryRow } from "@/db/queries/devices/getDeviceSummary";
import { useDeviceSummary } from "@/hooks/api/useDevices";
import { useFilters, withFilters } from "@/hooks/useFilters";
import { METRICS } from "@/lib/metricCatalog";

export default function DevicesPage() {
  const router = useRouter();
  const { filters } = useFilters();
  const summary = useDeviceSummary();
  const rows = summary.data?.data ?? [];
  const open = (deviceType: string) => router.push(withFilters(`/devices/${deviceType}`, filters));

  return (
    <>
      <PageHeader title="Devices">
        Which device types deliver the worst playback, and on what: QoE, startup and stalls per device type
        for the selected period. Click a device type (bar or row) to break it down by OS, OS version and app
        version. <strong>QoE</strong>: {METRICS.avgQoe.definition} <strong>Stalls/min</strong>:{" "}
        {METRICS.stallsPerMinute.definition} <strong>Start failures</strong>:{" "}
        {METRICS.failureRatePct.definition}
      </PageHeader>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel
          title="QoE score by device type"
          description={`Dot size: sessions; dashed red line: target ${TARGETS.qoeScoreMin}. Click a dot to open the device type.`}
          state={queryState(summary)}
          testId="devices-qoe-panel"
        >
          <DotPlot
            dots={rows.map((r) => ({ label: r.deviceType, value: r.avgQoe, sessions: r.sessions }))}
            valueTitle="QoE score"
            target={TARGETS.qoeScoreMin}
            onDotClick={open}
            ariaLabel="Average QoE score by device type"
            height={280}
            testId="devices-qoe-chart"
          />
        </Panel>
        <Panel
          title="Startup time by device type"
          description={`Median (p50) and p95 startup; dashed line: target ${TARGETS.startupMsMax} ms for the median.`}
          state={queryState(summary)}
          testId="devices-startup-panel"
        >
          <BarChart
            bars={rows.flatMap((r) => [
              { label: r.deviceType, value: r.medianStartupMs, group: "p50" },
              { label: r.deviceType, value: r.p95StartupMs, group: "p95" },
            ])}
            valueTitle="Startup (ms)"
            reference={TARGETS.startupMsMax}
            hoverFormat=",.0f"
            onBarClick={open}
            ariaLabel="Median and p95 startup time by device type"
            height={280}
            testId="devices-startup-chart"
          />
        </Panel>
      </div>
      <Panel
        title="Device types"
        description="Click a device type for its OS and app version breakdown."
        state={queryState(summary)}
        testId="devices-table-panel"
        className="mt-4"
      >
        <DataTable<DeviceSummaryRow>
          rows={rows}
          columns={[
            { key: "deviceType", label: "Device type" },
            { key: "deviceFamily", label: "Family" },
            ...qualityColumns<DeviceSummaryRow>(),
          ]}
          csvName="devices"
          onRowClick={(row) => open(row.deviceType)}
          rowLabel={(row) => `Open device type ${row.deviceType}`}
          initialSort={{ key: "sessions", desc: true }}
          testId="devices-table"
        />
      </Panel>
    </>
  );
}
