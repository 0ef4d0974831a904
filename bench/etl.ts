/**
 * `npm run bench:etl -- [--sessions N] [--large N] [--skip-large] [--runs N]
 *                       [--history-days N] [--history-sessions N] [--skip-incremental]`
 *
 * Measures the ETL against a plain COPY of the same file, in the same run, on the same server:
 *  1. generates the files with the project's generator (cached in the OS temp folder by flags);
 *  2. plain COPY: streams the file into a throw-away 22-column text table (COPY ... CSV HEADER);
 *  3. the ETL: `scripts/etl/cli.ts` as a child process into a fresh, migrated database, reading
 *     its own timing from --json and its peak RSS from process.resourceUsage() at exit.
 * Prints ratios, rows/s and peak RSS against the targets (ETL within 4x of COPY on ~112k
 * sessions, 1M sessions under 20 s, peak RSS under 300 MB).
 *
 * Then the incremental case: one new day loaded into a warehouse that already holds many days
 * (default 150 days, 500k sessions) against the same day's file loaded into an empty warehouse.
 * Only the touched day's aggregates are rebuilt, so the two should cost about the same.
 * Figures are reported, never asserted.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createDb, createSql } from "../db/client";
import { ensureEmbedded, releaseEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { generateFile } from "../scripts/generate";

type Args = {
  sessions: number;
  large: number;
  skipLarge: boolean;
  runs: number;
  historyDays: number;
  historySessions: number;
  skipIncremental: boolean;
};

function parseArgs(argv: string[]): Args {
  const args: Args = {
    sessions: 112_642,
    large: 1_000_000,
    skipLarge: false,
    runs: 3,
    historyDays: 150,
    historySessions: 500_000,
    skipIncremental: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} expects a positive integer`);
      return n;
    };
    if (a === "--sessions") args.sessions = num();
    else if (a === "--large") args.large = num();
    else if (a === "--runs") args.runs = num();
    else if (a === "--skip-large") args.skipLarge = true;
    else if (a === "--history-days") args.historyDays = num();
    else if (a === "--history-sessions") args.historySessions = num();
    else if (a === "--skip-incremental") args.skipIncremental = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(
        "Usage: npm run bench:etl -- [--sessions 112642] [--large 1000000] [--skip-large] [--runs 3]\n" +
          "                            [--history-days 150] [--history-sessions 500000] [--skip-incremental]\n",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(tmpdir(), "qoe-bench-etl");
const TARGETS = { copyRatio: 4, largeSeconds: 20, rssMb: 300 };

type FileSpec = { sessions: number; days: number; end: string; seed: number };
const BENCH_END = "2026-10-31";

async function benchFile(
  sessions: number,
  spec: Omit<FileSpec, "sessions"> = { days: 30, end: BENCH_END, seed: 7 },
): Promise<{ file: string; rows: number; bytes: number }> {
  await mkdir(CACHE, { recursive: true });
  const { days, end, seed } = spec;
  // The 30-day files keep their original names (caches from earlier runs stay valid).
  const name =
    days === 30 && end === BENCH_END
      ? `telemetry-${sessions}-seed${seed}.csv`
      : `telemetry-${sessions}-${days}d-to-${end}-seed${seed}.csv`;
  const file = path.join(CACHE, name);
  const manifestPath = `${file}.manifest.json`;
  if (!existsSync(manifestPath) || !existsSync(file)) {
    const t0 = performance.now();
    process.stderr.write(`generating ${sessions.toLocaleString("en-US")} sessions into ${file} ...\n`);
    await generateFile({ sessions, days, end, seed, out: file, manifest: manifestPath });
    process.stderr.write(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { rows_written: number };
  return { file, rows: manifest.rows_written, bytes: (await stat(file)).size };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freshDatabase(
  serverUrl: string,
  migrate: boolean,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qoe_bench_${randomBytes(4).toString("hex")}`;
  const admin = createSql(serverUrl, { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  if (migrate) {
    const sql = createSql(url, { max: 2 });
    await runMigrations(createDb(sql));
    await sql.end();
  }
  return {
    url,
    drop: async () => {
      const a = createSql(serverUrl, { max: 1 });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** Seconds for a plain COPY of the file into a text table (the floor any loader pays). */
