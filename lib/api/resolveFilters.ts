import type { Db } from "@/db/client";
import { getDataRange } from "@/db/queries/meta/getDataRange";
import { defaultWindowStart, type Filters, type ResolvedFilters } from "@/lib/filters";

/** Missing dates default to the last 30 days of the loaded data (not of the wall clock). */
export async function resolveFilters(filters: Filters, db?: Db): Promise<ResolvedFilters> {
  if (filters.from && filters.to) return { ...filters, from: filters.from, to: filters.to };
  const range = await getDataRange(db);
  const to = filters.to ?? range.maxDate ?? new Date().toISOString().slice(0, 10);
  const from = filters.from ?? defaultWindowStart(to, range.minDate);
  // An explicit `from` after the last loaded day keeps an empty but valid range.
  if (to < from) return { ...filters, from, to: from };
  return { ...filters, from, to };
}
