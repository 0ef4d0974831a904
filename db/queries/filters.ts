import { type SQL, sql } from "drizzle-orm";
import {
  activeFilterKeys,
  FILTER_KEYS,
  type FilterKey,
  type Filters,
  type ResolvedFilters,
} from "@/lib/filters";
import {
  type CubeDimension,
  type CubeGrain,
  type CubeHistogramName,
  grainHas,
  STORED_GRAINS,
} from "../cube/definition";
import { DimensionKeyFilter } from "./dimensionKeys";

/**
 * The one place where dashboard filters become SQL. Conditions are written against the fact
 * table aliased `f`; dimension filters become conditions on the fact's dimension keys
 * (dimensionKeys.ts), so a query needs no joins just to filter and the planner can use the fact
 * indexes.
 */

export function dateKey(isoDate: string): number {
  return Number(isoDate.replaceAll("-", ""));
}

/** The ISO date of a date key (20261031 -> "2026-10-31"). */
export function isoDate(key: number): string {
  const digits = String(key);
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}

/** `column in (values...)`, each value a bound parameter. */
function inValues(column: SQL, values: readonly string[]): SQL {
  return sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

type DimensionFilter = { table: SQL; key: SQL; column: SQL };

// One SQL object per table: filters on the same table are recognised by identity (and combined).
const DEVICE = sql`dim_device`;
const GEOGRAPHY = sql`dim_geography`;
const DIMENSION_FILTERS: Record<FilterKey, DimensionFilter> = {
  device: { table: DEVICE, key: sql`device_key`, column: sql`device_type` },
  os: { table: DEVICE, key: sql`device_key`, column: sql`os_name` },
  osVersion: { table: DEVICE, key: sql`device_key`, column: sql`(os_name || ' ' || os_version)` },
  app: { table: DEVICE, key: sql`device_key`, column: sql`app_version` },
  country: { table: GEOGRAPHY, key: sql`geo_key`, column: sql`country_code` },
  isp: { table: GEOGRAPHY, key: sql`geo_key`, column: sql`isp` },
  pop: { table: GEOGRAPHY, key: sql`geo_key`, column: sql`cdn_pop` },
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
    entry.parts.push(inValues(dim.column, values));
    byTable.set(dim.table, entry);
  }
  return [...byTable.entries()].map(
    ([table, { key, parts }]) =>
      sql`${new DimensionKeyFilter(sql`${alias}.${key}`, sql`select ${key} from ${table} where ${sql.join(parts, sql` and `)}`)}`,
  );
}

/**
 * Conditions on a dimension table's own columns (no alias) from the active filters on that same
 * table, leaving out `key`'s: what the filter bar narrows `key`'s options by (Country BR leaves
 * only Brazil's ISPs and PoPs; an OS leaves only its versions).
 */
export function facetConditions(filters: Filters, key: FilterKey): SQL[] {
  const table = DIMENSION_FILTERS[key].table;
  return activeFilterKeys(filters)
    .filter((other) => other !== key && DIMENSION_FILTERS[other].table === table)
    .map((other) => inValues(DIMENSION_FILTERS[other].column, filters[other] ?? []));
}

/** A filter key's column and dimension table, as the filter bar lists its values. */
export function facetSource(key: FilterKey): { table: SQL; column: SQL } {
  return { table: DIMENSION_FILTERS[key].table, column: DIMENSION_FILTERS[key].column };
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
    conditions.push(inValues(sql`${alias}.${source.column}`, source.values));
  }
  return sql.join(conditions, sql` and `);
}

// ---------------------------------------------------------------------------------------------
// Cube routing. A query names the columns it groups by; `sourceFor` answers it from the smallest
// cube grain that holds every active filter and every grouping (and the histograms it needs),
// or from the facts when no grain does (e.g. a filter on a CDN PoP with a device breakdown).

