import type { DeviceBreakdown } from "@/db/queries/devices/getDeviceBreakdown";
import type { DeviceSummaryRow } from "@/db/queries/devices/getDeviceSummary";
import type { BreakdownRow } from "@/db/queries/devices/qualityProfile";
import { useFilteredQuery } from "./useFilteredQuery";

export function useDeviceSummary() {
  return useFilteredQuery<DeviceSummaryRow[]>(["devices", "summary"], "/api/devices/summary");
}

/** Quality within one device type by OS, OS version or app version. */
export function useDeviceBreakdown(deviceType: string, by: DeviceBreakdown) {
  return useFilteredQuery<BreakdownRow[]>(["devices", `breakdown-${by}`], "/api/devices/breakdown", {
    deviceType,
    by,
  });
}
