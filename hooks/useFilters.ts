"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  FILTER_KEYS,
  type FilterKey,
  type Filters,
  filtersToSearchParams,
  parseValidFilters,
} from "@/lib/filters";

/**
 * Dashboard filter state lives in the URL only, so a copied link reproduces the view. Page-local
 * params (e.g. a metric selector) are kept when filters change; invalid filter params are
 * dropped from the URL on the next change.
 */
export function useFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  // Bad params are left out (and named in the filter bar), the valid ones still apply.
  const parsed = useMemo(
    () => parseValidFilters(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  const filters: Filters = parsed.value;

  /** The filters in force, as API query params. */
  const apiParams = useMemo(() => filtersToSearchParams(filters), [filters]);

  const update = useCallback(
    (next: Filters) => {
      const params = new URLSearchParams(searchParams.toString());
      for (const key of ["from", "to", ...FILTER_KEYS]) params.delete(key);
      for (const [key, value] of filtersToSearchParams(next)) params.set(key, value);
      const query = params.toString();
      // A history entry per change: Back undoes a filter or a click-to-filter drill-down.
      router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  const setFilter = useCallback(
    (key: FilterKey, values: string[]) => update({ ...filters, [key]: values.length ? values : undefined }),
    [filters, update],
  );
  const setRange = useCallback(
    (from: string | undefined, to: string | undefined) => update({ ...filters, from, to }),
    [filters, update],
  );
  const clear = useCallback(() => update({ from: filters.from, to: filters.to }), [filters, update]);

  /** Search string carrying the current filters, for links to other pages. */
  const linkQuery = apiParams.toString();

  return {
    filters,
    parseError: parsed.error,
    apiParams,
    linkQuery,
    update,
    setFilter,
    setRange,
    clear,
  };
}

/** Builds a link to `path` with the current filters plus `extra` filter values. */
export function withFilters(path: string, filters: Filters, extra: Partial<Filters> = {}): string {
  const query = filtersToSearchParams({ ...filters, ...extra }).toString();
  return query ? `${path}?${query}` : path;
}
