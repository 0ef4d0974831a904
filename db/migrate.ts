import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Sql } from "postgres";
import type { Db } from "./client";
import { syncCube } from "./cube/sync";

export const MIGRATIONS_FOLDER = path.resolve(process.env.QOE_ROOT ?? process.cwd(), "drizzle");

/**
 * Applies the committed drizzle-kit migrations (already-applied ones are skipped), then brings the
 * derived cube in step with its definition (a no-op unless the definition changed).
 */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // drizzle(sql) keeps its postgres.js client as $client (the Db type does not spell it).
  const client = (db as Db & { $client?: Sql }).$client;
  if (!client) throw new Error("runMigrations needs a database created by createDb(sql)");
  await syncCube(client);
}
