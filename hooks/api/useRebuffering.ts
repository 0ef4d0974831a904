import type { BreakdownDimension } from "@/db/queries/breakdowns";
import type { RebufferBreakdownRow } from "@/db/queries/rebuffering/getRebufferBreakdown";
import type { RebufferHeatmapCell } from "@/db/queries/rebuffering/getRebufferHeatmap";
import type { SeverityRow } from "@/db/queries/rebuffering/getSeverityMix";
import type { TopStallContentRow } from "@/db/queries/rebuffering/getTopStallContent";
import type { TimeGrain } from "@/db/queries/timeGrain";
import type { TimeSeriesRow } from "@/lib/timeseries";
import { useFilteredQuery } from "./useFilteredQuery";

export function useRebufferTrend(grain: TimeGrain) {
  return useFilteredQuery<TimeSeriesRow[]>(["rebuffering", "trend"], "/api/rebuffering/trend", { grain });
}

export function useSeverityMix() {
  return useFilteredQuery<SeverityRow[]>(["rebuffering", "severity"], "/api/rebuffering/severity");
}

export function useRebufferBreakdown(by: BreakdownDimension) {
  return useFilteredQuery<RebufferBreakdownRow[]>(
    ["rebuffering", "breakdown"],
    "/api/rebuffering/breakdown",
    {
      by,
    },
  );
}

export function useTopStallContent(limit?: number) {
  return useFilteredQuery<TopStallContentRow[]>(
    ["rebuffering", "top-content"],
    "/api/rebuffering/top-content",
    {
      limit: limit === undefined ? undefined : String(limit),
    },
  );
}

export function useRebufferHeatmap() {
  return useFilteredQuery<RebufferHeatmapCell[]>(["rebuffering", "heatmap"], "/api/rebuffering/heatmap");
}
