import { withFilters } from "@/hooks/useFilters";
import type { Filters } from "@/lib/filters";
import { INSIGHT_METRIC_INFO } from "@/lib/insights/metrics";
import type { Finding } from "@/lib/insights/types";

const PAGE_LABELS: Record<string, string> = {
  "/startup": "Startup",
  "/rebuffering": "Rebuffering",
  "/bitrate": "Bitrate",
  "/": "Overview",
};

/** The page that explains the finding's metric, with the current filters narrowed to its segment. */
export function findingHref(finding: Finding, current: Filters): string {
  const segment = Object.fromEntries(Object.entries(finding.link.filters).map(([k, v]) => [k, [v]]));
  return withFilters(finding.link.page, current, segment);
}

export function findingPageLabel(finding: Finding): string {
  return PAGE_LABELS[finding.link.page] ?? INSIGHT_METRIC_INFO[finding.metric].label;
}
