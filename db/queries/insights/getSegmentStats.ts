import { type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import type { ResolvedFilters } from "@/lib/filters";
import type { BaselineModel } from "@/lib/insights/baseline";
import {
  DIMENSION_PAIRS,
  INSIGHT_DIMENSIONS,
  type InsightDimension,
  type Segment,
} from "@/lib/insights/dimensions";
import { INSIGHT_METRIC_INFO, INSIGHT_METRICS, type InsightMetric } from "@/lib/insights/metrics";
import { binaryResidualSq } from "@/lib/insights/statistics";
import type { SegmentStats } from "@/lib/insights/types";
import { factWhere } from "../filters";
import {
  DIMENSION_COLUMNS,
  FAMILY_TABLES,
  type Family,
  ident,
  METRIC_COLUMNS,
  MINUTES,
  STALL_MS,
} from "./dimensionSql";

/**
 * Pass 2: the sums of every one- and two-dimension segment against the fitted baseline.
 *
 * - Each fact row gets its expected value from the main-effects model through tiny factor tables
 *   joined on its dimension keys (e = mu x f_device x f_network [x minutes]).
 * - Three statements, run concurrently (one per core and a spare), each ONE scan of the facts
 *   with one GROUPING SETS: "keys" groups by pairs of dimension keys (device x network, geo x
 *   network, device x geo); "content" and "contentGeo" group content by a few attribute columns
 *   ((content, network), (content, device type, app version), (content, OS, OS version);
 *   (content, country, ISP), (content, PoP)), which keeps the hash tables near 200k groups in all
 *   at a million sessions.
 * - Each grouping set is then rolled up to attribute values (device type, "iOS 15.3", ISP...)
 *   with a second GROUPING SETS over the small result. Every segment type comes from exactly one
 *   grouping set (the first that covers it), so nothing is counted twice.
 * Pairs with content are only returned with at least `minSupport` sessions (the rest could never
 * be findings and would only cost transfer); the engine is told those pairs are incomplete.
 */

/** Columns of the per-row relation `r` that a grouping set may use. */
type Column =
  | "device_key"
  | "geo_key"
  | "network_key"
  | "content_key"
  | "device_type"
  | "os_name"
  | "os_version"
  | "app_version"
  | "country_code"
  | "isp"
  | "cdn_pop";

const KEY_FAMILY: Partial<Record<Column, Family>> = {
  device_key: "device",
  geo_key: "geo",
  network_key: "network",
  content_key: "content",
};

type Source = { statement: "keys" | "content" | "contentGeo"; columns: Column[] };

/** Grouping sets, in order of preference (a segment type uses the first that covers it). */
const SOURCES: Source[] = [
  { statement: "keys", columns: ["device_key", "network_key"] },
  { statement: "keys", columns: ["geo_key", "network_key"] },
  { statement: "keys", columns: ["device_key", "geo_key"] },
  { statement: "content", columns: ["content_key", "network_key"] },
  { statement: "content", columns: ["content_key", "device_type", "app_version"] },
  { statement: "content", columns: ["content_key", "os_name", "os_version"] },
  { statement: "contentGeo", columns: ["content_key", "country_code", "isp"] },
  { statement: "contentGeo", columns: ["content_key", "cdn_pop"] },
];

const familyOf = (d: InsightDimension) => DIMENSION_COLUMNS[d].family;

/** The dimensions a grouping set can produce (keys stand for every attribute of their table). */
function provides(source: Source): InsightDimension[] {
  return INSIGHT_DIMENSIONS.filter((d) =>
    source.columns.some((c) => c === d || KEY_FAMILY[c] === familyOf(d)),
  );
}

/** Segment types (dimension tuples) grouped by the grouping set that produces them. */
export const SEGMENT_TYPES_BY_SOURCE: InsightDimension[][][] = SOURCES.map(() => []);
for (const type of [...INSIGHT_DIMENSIONS.map((d) => [d]), ...DIMENSION_PAIRS.map(([a, b]) => [a, b])]) {
  const p = SOURCES.findIndex((s) => type.every((d) => provides(s).includes(d)));
  if (p < 0) throw new Error(`no grouping set covers ${type.join(" x ")}`);
  SEGMENT_TYPES_BY_SOURCE[p]!.push(type);
}

/** Pairs the statement may leave out when they are smaller than the support floor. */
export function isIncompletePair(a: InsightDimension, b: InsightDimension): boolean {
  return a !== b && (a === "content_id" || b === "content_id");
}

export type Models = Partial<Record<InsightMetric, BaselineModel>>;

function factorTables(models: Models, metrics: InsightMetric[], baseline: readonly InsightDimension[]) {
  const families = [...new Set(baseline.map(familyOf))];
  return families.map((fam) => {
    const t = FAMILY_TABLES[fam];
    const dims = baseline.filter((d) => familyOf(d) === fam);
    const joins = dims.map((d, j) => {
      const values = Object.keys(models[metrics[0]!]!.factors[d] ?? {});
      const rows = values.map(
        (v) =>
          sql`(${v}::text, ${sql.join(
            metrics.map((m) => sql`${models[m]!.factors[d]?.[v] ?? 1}::float8`),
            sql`, `,
          )})`,
      );
      const alias = sql.raw(`v${j}`);
      const cols = sql.raw(["val", ...metrics.map((_, i) => `m${i}`)].join(", "));
      return sql`join (values ${sql.join(rows, sql`, `)}) as ${alias}(${cols}) on ${DIMENSION_COLUMNS[d].column} = ${alias}.val`;
    });
    const products = metrics.map(
      (_, i) =>
        sql`(${sql.join(
          dims.map((_d, j) => sql.raw(`v${j}.m${i}`)),
          sql` * `,
        )}) as ${ident(`m${i}`)}`,
    );
    const name = sql.raw(`fac_${fam}`);
    return {
      family: fam,
      name,
      cte: sql`${name} as (select ${sql.raw(t.alias)}.${ident(t.key)} as k, ${sql.join(products, sql`, `)}
                           from ${t.table} ${sql.raw(t.alias)} ${sql.join(joins, sql` `)})`,
    };
  });
}

export function buildSegmentStatsQueries(
  filters: ResolvedFilters,
  models: Models,
  baseline: readonly InsightDimension[],
  minSupport: number,
): { statements: SQL[]; metrics: InsightMetric[] } {
  const metrics = INSIGHT_METRICS.filter((m) => models[m]);
  if (metrics.length === 0) throw new Error("no metric has data to test");
  const factors = factorTables(models, metrics, baseline);
  const factorCtes = sql.join(
    factors.map((f) => f.cte),
    sql`, `,
  );
  const perRowMetrics = metrics.flatMap((m, i) => {
    const model = models[m]!;
    const parts = [sql`${model.mu}::float8`, ...factors.map((f) => sql`${f.name}.${ident(`m${i}`)}`)];
    if (INSIGHT_METRIC_INFO[m].exposure === "minutes") parts.push(MINUTES);
    return [
      sql`${METRIC_COLUMNS[m]} as ${ident(`y${i}`)}`,
      sql`(${sql.join(parts, sql` * `)}) as ${ident(`e${i}`)}`,
    ];
  });
  const factorJoins = factors.map(
    (f) => sql`join ${f.name} on ${f.name}.k = f.${ident(FAMILY_TABLES[f.family].key)}`,
  );
  // Every sum costs one transition per row and grouping set, the dominant cost: only what the
  // statistics use. A 0/1 metric needs no squared residuals (its variance follows from its rate).
  const sumNames = (i: number) =>
    INSIGHT_METRIC_INFO[metrics[i]!].binary ? ["sy", "se"] : ["sy", "se", "sr"];
  const keySums = metrics.flatMap((_, i) => {
    const y = ident(`y${i}`);
    const e = ident(`e${i}`);
    const sums = [sql`sum(${y}) as ${ident(`sy${i}`)}`, sql`sum(${e}) as ${ident(`se${i}`)}`];
    if (sumNames(i).includes("sr")) sums.push(sql`sum((${y} - ${e}) * (${y} - ${e})) as ${ident(`sr${i}`)}`);
    return sums;
  });
  const rollupSums = sql.join(
    [
      sql`sum(b.n)::float8 as "n"`,
      sql`sum(b.ms)::float8 as "ms"`,
      ...metrics.flatMap((_, i) =>
        sumNames(i).map((s) => sql`sum(b.${ident(`${s}${i}`)})::float8 as ${ident(`${s}${i}`)}`),
      ),
    ],
    sql`, `,
  );

  const build = (statement: Source["statement"]) => {
    const sources = SOURCES.map((s, p) => ({ ...s, p })).filter(
      (s) => s.statement === statement && SEGMENT_TYPES_BY_SOURCE[s.p]!.length > 0,
    );
    const used = [...new Set(sources.flatMap((s) => s.columns))];
    // Attribute columns need their dimension table joined to each fact row.
    const rowFamilies = [
      ...new Set(used.filter((c) => !KEY_FAMILY[c]).map((c) => familyOf(c as InsightDimension))),
    ];
    const rowJoins = rowFamilies.map((fam) => {
      const t = FAMILY_TABLES[fam];
      return sql`join ${t.table} ${sql.raw(t.alias)} on ${sql.raw(t.alias)}.${ident(t.key)} = f.${ident(t.key)}`;
    });
    const rowColumns = used.map((c) =>
      KEY_FAMILY[c]
        ? sql`f.${ident(c)}`
        : sql`${DIMENSION_COLUMNS[c as InsightDimension].column} as ${ident(c)}`,
    );
    const stageA = sql`a as (
      select grouping(${sql.join(used.map(ident), sql`, `)}) as g, ${sql.join(used.map(ident), sql`, `)},
             count(*) as n, sum(ms) as ms, ${sql.join(keySums, sql`, `)}
      from (
        select ${sql.join(rowColumns, sql`, `)}, ${STALL_MS} as ms, ${sql.join(perRowMetrics, sql`, `)}
        from fact_playback_sessions f ${sql.join(factorJoins, sql` `)} ${sql.join(rowJoins, sql` `)}
        where ${factWhere(filters)}
      ) r
      group by grouping sets (${sql.join(
        sources.map((s) => sql`(${sql.join(s.columns.map(ident), sql`, `)})`),
        sql`, `,
      )})
    )`;
    const rollups = sources.map((source) => {
      const dims = provides(source);
      // GROUPING() sets a bit (most significant first) for every column NOT in the set.
      const mask = used.reduce(
        (acc, c, i) => acc | (source.columns.includes(c) ? 0 : 1 << (used.length - 1 - i)),
        0,
      );
      const keys = source.columns.filter((c) => KEY_FAMILY[c]);
      const joins = keys.map((c) => {
        const t = FAMILY_TABLES[KEY_FAMILY[c]!];
        return sql`join ${t.table} ${sql.raw(t.alias)} on ${sql.raw(t.alias)}.${ident(t.key)} = a.${ident(t.key)}`;
      });
      const attributes = dims.map((d) =>
        (source.columns as string[]).includes(d)
          ? sql`a.${ident(d)}`
          : sql`${DIMENSION_COLUMNS[d].column} as ${ident(d)}`,
      );
      const sums = sql.raw(
        ["n", "ms", ...metrics.flatMap((_, i) => sumNames(i).map((s) => `${s}${i}`))]
          .map((c) => `a."${c}"`)
          .join(", "),
      );
      const columns = INSIGHT_DIMENSIONS.map((d) =>
        dims.includes(d) ? sql`b.${ident(d)}` : sql`null::text as ${ident(d)}`,
      );
      const types = SEGMENT_TYPES_BY_SOURCE[source.p]!;
      const others = dims.filter((d) => d !== "content_id");
      const having =
        dims.includes("content_id") && minSupport > 1
          ? sql`having sum(b.n) >= ${minSupport} or grouping(${sql.join(others.map(ident), sql`, `)}) = ${2 ** others.length - 1}`
          : sql``;
      return sql`(select ${sql.join(columns, sql`, `)}, ${rollupSums}
        from (select ${sql.join(attributes, sql`, `)}, ${sums} from a ${sql.join(joins, sql` `)} where a.g = ${mask}) b
        group by grouping sets (${sql.join(
          types.map((t) => sql`(${sql.join(t.map(ident), sql`, `)})`),
          sql`, `,
        )}) ${having})`;
    });
    return sql`with ${factorCtes}, ${stageA} ${sql.join(rollups, sql` union all `)}`;
  };

  return { statements: [build("keys"), build("content"), build("contentGeo")], metrics };
}

type StatsRow = Record<string, string | number | null>;

function toStats(row: StatsRow, metrics: InsightMetric[]): SegmentStats {
  const segment: Segment = {};
  for (const d of INSIGHT_DIMENSIONS)
    if (row[d] !== null && row[d] !== undefined) segment[d] = String(row[d]);
  const sums = Object.fromEntries(
    INSIGHT_METRICS.map((m) => [m, { sy: 0, se: 0, sr2: 0 }]),
  ) as SegmentStats["metrics"];
  const n = Number(row.n);
  metrics.forEach((m, i) => {
    const sy = Number(row[`sy${i}`]);
    const se = Number(row[`se${i}`]);
    // 0/1 values: sum (y - e)^2 is not aggregated; the binomial variance from the observed rate
    // plays the role of the sample variance (see statistics.ts).
    const sr2 = INSIGHT_METRIC_INFO[m].binary ? binaryResidualSq(sy, se, n) : Number(row[`sr${i}`]);
    sums[m] = { sy, se, sr2 };
  });
  return { segment, sessions: n, stallMs: Number(row.ms), metrics: sums };
}

/** Large hash tables for the grouping sets stay in memory instead of spilling to disk. */
const WORK_MEM = "256MB";

export async function getSegmentStats(
  filters: ResolvedFilters,
  models: Models,
  baseline: readonly InsightDimension[],
  minSupport: number,
  db?: Db,
): Promise<SegmentStats[]> {
  const { statements, metrics } = buildSegmentStatsQueries(filters, models, baseline, minSupport);
  const conn = db ?? (await getDb());
  const results = await Promise.all(
    statements.map((statement) =>
      conn.transaction(async (tx) => {
        await tx.execute(sql`select set_config('work_mem', ${WORK_MEM}, true)`);
        return (await tx.execute(statement)) as unknown as StatsRow[];
      }),
    ),
  );
  return results.flat().map((r) => toStats(r, metrics));
}
