import type { QualityDistributionRow } from "@/db/queries/overview/getQualityDistribution";
import type { WorstCountryRow } from "@/db/queries/overview/getWorstCountries";
import type { WorstDeviceRow } from "@/db/queries/overview/getWorstDevices";
import { useFilteredQuery } from "./useFilteredQuery";

export function useQualityDistribution() {
  return useFilteredQuery<QualityDistributionRow[]>(
    ["overview", "quality-distribution"],
    "/api/overview/quality-distribution",
  );
}

export function useWorstCountries() {
  return useFilteredQuery<WorstCountryRow[]>(
    ["overview", "worst-countries"],
    "/api/overview/worst-countries",
  );
}

export function useWorstDevices() {
  return useFilteredQuery<WorstDeviceRow[]>(["overview", "worst-devices"], "/api/overview/worst-devices");
}