async function plainCopy(url: string, file: string): Promise<number> {
  const sql = createSql(url, { max: 1 });
  try {
    const cols = Array.from({ length: 22 }, (_, i) => `c${i + 1} text`).join(", ");
    await sql.unsafe(`drop table if exists copy_probe; create table copy_probe (${cols})`);
    const header = (await readFile(file, "utf8")).slice(0, 4096).split("\n")[0];
    const n = header.split(",").length;
    const list = Array.from({ length: n }, (_, i) => `c${i + 1}`).join(", ");
    const t0 = performance.now();
    const copy = await sql
      .unsafe(`copy copy_probe (${list}) from stdin with (format csv, header true)`)
      .writable();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
    const seconds = (performance.now() - t0) / 1000;
    await sql.unsafe("drop table copy_probe");
    return seconds;
  } finally {
    await sql.end();
  }
}

type EtlMeasure = {
  seconds: number;
  processSeconds: number;
  rssMb: number;
  summary: Record<string, unknown>;
};

/** The real CLI in a child process; its peak RSS is printed by a tiny --import hook at exit. */
async function etlChild(url: string, file: string): Promise<EtlMeasure> {
  const hook =
    "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nBENCH_MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))";
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", hook, "--import", "tsx", "scripts/etl/cli.ts", "--json", "--quiet", file],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const processSeconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`ETL exited with ${code}: ${stderr.slice(-2000)}`);
  const summary = JSON.parse(stdout) as Record<string, unknown>;
  const rss = /BENCH_MAXRSS_KB (\d+)/.exec(stderr);
  return {
    seconds: Number(summary.duration_ms) / 1000,
    processSeconds,
    rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    summary,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function measure(serverUrl: string, sessions: number, runs: number) {
  const { file, rows, bytes } = await benchFile(sessions);
  const copies: number[] = [];
  const etls: EtlMeasure[] = [];
  for (let r = 0; r < runs; r++) {
    const copyDb = await freshDatabase(serverUrl, false);
    try {
      copies.push(await plainCopy(copyDb.url, file));
    } finally {
      await copyDb.drop();
    }
    const etlDb = await freshDatabase(serverUrl, true);
    try {
      etls.push(await etlChild(etlDb.url, file));
    } finally {
      await etlDb.drop();
    }
  }
  const copy = median(copies);
  const etl = etls.sort((a, b) => a.seconds - b.seconds)[Math.floor(etls.length / 2)];
  return { sessions, rows, bytes, copy, etl, copies, etlRuns: etls.map((e) => e.seconds) };
}

/**
 * One new day into a warehouse holding `historyDays` days, against the same day's file into an
 * empty warehouse. The load into an empty warehouse runs twice (the faster is kept: these loads are
 * short and the machine noisy); the load into the history once, since a second try would need the
 * history loaded again (a file already loaded is a no-op).
 */
async function measureIncremental(serverUrl: string, historyDays: number, historySessions: number) {
  const dayBefore = new Date(Date.parse(`${BENCH_END}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const history = await benchFile(historySessions, { days: historyDays, end: dayBefore, seed: 11 });
  const day = await benchFile(Math.round(historySessions / historyDays), {
    days: 1,
    end: BENCH_END,
    seed: 12,
  });
  const alone: EtlMeasure[] = [];
  for (let r = 0; r < 2; r++) {
    const empty = await freshDatabase(serverUrl, true);
    try {
      alone.push(await etlChild(empty.url, day.file));
    } finally {
      await empty.drop();
    }
  }
  const warehouse = await freshDatabase(serverUrl, true);
  try {
    const historyLoad = await etlChild(warehouse.url, history.file);
    const into = await etlChild(warehouse.url, day.file);
    return { historyDays, historySessions, day, historyLoad, into, alone: fastest(alone) };
  } finally {
    await warehouse.drop();
  }
}

const fastest = (xs: EtlMeasure[]) => xs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.DATABASE_URL ?? (await ensureEmbedded("postgres"));
  const loadBefore = loadavg()[0];
  const results = [await measure(serverUrl, args.sessions, args.runs)];
  if (!args.skipLarge) results.push(await measure(serverUrl, args.large, 1));
  const incremental = args.skipIncremental
    ? null
    : await measureIncremental(serverUrl, args.historyDays, args.historySessions);
  const lines: string[] = [];
  lines.push("ETL benchmark (same server, same run; medians)");
  // Other work on the machine slows the CPU-bound ETL more than the I/O-bound COPY: say how busy it was.
  lines.push(
    `  machine: ${cpus().length} cores, load average ${fmt(loadBefore, 1)} at start, ${fmt(loadavg()[0], 1)} at end`,
  );
  for (const r of results) {
    const ratio = r.etl.seconds / r.copy;
    const stages = Object.entries(r.etl.summary.stage_ms as Record<string, number>)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    lines.push(
      `  ${r.sessions.toLocaleString("en-US")} sessions, ${r.rows.toLocaleString("en-US")} rows, ${fmt(r.bytes / 1e6, 1)} MB`,
      `    plain COPY      ${fmt(r.copy)} s   (${Math.round(r.rows / r.copy).toLocaleString("en-US")} rows/s; runs ${r.copies.map((c) => fmt(c)).join(", ")})`,
      `    ETL (run)       ${fmt(r.etl.seconds)} s   (${Math.round(r.rows / r.etl.seconds).toLocaleString("en-US")} rows/s; runs ${r.etlRuns.map((c) => fmt(c)).join(", ")})`,
      `    ETL (process)   ${fmt(r.etl.processSeconds)} s   (node + tsx start-up included)`,
      `    ratio ETL/COPY  ${fmt(ratio)} x   target <= ${TARGETS.copyRatio} x: ${ratio <= TARGETS.copyRatio ? "met" : "MISSED"}`,
      `    peak RSS        ${fmt(r.etl.rssMb, 0)} MB   target < ${TARGETS.rssMb} MB: ${r.etl.rssMb < TARGETS.rssMb ? "met" : "MISSED"}`,
      `    stages (ms)     ${stages}`,
    );
    if (r.sessions >= 1_000_000) {
      lines.push(
        `    1M target       ${fmt(r.etl.seconds)} s < ${TARGETS.largeSeconds} s: ${r.etl.seconds < TARGETS.largeSeconds ? "met" : "MISSED"}`,
      );
    }
  }
  if (incremental) {
    const { into, alone, day, historyLoad } = incremental;
    const stageOf = (m: EtlMeasure) => m.summary.stage_ms as Record<string, number>;
    lines.push(
      `  one new day (${day.rows.toLocaleString("en-US")} sessions) into ${incremental.historyDays} days of history (${incremental.historySessions.toLocaleString("en-US")} sessions, loaded in ${fmt(historyLoad.seconds, 1)} s)`,
      `    into the warehouse  ${fmt(into.seconds)} s   (aggregate ${stageOf(into).aggregate} ms, load ${stageOf(into).load} ms)`,
      `    into an empty one   ${fmt(alone.seconds)} s   (aggregate ${stageOf(alone).aggregate} ms, load ${stageOf(alone).load} ms)`,
      `    ratio               ${fmt(into.seconds / alone.seconds)} x   (about the same is the goal)`,
      `    stages into the warehouse (ms): ${Object.entries(stageOf(into))
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

main()
  .catch((err) => {
    process.stderr.write(`bench:etl: ${(err as Error).message}\n`);
    process.exitCode = 1;
  })
  .finally(() => releaseEmbedded());
