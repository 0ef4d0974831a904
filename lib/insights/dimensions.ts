import type { FilterKey } from "@/lib/filters";

/**
 * The dimensions the insights engine slices by, in canonical order (segment keys, tables and
 * sentences always list them in this order). `os_version` values are "<os_name> <os_version>"
 * (e.g. "iOS 15.3", the dashboard's osVersion filter format) so versions of different operating
 * systems never merge.
 */
export const INSIGHT_DIMENSIONS = [
  "device_type",
  "os_name",
  "os_version",
  "app_version",
  "content_id",
  "country_code",
  "isp",
  "cdn_pop",
  "network_type",
] as const;
export type InsightDimension = (typeof INSIGHT_DIMENSIONS)[number];

/** A segment: one or two dimension = value conditions (the empty segment is "all sessions"). */
export type Segment = Partial<Record<InsightDimension, string>>;

export const DIMENSION_INFO: Record<InsightDimension, { label: string; filterKey: FilterKey }> = {
  device_type: { label: "Device", filterKey: "device" },
  os_name: { label: "OS", filterKey: "os" },
  os_version: { label: "OS version", filterKey: "osVersion" },
  app_version: { label: "App version", filterKey: "app" },
  content_id: { label: "Content", filterKey: "content" },
  country_code: { label: "Country", filterKey: "country" },
  isp: { label: "ISP", filterKey: "isp" },
  cdn_pop: { label: "CDN PoP", filterKey: "pop" },
  network_type: { label: "Network", filterKey: "network" },
};

/**
 * Every pair of dimensions, each in canonical order. Nested pairs (os_name x os_version, country x
 * CDN PoP) are aggregated too: they teach the engine that "iOS 15.3" implies iOS and "BR-2" implies
 * Brazil, and are never reported because each such pair is the same set of sessions as its finer
 * side (see overlap.ts).
 */
export const DIMENSION_PAIRS: ReadonlyArray<readonly [InsightDimension, InsightDimension]> =
  INSIGHT_DIMENSIONS.flatMap((a, i) => INSIGHT_DIMENSIONS.slice(i + 1).map((b) => [a, b] as const));

export const DIMENSION_INDEX: Record<InsightDimension, number> = Object.fromEntries(
  INSIGHT_DIMENSIONS.map((d, i) => [d, i]),
) as Record<InsightDimension, number>;

export function isInsightDimension(value: string): value is InsightDimension {
  return (INSIGHT_DIMENSIONS as readonly string[]).includes(value);
}

/** The segment's dimensions in canonical order. */
export function segmentDimensions(segment: Segment): InsightDimension[] {
  return INSIGHT_DIMENSIONS.filter((d) => segment[d] !== undefined);
}

/** A stable text key, e.g. "device_type=smart_tv|content_id=content_42" (canonical order). */
export function segmentKey(segment: Segment): string {
  return segmentDimensions(segment)
    .map((d) => `${d}=${segment[d]}`)
    .join("|");
}

/** The dashboard filters that select exactly this segment (filter keys of lib/filters.ts). */
export function segmentFilters(segment: Segment): Partial<Record<FilterKey, string>> {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const d of segmentDimensions(segment)) out[DIMENSION_INFO[d].filterKey] = segment[d];
  return out;
}
