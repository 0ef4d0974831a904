import type { BreakdownDimension } from "@/db/queries/breakdowns";
import type { HistogramBin } from "@/db/queries/histogram";
import type { StartupCategoryRow } from "@/db/queries/startup/getStartupCategories";
import type { StartupPercentileRow } from "@/db/queries/startup/getStartupPercentiles";
import type { TimeGrain } from "@/db/queries/timeGrain";
import type { TimeSeriesRow } from "@/lib/timeseries";
import { useFilteredQuery } from "./useFilteredQuery";

export function useStartupHistogram(binMs?: string) {
  return useFilteredQuery<HistogramBin[]>(["startup", "histogram"], "/api/startup/histogram", { binMs });
}

export function useStartupPercentiles(by: BreakdownDimension) {
  return useFilteredQuery<StartupPercentileRow[]>(["startup", "percentiles"], "/api/startup/percentiles", {
    by,
  });
}

export function useStartupTrend(grain: TimeGrain) {
  return useFilteredQuery<TimeSeriesRow[]>(["startup", "trend"], "/api/startup/trend", { grain });
}

export function useStartupCategories() {
  return useFilteredQuery<StartupCategoryRow[]>(["startup", "categories"], "/api/startup/categories");
}
