import type { TimeSeriesRow } from "@/lib/timeseries";
import { useFilteredQuery } from "./useFilteredQuery";

export function useDailyQualityTrend() {
  return useFilteredQuery<TimeSeriesRow[]>(["overview", "trend"], "/api/overview/trend");
}
