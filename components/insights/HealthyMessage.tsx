"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useFilters, withFilters } from "@/hooks/useFilters";
import { activeFilterKeys, FILTER_LABELS } from "@/lib/filters";

/**
 * "Nothing found", said truthfully: under dimension filters the engine compares segments only
 * with other sessions that match the filters, so a problem shared by everything the filters
 * select (the very segment an analyst drilled into) cannot show; the message says so and offers
 * the comparison without them.
 */
export function HealthyMessage({ explained }: { explained: string }) {
  const pathname = usePathname();
  const { filters } = useFilters();
  const active = activeFilterKeys(filters);
  if (active.length === 0) {
    return <>The data looks healthy: no segment is significantly worse than {explained}.</>;
  }
  const unfiltered = withFilters(pathname, { from: filters.from, to: filters.to });
  return (
    <>
      No segment is significantly worse than {explained} within these filters. Sessions are compared only with
      others that match them ({active.map((k) => FILTER_LABELS[k]).join(", ")}), so a problem shared by all of
      them cannot show here.{" "}
      <Link href={unfiltered} className="font-medium underline">
        Compare without the filters
      </Link>
      .
    </>
  );
}
