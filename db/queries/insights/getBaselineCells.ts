import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ResolvedFilters } from "@/lib/filters";
import type { InsightDimension } from "@/lib/insights/dimensions";
import { INSIGHT_METRIC_INFO, INSIGHT_METRICS, type InsightMetric } from "@/lib/insights/metrics";
import type { BaselineCell } from "@/lib/insights/types";
import { factWhere } from "../filters";
import { runQuery } from "../sql";
import {
  DIMENSION_COLUMNS,
  FAMILY_TABLES,
  type Family,
  ident,
  METRIC_COLUMNS,
  MINUTES,
  STALL_MS,
} from "./dimensionSql";

type CellRow = Record<string, string | number>;

/**
 * Pass 1: sums per cell of the baseline dimensions (e.g. 4 device types x 4 networks), the input
 * of the main-effects fit. Grouped by fact keys first (integers), then by the attribute values.
 */
export async function getBaselineCells(
  filters: ResolvedFilters,
  dimensions: readonly InsightDimension[],
  db?: Db,
): Promise<BaselineCell[]> {
  const families = [...new Set(dimensions.map((d) => DIMENSION_COLUMNS[d].family))] as Family[];
  const keys = families.map((fam) => ident(FAMILY_TABLES[fam].key));
  // sum(x y) only where x is minutes: with one unit of exposure per session it is sum(y).
  const perMinute = (m: InsightMetric) => INSIGHT_METRIC_INFO[m].exposure === "minutes";
  const sumNames = (m: InsightMetric) => (perMinute(m) ? ["sy", "syy", "sxy"] : ["sy", "syy"]);
  const metricSums: SQL[] = INSIGHT_METRICS.flatMap((m, i) => {
    const y = METRIC_COLUMNS[m];
    const sums = [sql`sum(${y}) as ${ident(`sy${i}`)}`, sql`sum(${y} * ${y}) as ${ident(`syy${i}`)}`];
    if (perMinute(m)) sums.push(sql`sum(${MINUTES} * ${y}) as ${ident(`sxy${i}`)}`);
    return sums;
  });
  const outerSums: SQL[] = INSIGHT_METRICS.flatMap((m, i) =>
    sumNames(m).map((s) => sql`sum(a.${ident(`${s}${i}`)})::float8 as ${ident(`${s}${i}`)}`),
  );
  const joins = families.map((fam) => {
    const t = FAMILY_TABLES[fam];
    return sql`join ${t.table} ${sql.raw(t.alias)} on ${sql.raw(t.alias)}.${ident(t.key)} = a.${ident(t.key)}`;
  });
  const values = dimensions.map((d, i) => sql`${DIMENSION_COLUMNS[d].column} as ${ident(`v${i}`)}`);
  const rows = await runQuery<CellRow>(
    sql`select ${sql.join(values, sql`, `)},
               sum(a.n)::float8 as "n", sum(a.x)::float8 as "x", sum(a.xx)::float8 as "xx",
               sum(a.ms)::float8 as "ms", ${sql.join(outerSums, sql`, `)}
        from (
          select ${sql.join(
            keys.map((k) => sql`f.${k}`),
            sql`, `,
          )}, count(*) as n, sum(${MINUTES}) as x, sum(${MINUTES} * ${MINUTES}) as xx,
                 sum(${STALL_MS}) as ms, ${sql.join(metricSums, sql`, `)}
          from fact_playback_sessions f
          where ${factWhere(filters)}
          group by ${sql.join(
            keys.map((k) => sql`f.${k}`),
            sql`, `,
          )}
        ) a ${sql.join(joins, sql` `)}
        group by ${sql.join(
          dimensions.map((d) => DIMENSION_COLUMNS[d].column),
          sql`, `,
        )}`,
    db,
  );
  return rows.map((r) => ({
    values: Object.fromEntries(dimensions.map((d, i) => [d, String(r[`v${i}`])])),
    sessions: Number(r.n),
    minutes: Number(r.x),
    minutesSq: Number(r.xx),
    stallMs: Number(r.ms),
    metrics: Object.fromEntries(
      INSIGHT_METRICS.map((m, i) => [
        m,
        {
          sy: Number(r[`sy${i}`]),
          syy: Number(r[`syy${i}`]),
          sxy: Number(r[perMinute(m) ? `sxy${i}` : `sy${i}`]),
        },
      ]),
    ) as BaselineCell["metrics"],
  }));
}
