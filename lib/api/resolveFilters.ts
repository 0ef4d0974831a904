import type { Db } from "@/db/client";
import { getDataRange } from "@/db/queries/meta/getDataRange";
import { DEFAULT_WINDOW_DAYS, type Filters, type ResolvedFilters, shiftDate } from "@/lib/filters";

/** Missing dates default to the last 30 days of the loaded data (not of the wall clock). */
export async function resolveFilters(filters: Filters, db?: Db): Promise<ResolvedFilters> {
  if (filters.from && filters.to) return { ...filters, from: filters.from, to: filters.to };
  const range = await getDataRange(db);
  const to = filters.to ?? range.maxDate ?? new Date().toISOString().slice(0, 10);
  const earliest = shiftDate(to, -(DEFAULT_WINDOW_DAYS - 1));
  // The window starts no earlier than the first loaded day, unless it ends before that day: then
  // it stays a full window before the data (empty), not one collapsed onto the first day.
  const firstDay = range.minDate && range.minDate > earliest && range.minDate <= to ? range.minDate : null;
  const from = filters.from ?? firstDay ?? earliest;
  // An explicit `from` after the last loaded day keeps an empty but valid range.
  if (to < from) return { ...filters, from, to: from };
  return { ...filters, from, to };
}
