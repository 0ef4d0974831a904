import { type SQL, sql } from "drizzle-orm";
import { activeFilterKeys, type FilterKey, type ResolvedFilters } from "@/lib/filters";

/**
 * The one place where dashboard filters become SQL. Conditions are written against the fact
 * table aliased `f`; dimension filters become key sub-selects, so a query needs no joins just
 * to filter and the planner can use the fact indexes.
 */

export function dateKey(isoDate: string): number {
  return Number(isoDate.replaceAll("-", ""));
}

type DimensionFilter = { table: SQL; key: SQL; column: SQL };

const DIMENSION_FILTERS: Record<FilterKey, DimensionFilter> = {
  device: { table: sql`dim_device`, key: sql`device_key`, column: sql`device_type` },
  os: { table: sql`dim_device`, key: sql`device_key`, column: sql`os_name` },
  osVersion: { table: sql`dim_device`, key: sql`device_key`, column: sql`(os_name || ' ' || os_version)` },
  app: { table: sql`dim_device`, key: sql`device_key`, column: sql`app_version` },
  country: { table: sql`dim_geography`, key: sql`geo_key`, column: sql`country_code` },
  isp: { table: sql`dim_geography`, key: sql`geo_key`, column: sql`isp` },
  pop: { table: sql`dim_geography`, key: sql`geo_key`, column: sql`cdn_pop` },
  network: { table: sql`dim_network`, key: sql`network_key`, column: sql`network_type` },
  content: { table: sql`dim_content`, key: sql`content_key`, column: sql`content_id` },
};

/** Dimension filters only (no dates), for queries that bring their own time window. */
export function dimensionConditions(filters: ResolvedFilters, alias = sql`f`): SQL[] {
  const byTable = new Map<DimensionFilter["table"], { key: SQL; parts: SQL[] }>();
  for (const key of activeFilterKeys(filters)) {
    const dim = DIMENSION_FILTERS[key];
    const values = filters[key] ?? [];
    const entry = byTable.get(dim.table) ?? { key: dim.key, parts: [] };
    entry.parts.push(
      sql`${dim.column} in (${sql.join(
        values.map((v: string) => sql`${v}`),
        sql`, `,
      )})`,
    );
    byTable.set(dim.table, entry);
  }
  return [...byTable.entries()].map(
    ([table, { key, parts }]) =>
      sql`${alias}.${key} in (select ${key} from ${table} where ${sql.join(parts, sql` and `)})`,
  );
}

/** WHERE clause (without the keyword) for facts in the filters' date range and dimensions. */
export function factWhere(filters: ResolvedFilters, alias = sql`f`): SQL {
  const conditions = [
    sql`${alias}.date_key between ${dateKey(filters.from)} and ${dateKey(filters.to)}`,
    ...dimensionConditions(filters, alias),
  ];
  return sql.join(conditions, sql` and `);
}

export type AggregateSource = { table: SQL; column: SQL | null; values: string[] | null };

/**
 * Which pre-aggregated table can answer a daily question for these filters, or null when only
 * the facts can (filters on anything other than one device or country attribute).
 */
export function dailyAggregateFor(filters: ResolvedFilters): AggregateSource | null {
  const active = activeFilterKeys(filters);
  if (active.length === 0) return { table: sql`agg_daily_quality`, column: null, values: null };
  if (active.length === 1 && active[0] === "device")
    return { table: sql`agg_daily_device_quality`, column: sql`device_type`, values: filters.device ?? [] };
  if (active.length === 1 && active[0] === "country")
    return { table: sql`agg_daily_geo_quality`, column: sql`country_code`, values: filters.country ?? [] };
  return null;
}

export function aggregateWhere(filters: ResolvedFilters, source: AggregateSource, alias = sql`a`): SQL {
  const conditions = [sql`${alias}.date_key between ${dateKey(filters.from)} and ${dateKey(filters.to)}`];
  if (source.column && source.values?.length) {
    conditions.push(
      sql`${alias}.${source.column} in (${sql.join(
        source.values.map((v: string) => sql`${v}`),
        sql`, `,
      )})`,
    );
  }
  return sql.join(conditions, sql` and `);
}
