"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DataRange } from "@/db/queries/meta/getDataRange";
import type { FilterOptions } from "@/db/queries/meta/getFilterOptions";
import { fetchApi } from "@/lib/api/client";
import { filtersToSearchParams } from "@/lib/filters";
import { useFilters } from "../useFilters";

export function useDataRange() {
  return useQuery({
    queryKey: ["meta", "range"],
    queryFn: () => fetchApi<DataRange>("/api/meta/range"),
    staleTime: 60_000,
  });
}

/** Each filter's values, narrowed by the other filters on the same dimension (not by dates). */
export function useFilterOptions() {
  const { filters } = useFilters();
  const params = filtersToSearchParams({ ...filters, from: undefined, to: undefined });
  const query = params.toString();
  return useQuery({
    queryKey: ["meta", "options", query],
    queryFn: () => fetchApi<FilterOptions>("/api/meta/options", params),
    staleTime: 300_000,
    // The lists stay up while a narrower set loads (no flash of empty pickers).
    placeholderData: keepPreviousData,
  });
}
