"use client";

import { useQuery } from "@tanstack/react-query";
import type { DataRange } from "@/db/queries/meta/getDataRange";
import type { FilterOptions } from "@/db/queries/meta/getFilterOptions";
import { fetchApi } from "@/lib/api/client";

export function useDataRange() {
  return useQuery({
    queryKey: ["meta", "range"],
    queryFn: () => fetchApi<DataRange>("/api/meta/range"),
    staleTime: 60_000,
  });
}

export function useFilterOptions() {
  return useQuery({
    queryKey: ["meta", "options"],
    queryFn: () => fetchApi<FilterOptions>("/api/meta/options"),
    staleTime: 300_000,
  });
}
