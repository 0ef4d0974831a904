import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Db } from "./client";

export const MIGRATIONS_FOLDER = path.resolve(process.env.QOE_ROOT ?? process.cwd(), "drizzle");

/** Applies the committed drizzle-kit migrations; already-applied ones are skipped. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
