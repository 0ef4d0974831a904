"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchApi } from "@/lib/api/client";
import { useFilters } from "../useFilters";

/**
 * React Query for one filtered endpoint. Keys are namespaced [domain, widget, query-string] so
 * every widget caches and refetches on its own; `extra` adds widget params (e.g. a metric).
 */
export function useFilteredQuery<T>(
  namespace: readonly [string, string],
  path: string,
  extra?: Record<string, string | undefined>,
) {
  const { apiParams } = useFilters();
  const params = new URLSearchParams(apiParams);
  for (const [key, value] of Object.entries(extra ?? {})) if (value !== undefined) params.set(key, value);
  const query = params.toString();
  return useQuery({
    queryKey: [...namespace, query],
    queryFn: () => fetchApi<T>(path, params),
  });
}
