import { createSql } from "../../db/client";
import { ensureEmbedded, releaseEmbedded } from "../../db/embedded";
import { E2E_CSV, generateE2eCsv, loadE2eCsv } from "./dataset";
import { E2E_DATABASE, E2E_DATASET, e2eDatabaseUrl } from "./environment";

/**
 * Before the tests: start (or reuse) PostgreSQL, create a fresh `qoe_e2e` database, generate the
 * deterministic dataset and load it with the real ETL. The returned function runs after the tests:
 * it drops the database (QOE_E2E_KEEP_DB=1 keeps it for debugging) and stops the embedded server
 * if this run started it.
 */

function log(message: string) {
  console.log(`[e2e setup] ${message}`);
}

async function recreateDatabase(adminUrl: string, drop: boolean): Promise<void> {
  const admin = createSql(adminUrl, { max: 1 });
  try {
    await admin.unsafe(`drop database if exists "${E2E_DATABASE}" with (force)`);
    if (!drop) await admin.unsafe(`create database "${E2E_DATABASE}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  // DATABASE_URL's server, or the embedded one (started here when nothing answers on its port).
  const adminUrl = process.env.DATABASE_URL?.trim() || (await ensureEmbedded("postgres"));
  const teardown = async () => {
    if (process.env.QOE_E2E_KEEP_DB === "1") log(`kept database ${E2E_DATABASE} (QOE_E2E_KEEP_DB=1)`);
    else await recreateDatabase(adminUrl, true).catch((e) => log(`could not drop ${E2E_DATABASE}: ${e}`));
    await releaseEmbedded();
  };
  try {
    await recreateDatabase(adminUrl, false);
    const { seed, sessions, start, end, dirty } = E2E_DATASET;
    log(`generating ${sessions} sessions ${start}..${end} (seed ${seed}, dirty ${dirty}) -> ${E2E_CSV}`);
    const manifest = await generateE2eCsv();
    log(`${manifest.rows_written} rows written; loading them into ${E2E_DATABASE} with the ETL`);
    const sql = createSql(e2eDatabaseUrl(), { max: 4 });
    try {
      log(await loadE2eCsv(sql));
    } finally {
      await sql.end({ timeout: 5 });
    }
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
