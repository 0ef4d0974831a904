import type { ContentMixRow } from "@/db/queries/engagement/getContentMix";
import type { DeviceMixRow } from "@/db/queries/engagement/getDeviceMix";
import type { HourlyUsageRow } from "@/db/queries/engagement/getHourlyUsage";
import type { QualityTierRow } from "@/db/queries/engagement/getQualityTierWatchTime";
import type { DayTypeRow } from "@/db/queries/engagement/getWeekdayWeekend";
import { useFilteredQuery } from "./useFilteredQuery";

export function useQualityTierWatchTime() {
  return useFilteredQuery<QualityTierRow[]>(["engagement", "quality-watch"], "/api/engagement/quality-watch");
}

export function useHourlyUsage() {
  return useFilteredQuery<HourlyUsageRow[]>(["engagement", "hourly"], "/api/engagement/hourly");
}

export function useWeekdayWeekend() {
  return useFilteredQuery<DayTypeRow[]>(["engagement", "weekday-weekend"], "/api/engagement/weekday-weekend");
}

export function useDeviceMix() {
  return useFilteredQuery<DeviceMixRow[]>(["engagement", "device-mix"], "/api/engagement/device-mix");
}

export function useContentMix() {
  return useFilteredQuery<ContentMixRow[]>(["engagement", "content"], "/api/engagement/content");
}
