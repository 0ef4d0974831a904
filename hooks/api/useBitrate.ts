import type { BitrateBreakdownRow } from "@/db/queries/bitrate/getBitrateBreakdown";
import type { QualityScoreRow } from "@/db/queries/bitrate/getQualityScoreDistribution";
import type { ResolutionMixRow } from "@/db/queries/bitrate/getResolutionMix";
import type { BreakdownDimension } from "@/db/queries/breakdowns";
import type { HistogramBin } from "@/db/queries/histogram";
import type { TimeSeriesRow } from "@/lib/timeseries";
import { useFilteredQuery } from "./useFilteredQuery";

export function useBitrateHistogram(binKbps?: string) {
  return useFilteredQuery<HistogramBin[]>(["bitrate", "histogram"], "/api/bitrate/histogram", { binKbps });
}

export function useResolutionTrend() {
  return useFilteredQuery<TimeSeriesRow[]>(["bitrate", "resolution-trend"], "/api/bitrate/resolution-trend");
}

export function useBitrateBreakdown(by: BreakdownDimension) {
  return useFilteredQuery<BitrateBreakdownRow[]>(["bitrate", "breakdown"], "/api/bitrate/breakdown", { by });
}

export function useResolutionMix(by: BreakdownDimension) {
  return useFilteredQuery<ResolutionMixRow[]>(["bitrate", "resolution-mix"], "/api/bitrate/resolution-mix", {
    by,
  });
}

export function useQualityScoreDistribution() {
  return useFilteredQuery<QualityScoreRow[]>(["bitrate", "quality-score"], "/api/bitrate/quality-score");
}
