import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { int4ArrayAt, int4ArrayBytes } from "@/db/binaryArray";
import { type Db, getDb } from "@/db/client";
import type { ResolvedFilters } from "@/lib/filters";
import { INSIGHT_DIMENSIONS, type InsightDimension } from "@/lib/insights/dimensions";
import type { Models } from "@/lib/insights/engine";
import type { SegmentStats } from "@/lib/insights/types";
import { resolveDimensionKeys } from "../dimensionKeys";
import { factWhere } from "../filters";
import {
  DIMENSION_COLUMNS,
  FAMILY_TABLES,
  type FactColumn,
  type Family,
  ident,
  METRIC_FACTS,
  SECONDS_PER_MINUTE,
  SESSION_SECONDS,
  STALL_FACT,
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

const WIRE_CODES: Record<FactColumn["wire"], number> = { int4: 0, float8: 1, bool: 2 };

/** A binary field (never null: the fact columns are NOT NULL). */
function read(field: Buffer, wire: number): number {
  return wire === 0 ? field.readInt32BE(0) : wire === 1 ? field.readDoubleBE(0) : field[0]!;
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
  // Wire format, columns as stored (casting in SQL cost the server ~0.5 s per million rows):
  // one int4[] of the four keys (FAMILIES order) and every int4 fact, then each other fact as its
  // own field. One array instead of nine fields saves Node ~0.45 s per million rows (a Buffer per
  // field) for ~0.1 s more on the server.
  const keys: FactColumn[] = FAMILIES.map((fam) => ({
    column: sql`f.${ident(FAMILY_TABLES[fam].key)}`,
    wire: "int4",
  }));
  const facts: FactColumn[] = [SESSION_SECONDS, STALL_FACT, ...metrics.map((m) => METRIC_FACTS[m])];
  const ints = [...keys, ...facts].filter((c) => c.wire === "int4");
  const others = facts.filter((c) => c.wire !== "int4");
  const statement = sql`select array[${sql.join(
    ints.map((c) => sql`${c.column}::int4`),
    sql`, `,
  )}]::int4[]${sql.join(
    others.map((c) => sql`, ${c.column}::${sql.raw(c.wire)}`),
    sql``,
  )} from fact_playback_sessions f where ${factWhere(filters)}`;
  await resolveDimensionKeys(statement, conn);
  const query = dialect.sqlToQuery(statement);
  // Where each fact is read: slot k >= 0 of the array, or field -k (1, 2, ...) of the row.
  const slots = Int32Array.from(facts, (c) => (c.wire === "int4" ? ints.indexOf(c) : -1 - others.indexOf(c)));
  const wires = Uint8Array.from(facts, (c) => WIRE_CODES[c.wire]);
  const values = new Float64Array(facts.length);
  const rowKeys = new Int32Array(FAMILIES.length);
  const observed = values.subarray(2);
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
        const array = fields[0]!;
        if (array.length !== int4ArrayBytes(ints.length))
          throw new Error("insights: unexpected binary layout of the fact stream");
        for (let k = 0; k < rowKeys.length; k++) rowKeys[k] = int4ArrayAt(array, k);
        for (let i = 0; i < values.length; i++) {
          const slot = slots[i]!;
          values[i] = slot >= 0 ? int4ArrayAt(array, slot) : read(fields[-slot]!, wires[i]!);
        }
        cells.add(rowKeys, values[0]! / SECONDS_PER_MINUTE, values[1]!, observed);
      });
  });
  return cells.segments(minSupport);
}
