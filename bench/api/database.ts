import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Sql } from "postgres";
import { createDb, createSql } from "../../db/client";
import { ensureEmbedded } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { runEtl } from "../../scripts/etl/run";
import { GENERATOR_VERSION, generateFile } from "../../scripts/generate";

/** What the bench database holds; its name and reuse key are derived from these. */
export type BenchDataParams = { sessions: number; days: number; end: string; seed: number };

export const DEFAULT_BENCH_DATA: BenchDataParams = {
  sessions: 1_000_000,
  days: 30,
  end: "2026-10-31",
  seed: 7,
};

const CACHE = path.join(tmpdir(), "qoe-bench-api");

export function benchDatabaseName(p: BenchDataParams): string {
  const isDefault = JSON.stringify(p) === JSON.stringify(DEFAULT_BENCH_DATA);
  if (isDefault) return "qoe_bench_1m";
  return `qoe_bench_${p.sessions}_d${p.days}_s${p.seed}_${p.end.replaceAll("-", "")}`;
}

/** Stored as the database comment: a database is reused only when it was built from the same key. */
function reuseKey(p: BenchDataParams): string {
  return JSON.stringify({ ...p, generator: GENERATOR_VERSION });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function generated(p: BenchDataParams): Promise<string> {
  await mkdir(CACHE, { recursive: true });
  const file = path.join(
    CACHE,
    `telemetry-${p.sessions}-d${p.days}-s${p.seed}-${p.end}-g${GENERATOR_VERSION}.csv`,
  );
  const manifest = `${file}.manifest.json`;
  if (!existsSync(file) || !existsSync(manifest)) {
    const t0 = performance.now();
    process.stderr.write(`generating ${p.sessions.toLocaleString("en-US")} sessions into ${file} ...\n`);
    await generateFile({ ...p, out: file, manifest });
    process.stderr.write(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  JSON.parse(await readFile(manifest, "utf8"));
  return file;
}

export type BenchDatabase = { name: string; url: string; built: boolean; loadSeconds: number | null };

/**
 * The bench database on the running server (embedded, or DATABASE_URL's server): reused when its
 * comment carries the same parameters and its last ETL run succeeded, otherwise (re)built by
 * generating the file and loading it with the real ETL (which also applies pending migrations).
 */
export async function ensureBenchDatabase(p: BenchDataParams, rebuild = false): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL
    ? withDatabase(process.env.DATABASE_URL, "postgres")
    : await ensureEmbedded("postgres");
  const name = benchDatabaseName(p);
  const url = withDatabase(serverUrl, name);
  const admin = createSql(serverUrl, { max: 1 });
  try {
    const [existing] = await admin<{ comment: string | null }[]>`
      select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`;
    if (existing && !rebuild && existing.comment === reuseKey(p) && (await loaded(url))) {
      // As the app's server does at start: pending migrations, and a cube rebuilt when its
      // definition changed since the load (otherwise queries would route to grains it lacks).
      await migrated(url);
      return { name, url, built: false, loadSeconds: null };
    }
    const file = await generated(p);
    if (existing) await admin.unsafe(`drop database "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const sql = createSql(url, { max: 4 });
    try {
      process.stderr.write(`loading ${file} into ${name} with the ETL ...\n`);
      const t0 = performance.now();
      const summary = await runEtl(sql, { paths: [file] });
      if (summary.status !== "succeeded")
        throw new Error(`bench ETL ended ${summary.status}: ${summary.message}`);
      await sql`vacuum analyze`;
      const loadSeconds = (performance.now() - t0) / 1000;
      process.stderr.write(
        `  loaded ${summary.rows_loaded.toLocaleString("en-US")} sessions in ${loadSeconds.toFixed(1)} s\n`,
      );
      // Only a completed load gets the reuse key, so an interrupted build is rebuilt next time.
      await admin.unsafe(`comment on database "${name}" is '${reuseKey(p).replaceAll("'", "''")}'`);
      return { name, url, built: true, loadSeconds };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function migrated(url: string): Promise<void> {
  const sql = createSql(url, { max: 1 });
  try {
    const t0 = performance.now();
    await runMigrations(createDb(sql));
    const seconds = (performance.now() - t0) / 1000;
    if (seconds > 1) process.stderr.write(`  migrations / cube sync took ${seconds.toFixed(1)} s\n`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function loaded(url: string): Promise<boolean> {
  const sql: Sql = createSql(url, { max: 1 });
  try {
    const [row] = await sql<{ ok: boolean }[]>`
      select exists (select 1 from etl_runs where status = 'succeeded')
         and exists (select 1 from fact_playback_sessions) as ok`;
    return row?.ok ?? false;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
