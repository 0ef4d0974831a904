import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Sql } from "postgres";
import { SEED_COLUMNS } from "../../db/constants";
import { FACT_DIMENSIONS } from "./load";

/** Helpers shared by the ETL's test files (not a test file itself). */

export const REPO_ROOT = path.resolve(__dirname, "../..");

export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `etl-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A valid seed-format row as a field map; override fields to build test cases. */
export function seedRow(overrides: Partial<Record<(typeof SEED_COLUMNS)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    session_id: "00000000-0000-4000-8000-000000000001",
    user_id: "user_1",
    timestamp: "2026-10-05 20:15:30.123456",
    device_type: "smart_tv",
    os_version:
      "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0 TV Safari/537.36",
    app_version: "v16.4.0",
    content_id: "content_7",
    startup_time_ms: "1500",
    rebuffer_count: "1",
    rebuffer_duration_ms: "2000",
    bitrate_kbps: "7000",
    resolution: "1080p",
    frames_dropped: "10",
    session_duration_sec: "1800",
    network_type: "wifi",
    country_code: "US",
    isp: "comcast",
    cdn_pop: "US-1",
    hour: "20",
    day_of_week: "0",
    ...overrides,
  };
  return SEED_COLUMNS.map((c) => base[c]);
}

export function csvText(rows: string[][], header: readonly string[] = SEED_COLUMNS): string {
  const field = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[header.join(","), ...rows.map((r) => r.map(field).join(","))].join("\n")}\n`;
}

export async function writeCsv(file: string, rows: string[][], header?: readonly string[]): Promise<string> {
  await writeFile(file, csvText(rows, header));
  return file;
}

/** Order-independent checksum of a table's full contents. */
export async function tableChecksum(sql: Sql, table: string): Promise<string> {
  const [row] = await sql.unsafe<{ sum: string | null; n: number }[]>(
    `select md5(string_agg(t::text, '|' order by t::text)) as sum, count(*)::int as n from ${table} t`,
  );
  return `${row.n}:${row.sum ?? ""}`;
}

/** Every table a load writes (the dashboard cube included), for before/after comparisons. */
export const WAREHOUSE_TABLES = [
  "fact_playback_sessions",
  ...FACT_DIMENSIONS,
  "agg_cube",
  "agg_daily_quality",
  "agg_daily_device_quality",
  "agg_daily_geo_quality",
  "agg_hourly_quality",
  "user_activity",
  "etl_loaded_files",
] as const;

export async function warehouseChecksums(sql: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of WAREHOUSE_TABLES) out[t] = await tableChecksum(sql, t);
  return out;
}

export type CliResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};

/** Starts `npm run etl` as a real child process (node + tsx, no npm wrapper) against `databaseUrl`. */
export function spawnEtl(
  databaseUrl: string,
  args: string[],
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/etl/cli.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(databaseUrl: string, args: string[]): Promise<CliResult> {
  return spawnEtl(databaseUrl, args).done;
}
