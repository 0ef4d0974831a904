import type { SQL } from "drizzle-orm";
import { type Db, getDb } from "../client";

/** Runs one analytics statement; `db` lets tests point a query at their own database. */
export async function runQuery<T>(statement: SQL, db?: Db): Promise<T[]> {
  const conn = db ?? (await getDb());
  const rows = await conn.execute(statement);
  return rows as unknown as T[];
}
