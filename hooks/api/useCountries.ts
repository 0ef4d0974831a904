import type { CountryBreakdown } from "@/db/queries/countries/getCountryBreakdown";
import type { CountrySummaryRow } from "@/db/queries/countries/getCountrySummary";
import type { BreakdownRow } from "@/db/queries/devices/qualityProfile";
import { useFilteredQuery } from "./useFilteredQuery";

export function useCountrySummary() {
  return useFilteredQuery<CountrySummaryRow[]>(["countries", "summary"], "/api/countries/summary");
}

/** Quality within one country by ISP, CDN PoP or ISP × PoP. */
export function useCountryBreakdown(code: string, by: CountryBreakdown) {
  return useFilteredQuery<BreakdownRow[]>(["countries", `breakdown-${by}`], "/api/countries/breakdown", {
    code,
    by,
  });
}
