import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { type Db, getDb } from "@/db/client";
import type { ResolvedFilters } from "@/lib/filters";
import { INSIGHT_DIMENSIONS, type InsightDimension } from "@/lib/insights/dimensions";
import type { Models } from "@/lib/insights/engine";
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
import { type DimensionTable, FAMILIES, SegmentCells } from "./segmentCells";

/**
 * Pass 2: the sums of every one- and two-dimension segment against the fitted baseline.
 *
 * The facts are read once, streamed through a BINARY cursor (the rows arrive in PostgreSQL's
 * binary format, so no text is parsed) and added row by row to dense cell tables in Node
 * (segmentCells.ts), then rolled up to attribute segments. Nothing holds the rows: memory is the
 * cell tables (~35 MB) plus one network buffer. This replaced GROUPING SETS in SQL, whose
 * per-row, per-aggregate executor overhead (48 float sums per row) cost 14 s at a million
 * sessions; a cell table in the database is about as large as the facts at that size.
 * A cursor rather than COPY because COPY cannot take bind parameters, and the filters are
 * parameterised (factWhere).
 */

const dialect = new PgDialect();

async function dimensionTables(db: Db): Promise<Record<Family, DimensionTable>> {
  const entries = await Promise.all(
    FAMILIES.map(async (fam) => {
      const t = FAMILY_TABLES[fam];
      const dims = INSIGHT_DIMENSIONS.filter((d) => DIMENSION_COLUMNS[d].family === fam);
      const rows = (await db.execute(
        sql`select ${sql.raw(t.alias)}.${ident(t.key)}::int4 as k, ${sql.join(
          dims.map((d) => sql`${DIMENSION_COLUMNS[d].column}::text as ${ident(d)}`),
          sql`, `,
        )} from ${t.table} ${sql.raw(t.alias)}`,
      )) as unknown as Record<string, string | number>[];
      const table: DimensionTable = {
        keys: rows.map((r) => Number(r.k)),
        values: Object.fromEntries(dims.map((d) => [d, rows.map((r) => String(r[d]))])),
      };
      return [fam, table] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Family, DimensionTable>;
}

function clientOf(db: Db): Sql {
  const client = (db as Db & { $client?: Sql }).$client;
  if (!client) throw new Error("insights: the database handle has no postgres.js client");
  return client;
}

export async function getSegmentStats(
  filters: ResolvedFilters,
  models: Models,
  baseline: readonly InsightDimension[],
  minSupport: number,
  db?: Db,
): Promise<SegmentStats[]> {
  const conn = db ?? (await getDb());
  const cells = new SegmentCells(await dimensionTables(conn), models, baseline);
  const metrics = cells.metrics;
  if (metrics.length === 0) throw new Error("no metric has data to test");
  // Wire format: four int4 keys (FAMILIES order), then float8 minutes, stall ms and metrics.
  const keys = FAMILIES.map((fam) => sql`f.${ident(FAMILY_TABLES[fam].key)}::int4`);
  const values: SQL[] = [MINUTES, STALL_MS, ...metrics.map((m) => METRIC_COLUMNS[m])];
  const query = dialect.sqlToQuery(
    sql`select ${sql.join(keys, sql`, `)}, ${sql.join(
      values.map((v) => sql`(${v})::float8`),
      sql`, `,
    )} from fact_playback_sessions f where ${factWhere(filters)}`,
  );
  const rowKeys = new Int32Array(FAMILIES.length);
  const observed = new Float64Array(metrics.length);
  const first = FAMILIES.length;
  await clientOf(conn).begin(async (tx) => {
    await tx.unsafe(
      `declare insights_facts binary no scroll cursor for ${query.sql}`,
      query.params as never[],
    );
    await tx
      .unsafe("fetch all from insights_facts")
      .raw()
      .forEach((row) => {
        const fields = row as unknown as Buffer[];
        for (let k = 0; k < first; k++) rowKeys[k] = fields[k]!.readInt32BE(0);
        for (let i = 0; i < observed.length; i++) observed[i] = fields[first + 2 + i]!.readDoubleBE(0);
        cells.add(rowKeys, fields[first]!.readDoubleBE(0), fields[first + 1]!.readDoubleBE(0), observed);
      });
  });
  return cells.segments(minSupport);
}
