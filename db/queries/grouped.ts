import { type SQL, sql } from "drizzle-orm";
import { BUFFERING_SEVERITIES, RESOLUTIONS, SESSION_QUALITIES, STARTUP_CATEGORIES } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import { type CubeHistogramName, cubeColumn, QUALITY_SCORE_VALUES } from "../cube/definition";
import { type GroupKey, type Source, sourceFor } from "./filters";
import {
  cubeHistogramCells,
  factQuantile,
  histogramQuantiles,
  measuresFor,
  type SharedMeasures,
} from "./measures";

/**
 * Query shapes most endpoints share, built once for both sources (cube or facts, chosen by
 * `sourceFor`): rows per group with measures and percentiles, and category counts.
 */

export type Group = { key: GroupKey; as: string };
export type Quantile = { of: CubeHistogramName; p: number; as: string };

export type GroupedSpec = {
  groups: readonly Group[];
  /** Measure columns with their aliases, written with the source's measures. */
  columns: (m: SharedMeasures) => SQL;
  quantiles?: readonly Quantile[];
};

const ident = (name: string) => sql.identifier(name);

/**
 * One row per group: `select <groups>, <columns>, <quantiles>`. Wrap it to order or limit.
 * On the cube, percentiles come from the summed histograms of each group (one bucket width of
 * accuracy); on the facts, from percentile_cont.
 *
 * On the cube with percentiles, the grain's rows are picked once (a materialized CTE) and both the
 * sums and the histogram cells read them: planned as two scans of agg_cube, a device breakdown
 * under a network filter took 145 ms at 1M sessions, picked once 43 ms.
 */
export function groupedQuery(
  filters: ResolvedFilters,
  spec: GroupedSpec,
): { statement: SQL; source: Source } {
  const quantiles = spec.quantiles ?? [];
  const histograms = [...new Set(quantiles.map((q) => q.of))];
  const source = sourceFor(
    filters,
    spec.groups.map((g) => g.key),
    histograms,
  );
  const m = measuresFor(source);
  const groupSelect = spec.groups.map((g) => sql`${source.column(g.key)} as ${ident(g.as)}`);
  const groupBy = spec.groups.length
    ? sql`group by ${sql.join(
        spec.groups.map((_, i) => sql.raw(String(i + 1))),
        sql`, `,
      )}`
    : sql``;
  const head = (parts: SQL[]) => sql.join([...groupSelect, ...parts], sql`, `);
  if (source.path === "facts" || quantiles.length === 0) {
    const qs = quantiles.map((q) => sql`${factQuantile(q.of, q.p)} as ${ident(q.as)}`);
    return {
      source,
      statement: sql`select ${head([spec.columns(m), ...qs])} from ${source.from} where ${source.where} ${groupBy}`,
    };
  }
  const names = spec.groups.map((g) => ident(g.as));
  const picked = sql`picked a ${source.joins}`;
  const ctes = [
    sql`picked as materialized (select a.* from agg_cube a where ${source.where})`,
    sql`base as (select ${head([spec.columns(m)])} from ${picked} ${groupBy})`,
  ];
  const picks: SQL[] = [];
  const joins: SQL[] = [];
  histograms.forEach((of) => {
    const wanted = quantiles.filter((q) => q.of === of);
    const cells = ident(`cells_${of}`);
    const qname = ident(`q_${of}`);
    const cellGroupBy = sql`group by ${sql.join(
      [...spec.groups.map((_, j) => sql.raw(String(j + 1))), sql.raw(String(spec.groups.length + 1))],
      sql`, `,
    )}`;
    ctes.push(
      sql`${cells} as (select ${head([sql`h.bucket`, sql`sum(h.n) as n`])}
            from ${picked} ${cubeHistogramCells(of)} ${cellGroupBy})`,
      sql`${qname} as (select ${sql.join(
        [
          ...names,
          sql`${histogramQuantiles(
            of,
            wanted.map((q) => q.p),
          )} as q`,
        ],
        sql`, `,
      )} from ${cells} ${names.length ? sql`group by ${sql.join(names, sql`, `)}` : sql``})`,
    );
    wanted.forEach((q, k) => {
      picks.push(sql`${qname}.q[${sql.raw(String(k + 1))}] as ${ident(q.as)}`);
    });
    joins.push(
      names.length
        ? sql`left join ${qname} using (${sql.join(names, sql`, `)})`
        : sql`left join ${qname} on true`,
    );
  });
  return {
    source,
    statement: sql`with ${sql.join(ctes, sql`, `)} select base.*, ${sql.join(picks, sql`, `)} from base ${sql.join(joins, sql` `)}`,
  };
}

/** Session categories the cube counts, with the fact column and the cube column of each value. */
const CATEGORIES = {
  quality: { fact: sql`f.session_quality`, values: SESSION_QUALITIES, column: cubeColumn.qualitySessions },
  severity: {
    fact: sql`f.buffering_severity`,
    values: BUFFERING_SEVERITIES,
    column: cubeColumn.severitySessions,
  },
  startup: { fact: sql`f.startup_category`, values: STARTUP_CATEGORIES, column: cubeColumn.startupSessions },
  resolution: { fact: sql`f.resolution`, values: RESOLUTIONS, column: cubeColumn.resolutionSessions },
  score: {
    fact: sql`f.quality_score::text`,
    values: QUALITY_SCORE_VALUES.map(String),
    column: (v: string) => cubeColumn.scoreSessions(Number(v)),
  },
} as const;
export type CategoryKind = keyof typeof CATEGORIES;

/**
 * Sessions per category value (and per group): rows `<groups>, category, sessions`, only
 * categories with sessions (as a GROUP BY over the facts returns them).
 */
export function categoryQuery(
  filters: ResolvedFilters,
  kind: CategoryKind,
  groups: readonly Group[] = [],
): { statement: SQL; source: Source } {
  const cat = CATEGORIES[kind];
  const source = sourceFor(
    filters,
    groups.map((g) => g.key),
  );
  const groupSelect = groups.map((g) => sql`${source.column(g.key)} as ${ident(g.as)}`);
  const positions = (n: number) =>
    sql.join(
      Array.from({ length: n }, (_, i) => sql.raw(String(i + 1))),
      sql`, `,
    );
  if (source.path === "facts") {
    return {
      source,
      statement: sql`select ${sql.join([...groupSelect, sql`${cat.fact} as category`, sql`count(*)::int as sessions`], sql`, `)}
        from ${source.from} where ${source.where} group by ${positions(groups.length + 1)}`,
    };
  }
  const values = cat.values as readonly string[];
  const sums = values.map((v, i) => sql`sum(a.${sql.raw(cat.column(v))})::int as ${ident(`c${i}`)}`);
  const names = groups.map((g) => sql`s.${ident(g.as)}`);
  const pairs = values.map((v, i) => sql`(${v}::text, s.${ident(`c${i}`)})`);
  return {
    source,
    statement: sql`select ${sql.join([...names, sql`v.category`, sql`v.sessions`], sql`, `)}
      from (select ${sql.join([...groupSelect, ...sums], sql`, `)} from ${source.from} where ${source.where}
            ${groups.length ? sql`group by ${positions(groups.length)}` : sql``}) s
      cross join lateral (values ${sql.join(pairs, sql`, `)}) as v(category, sessions)
      where v.sessions > 0`,
  };
}
