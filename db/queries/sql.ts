import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { type Db, getDb } from "../client";

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

const READS_FACTS = /\bfact_playback_sessions\b/;

/**
 * Runs one analytics statement; `db` lets tests point a query at their own database.
 *
 * A statement over the facts is planned with random heap reads priced at 20 (default 4). Its
 * filters are key sub-selects on small dimension tables, and at the default price the planner
 * answers a broad filter (a country is 40 geography keys, an app version 20 device keys) with one
 * fact-index scan per key: random reads that revisit the same pages, because the fact table is
 * larger than shared_buffers and in no useful physical order. At 1M sessions that plan took
 * 1.4-2.9 s where a (parallel) scan with hash joins takes 0.3-0.6 s; selective filters (one
 * content, ~1k sessions) keep their index plans (8-30 ms).
 */
export async function runQuery<T>(statement: SQL, db?: Db): Promise<T[]> {
  const text = dialect.sqlToQuery(statement).sql;
  if (tracer) tracer(text);
  const conn = db ?? (await getDb());
  if (!READS_FACTS.test(text)) return (await conn.execute(statement)) as unknown as T[];
  const rows = await conn.transaction(async (tx) => {
    await tx.execute(sql`set local random_page_cost = 20`);
    return tx.execute(statement);
  });
  return rows as unknown as T[];
}
