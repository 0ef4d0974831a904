import type { Db } from "@/db/client";
import { getDataRange } from "@/db/queries/meta/getDataRange";
import { DEFAULT_WINDOW_DAYS, type Filters, type ResolvedFilters, shiftDate } from "@/lib/filters";

/** Missing dates default to the last 30 days of the loaded data (not of the wall clock). */
export async function resolveFilters(filters: Filters, db?: Db): Promise<ResolvedFilters> {
  if (filters.from && filters.to) return { ...filters, from: filters.from, to: filters.to };
  const range = await getDataRange(db);
  const to = filters.to ?? range.maxDate ?? new Date().toISOString().slice(0, 10);
  const earliest = shiftDate(to, -(DEFAULT_WINDOW_DAYS - 1));
  const from = filters.from ?? (range.minDate && range.minDate > earliest ? range.minDate : earliest);
  // An explicit `from` after the last loaded day keeps an empty but valid range.
  if (to < from) return { ...filters, from, to: from };
  return { ...filters, from, to };
}
