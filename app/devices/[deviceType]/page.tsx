"use client";

import { useParams } from "next/navigation";
import { BreakdownPanel } from "@/components/breakdowns/BreakdownPanel";
import { decodeSegment, UnknownEntity } from "@/components/breakdowns/UnknownEntity";
import { PageHeader } from "@/components/layout/PageHeader";
import { DEVICE_FAMILY, DEVICE_TYPES, type DeviceType } from "@/db/constants";
import { useDeviceBreakdown } from "@/hooks/api/useDevices";
import { useFilters } from "@/hooks/useFilters";
import type { FilterKey } from "@/lib/filters";
import { METRICS } from "@/lib/metricCatalog";

function isDeviceType(value: string): value is DeviceType {
  return (DEVICE_TYPES as readonly string[]).includes(value);
}

export default function DeviceDetailPage() {
  const params = useParams<{ deviceType: string }>();
  const deviceType = decodeSegment(params.deviceType);
  if (!isDeviceType(deviceType)) {
    return (
      <UnknownEntity
        crumbs={[{ label: "Devices", href: "/devices" }, { label: deviceType || "?" }]}
        title="Unknown device type"
        message={`"${deviceType}" is not a device type this dashboard knows.`}
        choices={DEVICE_TYPES.map((d) => ({ label: d, href: `/devices/${d}` }))}
        testId="unknown-device"
      />
    );
  }
  return <DeviceDetail deviceType={deviceType} />;
}

function DeviceDetail({ deviceType }: { deviceType: DeviceType }) {
  const { filters, setFilter } = useFilters();
  const byOs = useDeviceBreakdown(deviceType, "os");
  const byOsVersion = useDeviceBreakdown(deviceType, "osVersion");
  const byApp = useDeviceBreakdown(deviceType, "app");
  const addFilter = (key: FilterKey) => (value: string) => setFilter(key, [value]);
  const otherDevice = filters.device?.some((d) => d !== deviceType);

  return (
    <>
      <PageHeader
        title={`Device type: ${deviceType}`}
        crumbs={[{ label: "Devices", href: "/devices" }, { label: deviceType }]}
      >
        Where quality differs within {deviceType} ({DEVICE_FAMILY[deviceType].family},{" "}
        {DEVICE_FAMILY[deviceType].screenSize} screen): by operating system (parsed from the user agent), OS
        version and app version. Click a bar or row to add it as a filter; every panel then narrows to it.{" "}
        <strong>QoE</strong>: {METRICS.avgQoe.definition}
        {otherDevice ? (
          <span data-testid="device-filter-note" className="mt-1 block text-amber-700 dark:text-amber-300">
            The Device filter in the bar is replaced by {deviceType} on this page.
          </span>
        ) : null}
      </PageHeader>
      <div className="grid grid-cols-1 gap-4">
        <BreakdownPanel
          title="By operating system"
          metricParam="osMetric"
          dimensionLabel="OS"
          query={byOs}
          onSelect={addFilter("os")}
          clickHint="Click to filter by the OS."
          csvName={`${deviceType}-by-os`}
          testId="device-os-panel"
        />
        <BreakdownPanel
          title="By app version"
          metricParam="appMetric"
          dimensionLabel="App version"
          query={byApp}
          onSelect={addFilter("app")}
          clickHint="Click to filter by the app version."
          csvName={`${deviceType}-by-app-version`}
          testId="device-app-panel"
        />
      </div>
      <div className="mt-4">
        <BreakdownPanel
          title="By OS version"
          metricParam="osVersionMetric"
          description="OS name and version as parsed from the user agent; the largest groups."
          dimensionLabel="OS version"
          query={byOsVersion}
          onSelect={addFilter("osVersion")}
          clickHint="Click to filter by the OS version."
          csvName={`${deviceType}-by-os-version`}
          testId="device-os-version-panel"
        />
      </div>
    </>
  );
}
