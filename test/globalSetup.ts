import { ensureEmbedded, releaseEmbedded } from "../db/embedded";

/**
 * Starts (or reuses) one PostgreSQL server for the whole test run. Each test file then creates
 * its own throw-away database with test/db.ts, so files run in parallel without interfering.
 */
export async function setup() {
  if (!process.env.DATABASE_URL) await ensureEmbedded("postgres");
}

export async function teardown() {
  await releaseEmbedded();
}
