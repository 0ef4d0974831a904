/**
 * `npm run bench:insights -- [--sizes 100000,1000000] [--seeds 1,2,3] [--large-seeds 1,2]
 *                            [--scenarios default,none,custom] [--runs 2] [--skip-large] [--keep]`
 *
 * Measures the insights engine against ground truth on generated data:
 *  1. generates files with the project's generator (cached in the OS temp folder by flags) for
 *     each size x scenario x seed: "default" (the seed's three bugs), "none" (no fault) and
 *     "custom" (bench/insights-faults.json: faults the engine was not designed around);
 *  2. loads each into its own database with the real ETL (kept between runs by name, dropped at
 *     the end unless --keep);
 *  3. runs getInsights (default options: baseline device type x network, Bonferroni alpha 0.01,
 *     support >= 10, top 20) `runs` times and reports the median time, recall at top 5 and top 10
 *     (faults found at their exact segment, manifest -> finding segments by lib/insights/groundTruth),
 *     false findings (findings matching no injected fault) and the faults missed.
 * Writes bench/results/insights.json. Figures are reported, never asserted.
 */

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, createSql, type Db } from "../db/client";
import { ensureEmbedded, releaseEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { factWhere } from "../db/queries/filters";
import { getInsights } from "../db/queries/insights/getInsights";
import { runQuery } from "../db/queries/sql";
import { resolveFilters } from "../lib/api/resolveFilters";
import type { ResolvedFilters } from "../lib/filters";
import { type Segment, segmentDimensions, segmentFilters } from "../lib/insights/dimensions";
import {
  findingSegmentOf,
  type ManifestFault,
  rankOfFault,
  unmatchedFindings,
} from "../lib/insights/groundTruth";
import type { InsightsReport } from "../lib/insights/types";
import { runEtl } from "../scripts/etl/run";
import { generateFile } from "../scripts/generate";
import { parseFaults } from "../scripts/generate/faults";
import type { Manifest } from "../scripts/generate/manifest";

type Scenario = "default" | "none" | "custom";
type Args = {
  sizes: number[];
  seeds: number[];
  largeSeeds: number[];
  scenarios: Scenario[];
  runs: number;
  skipLarge: boolean;
  keep: boolean;
};

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(tmpdir(), "qoe-bench-insights");
const CUSTOM_FAULTS = path.join(ROOT, "bench", "insights-faults.json");
const LARGE = 500_000;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    sizes: [100_000, 1_000_000],
    seeds: [1, 2, 3],
    largeSeeds: [1, 2],
    scenarios: ["default", "none", "custom"],
    runs: 2,
    skipLarge: false,
    keep: false,
  };
  const ints = (s: string | undefined, flag: string) => {
    const xs = (s ?? "").split(",").map(Number);
    if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x < 1))
      throw new Error(`${flag} expects positive integers`);
    return xs;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--sizes") args.sizes = ints(argv[++i], a);
    else if (a === "--seeds") args.seeds = ints(argv[++i], a);
    else if (a === "--large-seeds") args.largeSeeds = ints(argv[++i], a);
    else if (a === "--runs") args.runs = ints(argv[++i], a)[0]!;
    else if (a === "--scenarios") {
      const xs = (argv[++i] ?? "").split(",");
      for (const x of xs)
        if (!["default", "none", "custom"].includes(x)) throw new Error(`unknown scenario ${x}`);
      args.scenarios = xs as Scenario[];
    } else if (a === "--skip-large") args.skipLarge = true;
    else if (a === "--keep") args.keep = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(
        "Usage: npm run bench:insights -- [--sizes 100000,1000000] [--seeds 1,2,3] [--large-seeds 1,2]\n" +
          "       [--scenarios default,none,custom] [--runs 2] [--skip-large] [--keep]\n",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

type Dataset = { sessions: number; scenario: Scenario; seed: number };

async function datasetFile(d: Dataset): Promise<{ file: string; manifest: Manifest }> {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `telemetry-${d.sessions}-${d.scenario}-s${d.seed}.csv`);
  const manifestPath = `${file}.manifest.json`;
  if (!existsSync(file) || !existsSync(manifestPath)) {
    process.stderr.write(
      `generating ${d.sessions.toLocaleString("en-US")} sessions (${d.scenario}, seed ${d.seed}) ...\n`,
    );
    const faults =
      d.scenario === "custom"
        ? parseFaults(JSON.parse(await readFile(CUSTOM_FAULTS, "utf8")), CUSTOM_FAULTS)
        : d.scenario;
    await generateFile({
      sessions: d.sessions,
      days: 30,
      end: "2026-10-31",
      seed: d.seed,
      faults,
      faultsSource: d.scenario === "custom" ? CUSTOM_FAULTS : undefined,
      out: file,
      manifest: manifestPath,
    });
  }
  return { file, manifest: JSON.parse(await readFile(manifestPath, "utf8")) as Manifest };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The dataset's database, loaded by the real ETL; reused when a previous run left it complete. */
async function datasetDatabase(serverUrl: string, d: Dataset, file: string, expected: number) {
  const name = `qoe_bench_insights_${d.sessions}_${d.scenario}_s${d.seed}`;
  const admin = createSql(serverUrl, { max: 1 });
  const [exists] = await admin`select 1 as x from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const client = createSql(withDatabase(serverUrl, name), { max: 4 });
  const db = createDb(client);
  let loaded = 0;
  if (exists) {
    const [row] = await client`select count(*)::int as n from fact_playback_sessions`.catch(() => [{ n: 0 }]);
    loaded = row?.n ?? 0;
  }
  if (loaded !== expected) {
    if (exists) {
      await client.end();
      const a = createSql(serverUrl, { max: 1 });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.unsafe(`create database "${name}"`);
      await a.end();
      return datasetDatabase(serverUrl, d, file, expected);
    }
    await runMigrations(db);
    const t0 = performance.now();
    const etl = await runEtl(client, { paths: [file] });
    if (etl.status !== "succeeded") throw new Error(`ETL ended ${etl.status}: ${etl.message}`);
    process.stderr.write(`  loaded ${name} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const drop = async () => {
    await client.end({ timeout: 5 });
    const a = createSql(serverUrl, { max: 1 });
    await a.unsafe(`drop database if exists "${name}" with (force)`);
    await a.end();
  };
  return { name, db, client, drop };
}

/** Segments holding exactly the same sessions as the fault's (one side of a pair implies the other). */
async function sameSessions(db: Db, range: ResolvedFilters, segment: Segment): Promise<Segment[]> {
  const dims = segmentDimensions(segment);
  if (dims.length !== 2) return [];
  const count = async (s: Segment) => {
    const [row] = await runQuery<{ n: number }>(
      sql`select count(*)::int as n from fact_playback_sessions f where ${factWhere({ ...range, ...toFilters(s) })}`,
      db,
    );
    return row!.n;
  };
  const n = await count(segment);
  const out: Segment[] = [];
  for (const d of dims) {
    const side: Segment = { [d]: segment[d] };
    if ((await count(side)) === n) out.push(side);
  }
  return out;
}

function toFilters(s: Segment): Partial<ResolvedFilters> {
  return Object.fromEntries(Object.entries(segmentFilters(s)).map(([k, v]) => [k, [v]]));
}

type Result = {
  sessions: number;
  scenario: Scenario;
  seed: number;
  faults: number;
  foundTop5: number;
  foundTop10: number;
  falseFindings: number;
  findings: number;
  medianMs: number;
  /** This process's CPU time per run (median): the Node half of the work, less sensitive to load than wall time. */
  nodeCpuMs: number;
  timingsMs: Record<string, number>;
  missed: string[];
  falseSummaries: string[];
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(serverUrl: string, d: Dataset, runs: number, keep: boolean): Promise<Result> {
  const { file, manifest } = await datasetFile(d);
  const database = await datasetDatabase(serverUrl, d, file, manifest.sessions);
  try {
    const range = await resolveFilters({}, database.db);
    const times: number[] = [];
    const cpu: number[] = [];
    let report: InsightsReport | null = null;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      report = await getInsights(range, { limit: 20 }, database.db);
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    const findings = report!.findings;
    const faults = manifest.faults as ManifestFault[];
    const equal = new Map<string, Segment[]>();
    for (const f of faults) {
      const seg = findingSegmentOf(f.segment);
      equal.set(f.name, seg ? await sameSessions(database.db, range, seg) : []);
    }
    const ranks = faults.map((f) => rankOfFault(f, findings, equal.get(f.name)));
    const unmatched = unmatchedFindings(faults, findings, (f) => equal.get(f.name) ?? []);
    return {
      sessions: manifest.sessions,
      scenario: d.scenario,
      seed: d.seed,
      faults: faults.length,
      foundTop5: ranks.filter((r) => r !== null && r <= 5).length,
      foundTop10: ranks.filter((r) => r !== null && r <= 10).length,
      falseFindings: unmatched.length,
      findings: findings.length,
      medianMs: median(times),
      nodeCpuMs: Math.round(median(cpu)),
      timingsMs: report!.timingsMs,
      missed: faults
        .filter((_, i) => ranks[i] === null || ranks[i]! > 10)
        .map((f) => `${f.name}${ranks[faults.indexOf(f)] ? ` (rank ${ranks[faults.indexOf(f)]})` : ""}`),
      falseSummaries: unmatched.map((f) => f.summary),
    };
  } finally {
    if (keep) await database.client.end({ timeout: 5 });
    else await database.drop();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.DATABASE_URL ?? (await ensureEmbedded("postgres"));
  const loadBefore = loadavg()[0]!;
  const datasets: Dataset[] = [];
  for (const sessions of args.sizes) {
    if (args.skipLarge && sessions >= LARGE) continue;
    for (const scenario of args.scenarios) {
      const seeds =
        sessions >= LARGE
          ? scenario === "default"
            ? args.largeSeeds
            : args.largeSeeds.slice(0, 1)
          : args.seeds;
      for (const seed of seeds) datasets.push({ sessions, scenario, seed });
    }
  }
  const results: Result[] = [];
  for (const d of datasets) {
    const r = await measure(serverUrl, d, args.runs, args.keep);
    results.push(r);
    process.stderr.write(
      `  ${d.sessions} ${d.scenario} seed ${d.seed}: ${r.foundTop5}/${r.faults} in top 5, ${r.falseFindings} false, ${Math.round(r.medianMs)} ms\n`,
    );
  }
  const lines = [
    "Insights benchmark (recall against the generator's manifest; findings at their exact segment)",
    `  machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`,
    "  sessions   scenario  seed  faults  top5  top10  false  findings  median ms  (baseline / segments / statistics ms)  node cpu ms",
  ];
  for (const r of results) {
    const t = r.timingsMs;
    lines.push(
      `  ${String(r.sessions).padStart(8)}   ${r.scenario.padEnd(8)}  ${String(r.seed).padStart(4)}  ${String(r.faults).padStart(6)}  ${String(r.foundTop5).padStart(4)}  ${String(r.foundTop10).padStart(5)}  ${String(r.falseFindings).padStart(5)}  ${String(r.findings).padStart(8)}  ${String(Math.round(r.medianMs)).padStart(9)}  (${t.baselineQuery} / ${t.segmentQuery} / ${t.statistics})  ${r.nodeCpuMs}`,
    );
    if (r.missed.length) lines.push(`      missed: ${r.missed.join(", ")}`);
    for (const s of r.falseSummaries) lines.push(`      false: ${s}`);
  }
  for (const scenario of ["default", "custom"] as const) {
    const rs = results.filter((r) => r.scenario === scenario);
    if (rs.length === 0) continue;
    const faults = rs.reduce((a, r) => a + r.faults, 0);
    const top5 = rs.reduce((a, r) => a + r.foundTop5, 0);
    const top10 = rs.reduce((a, r) => a + r.foundTop10, 0);
    lines.push(
      `  ${scenario}: recall@5 ${((100 * top5) / faults).toFixed(0)}% (${top5}/${faults}), recall@10 ${((100 * top10) / faults).toFixed(0)}%, false findings ${rs.reduce((a, r) => a + r.falseFindings, 0)}`,
    );
  }
  const clean = results.filter((r) => r.scenario === "none");
  if (clean.length)
    lines.push(
      `  none: ${clean.reduce((a, r) => a + r.findings, 0)} findings over ${clean.length} clean datasets`,
    );
  // Includes the ETL when a dataset had to be loaded first.
  lines.push(`  peak RSS of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  process.stdout.write(`${lines.join("\n")}\n`);
  mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(
    path.join(ROOT, "bench", "results", "insights.json"),
    `${JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, loadBefore, loadAfter: loadavg()[0], results }, null, 2)}\n`,
  );
}

main()
  .catch((error) => {
    process.stderr.write(`bench:insights: ${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
  })
  .finally(() => releaseEmbedded());
