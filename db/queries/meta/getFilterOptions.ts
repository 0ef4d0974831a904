import { sql } from "drizzle-orm";
import { FILTER_KEYS, type FilterKey, type Filters } from "@/lib/filters";
import type { Db } from "../../client";
import { facetConditions, facetSource } from "../filters";
import { runQuery } from "../sql";

export type FilterOptionsRow = { key: FilterKey; value: string };
export type FilterOptions = Record<FilterKey, string[]>;

/**
 * Values present in the warehouse for each filter, for the filter bar's pickers. Each list is
 * narrowed by the other active filters on the same dimension table (dates do not narrow them).
 */
export async function getFilterOptions(filters: Filters = {}, db?: Db): Promise<FilterOptions> {
  const lists = FILTER_KEYS.map((key) => {
    const { table, column } = facetSource(key);
    const conditions = facetConditions(filters, key);
    const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    return sql`select distinct ${key}::text as key, ${column} as value from ${table} ${where}`;
  });
  const rows = await runQuery<FilterOptionsRow>(sql.join(lists, sql` union all `), db);
  const options = Object.fromEntries(FILTER_KEYS.map((key) => [key, [] as string[]])) as FilterOptions;
  for (const row of rows) options[row.key].push(row.value);
  const natural = new Intl.Collator("en", { numeric: true });
  for (const values of Object.values(options)) values.sort(natural.compare);
  return options;
}