/** Columns a query may group by, each reachable from the facts `f` and from the cube `a`. */
export const GROUP_KEYS = ["day", "weekend", "hour", ...FILTER_KEYS, "contentType", "genre"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

type Join = { alias: string; facts: SQL; cube: SQL | null };
const JOINS = {
  date: {
    alias: "dd",
    facts: sql`join dim_date dd on dd.date_key = f.date_key`,
    cube: sql`join dim_date dd on dd.date_key = a.date_key`,
  },
  device: { alias: "d", facts: sql`join dim_device d on d.device_key = f.device_key`, cube: null },
  geo: { alias: "g", facts: sql`join dim_geography g on g.geo_key = f.geo_key`, cube: null },
  network: { alias: "n", facts: sql`join dim_network n on n.network_key = f.network_key`, cube: null },
  content: {
    alias: "c",
    facts: sql`join dim_content c on c.content_key = f.content_key`,
    cube: sql`join dim_content c on c.content_id = a.content_id`,
  },
} satisfies Record<string, Join>;

type GroupColumn = { needs: CubeDimension[]; join: Join | null; facts: SQL; cube: SQL; cubeJoin?: Join };

/** A content attribute (type, genre): the cube stores only content_id, so it joins dim_content too. */
const contentAttribute = (column: SQL): GroupColumn => ({
  needs: ["content"],
  join: JOINS.content,
  facts: column,
  cube: column,
  cubeJoin: JOINS.content,
});

const GROUP_COLUMNS: Record<GroupKey, GroupColumn> = {
  day: {
    needs: [],
    join: JOINS.date,
    facts: sql`dd.full_date::text`,
    cube: sql`dd.full_date::text`,
    cubeJoin: JOINS.date,
  },
  weekend: {
    needs: [],
    join: JOINS.date,
    facts: sql`dd.is_weekend`,
    cube: sql`dd.is_weekend`,
    cubeJoin: JOINS.date,
  },
  hour: { needs: ["hour"], join: null, facts: sql`(f.time_key / 100)::int`, cube: sql`a.hour::int` },
  device: { needs: ["device"], join: JOINS.device, facts: sql`d.device_type`, cube: sql`a.device_type` },
  os: { needs: ["os"], join: JOINS.device, facts: sql`d.os_name`, cube: sql`a.os_name` },
  osVersion: {
    needs: ["osVersion"],
    join: JOINS.device,
    facts: sql`(d.os_name || ' ' || d.os_version)`,
    cube: sql`(a.os_name || ' ' || a.os_version)`,
  },
  app: { needs: ["app"], join: JOINS.device, facts: sql`d.app_version`, cube: sql`a.app_version` },
  country: { needs: ["country"], join: JOINS.geo, facts: sql`g.country_code`, cube: sql`a.country_code` },
  isp: { needs: ["isp"], join: JOINS.geo, facts: sql`g.isp`, cube: sql`a.isp` },
  pop: { needs: ["pop"], join: JOINS.geo, facts: sql`g.cdn_pop`, cube: sql`a.cdn_pop` },
  network: { needs: ["network"], join: JOINS.network, facts: sql`n.network_type`, cube: sql`a.network_type` },
  content: { needs: ["content"], join: JOINS.content, facts: sql`c.content_id`, cube: sql`a.content_id` },
  contentType: contentAttribute(sql`c.content_type`),
  genre: contentAttribute(sql`c.genre`),
};

/** Cube columns of each filter, spelt as the filter values are (an OS version is "iOS 15.3"). */
const CUBE_FILTER_COLUMNS: Record<FilterKey, SQL> = {
  device: sql`a.device_type`,
  os: sql`a.os_name`,
  osVersion: sql`(a.os_name || ' ' || a.os_version)`,
  app: sql`a.app_version`,
  country: sql`a.country_code`,
  isp: sql`a.isp`,
  pop: sql`a.cdn_pop`,
  network: sql`a.network_type`,
  content: sql`a.content_id`,
};

/** Where a query reads from: FROM (with the joins its groupings need), WHERE, and group columns. */
export type Source = {
  path: "cube" | "facts";
  grain: CubeGrain | null;
  from: SQL;
  /** The joins of `from` alone (after the fact or cube table), for reading picked rows. */
  joins: SQL;
  where: SQL;
  column: (key: GroupKey) => SQL;
};

/** The smallest grain holding these dimensions and histograms, or null. */
export function cubeGrainFor(dims: CubeDimension[], histograms: CubeHistogramName[] = []): CubeGrain | null {
  let best: CubeGrain | null = null;
  for (const grain of STORED_GRAINS) {
    if (!dims.every((d) => grainHas(grain, d))) continue;
    if (!histograms.every((h) => grain.histograms.includes(h))) continue;
    if (!best || grain.rowsPerDay < best.rowsPerDay) best = grain;
  }
  return best;
}

function joinList(joins: (Join | null | undefined)[], side: "facts" | "cube"): SQL {
  const seen = new Set<string>();
  const parts: SQL[] = [];
  for (const j of joins) {
    const clause = j?.[side];
    if (!j || !clause || seen.has(j.alias)) continue;
    seen.add(j.alias);
    parts.push(clause);
  }
  return sql.join(parts, sql` `);
}

/** The source for a query grouped by `groups` under these filters, needing these histograms. */
export function sourceFor(
  filters: ResolvedFilters,
  groups: readonly GroupKey[] = [],
  histograms: CubeHistogramName[] = [],
): Source {
  const needs = new Set<CubeDimension>([
    ...activeFilterKeys(filters),
    ...groups.flatMap((g) => GROUP_COLUMNS[g].needs),
  ]);
  // QOE_CUBE=off answers everything from the facts (a kill switch, and the parity test's reference).
  const grain = process.env.QOE_CUBE === "off" ? null : cubeGrainFor([...needs], histograms);
  if (!grain) {
    const joins = joinList(
      groups.map((g) => GROUP_COLUMNS[g].join),
      "facts",
    );
    return {
      path: "facts",
      grain: null,
      from: sql`fact_playback_sessions f ${joins}`,
      joins,
      where: factWhere(filters),
      column: (key) => GROUP_COLUMNS[key].facts,
    };
  }
  const conditions = [
    sql`a.grain = ${sql.raw(`'${grain.name}'`)}`,
    sql`a.date_key between ${dateKey(filters.from)} and ${dateKey(filters.to)}`,
    ...activeFilterKeys(filters).map((key) => inValues(CUBE_FILTER_COLUMNS[key], filters[key] ?? [])),
  ];
  const joins = joinList(
    groups.map((g) => GROUP_COLUMNS[g].cubeJoin),
    "cube",
  );
  return {
    path: "cube",
    grain,
    from: sql`agg_cube a ${joins}`,
    joins,
    where: sql.join(conditions, sql` and `),
    column: (key) => GROUP_COLUMNS[key].cube,
  };
}
