import type { InsightMetric } from "@/lib/insights/metrics";
import type { InsightsReport } from "@/lib/insights/types";
import { useFilteredQuery } from "./useFilteredQuery";

/** Root-cause findings for the current filters (one metric or all), ranked by impact. */
export function useInsights(options: { metric?: InsightMetric | "all"; limit?: number } = {}) {
  const metric = options.metric ?? "all";
  const limit = String(options.limit ?? 20);
  return useFilteredQuery<InsightsReport>(["insights", `report:${metric}:${limit}`], "/api/insights", {
    metric,
    limit,
  });
}
