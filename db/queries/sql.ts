import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { type Db, getDb } from "../client";
import { resolveDimensionKeys } from "./dimensionKeys";

type QueryTracer = (text: string) => void;
let tracer: QueryTracer | null = null;
const dialect = new PgDialect();

/**
 * Lets a benchmark see which tables each statement reads (the aggregate or fact path), without
 * a database round trip. Off (null) in the app.
 */
export function traceQueries(fn: QueryTracer | null): void {
  tracer = fn;
}

/**
 * Runs one analytics statement; `db` lets tests point a query at their own database. Dimension
 * filters on the facts are bound to their keys first (dimensionKeys.ts).
 */
export async function runQuery<T>(statement: SQL, db?: Db): Promise<T[]> {
  const conn = db ?? (await getDb());
  await resolveDimensionKeys(statement, conn);
  if (tracer) tracer(dialect.sqlToQuery(statement).sql);
  return (await conn.execute(statement)) as unknown as T[];
}
