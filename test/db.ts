import { randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { createDb, createSql, type Db } from "../db/client";
import { ensureEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";

export type TestDatabase = { name: string; url: string; sql: Sql; db: Db; drop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, migrated database on the real server (embedded, or DATABASE_URL's server), dropped by
 * `drop()`. No mocks: tests run the same SQL as production.
 */
export async function createTestDatabase(prefix = "test", { migrate = true } = {}): Promise<TestDatabase> {
  const name = `qoe_${prefix.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const serverUrl = process.env.DATABASE_URL ?? (await ensureEmbedded("postgres"));
  const admin = createSql(serverUrl, { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const sql = createSql(url, { max: 5 });
  const db = createDb(sql);
  if (migrate) await runMigrations(db);
  return {
    name,
    url,
    sql,
    db,
    drop: async () => {
      await sql.end({ timeout: 5 });
      const a = createSql(serverUrl, { max: 1 });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
