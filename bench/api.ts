/**
 * `npm run bench:api -- [--iterations 10] [--warmup 2] [--seed-iterations 3] [--only <text>]
 *                       [--skip-seed] [--insights] [--rebuild] [--sessions 1000000]`
 *
 * API latency at 1M sessions, and the same questions asked the seed's way, in one run:
 *  1. builds (or reuses, keyed by its parameters) the database qoe_bench_1m on the running server:
 *     1M generated sessions (fixed seed and end date) loaded by the real ETL;
 *  2. discovers every route under app/api/**\/route.ts (health excluded; insights only with
 *     --insights) and calls its GET in-process with `new Request(...)` over a fixed set of filter
 *     combinations and endpoint parameters, round-robin (warm-up first), recording which
 *     aggregate / fact path each call read;
 *  3. times the seed dashboards' SQL (plain SQL over the facts, bench/api/seedQueries.ts) over the
 *     same combinations, and prints ours/seed per question and overall;
 *  4. writes everything to bench/results/api.json. Figures are reported, never asserted.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { createSql } from "../db/client";
import { traceQueries } from "../db/queries/sql";
import { resolveFilters } from "../lib/api/resolveFilters";
import { type FilterCombo, filterCombos } from "./api/combos";
import { type BenchDataParams, DEFAULT_BENCH_DATA, ensureBenchDatabase } from "./api/database";
import { pathOf } from "./api/paths";
import { type BenchRoute, callsFor, discoverRoutes, type EndpointCall, type RouteModule } from "./api/routes";
import { SEED_QUESTIONS, type SeedFilters } from "./api/seedQueries";
import { geometricMean, latencyStats } from "./api/stats";

type Args = {
  iterations: number;
  warmup: number;
  seedIterations: number;
  only: string | null;
  skipSeed: boolean;
  insights: boolean;
  rebuild: boolean;
  data: BenchDataParams;
};

const TARGET_P95_MS = 100;
const TARGET_SPEEDUP = 10;
const ROOT = path.resolve(__dirname, "..");

function parseArgs(argv: string[]): Args {
  const args: Args = {
    iterations: 10,
    warmup: 2,
    seedIterations: 3,
    only: null,
    skipSeed: false,
    insights: false,
    rebuild: false,
    data: { ...DEFAULT_BENCH_DATA },
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (min: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min) throw new Error(`${a} expects a whole number >= ${min}`);
      return n;
    };
    if (a === "--iterations") args.iterations = num(1);
    else if (a === "--warmup") args.warmup = num(0);
    else if (a === "--seed-iterations") args.seedIterations = num(1);
    else if (a === "--sessions") args.data.sessions = num(1);
    else if (a === "--only") args.only = argv[++i] ?? null;
    else if (a === "--skip-seed") args.skipSeed = true;
    else if (a === "--insights") args.insights = true;
    else if (a === "--rebuild") args.rebuild = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(
        "Usage: npm run bench:api -- [--iterations 10] [--warmup 2] [--seed-iterations 3] [--only <text>]\n" +
          "                           [--skip-seed] [--insights] [--rebuild] [--sessions 1000000]\n",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

type Cell = {
  call: EndpointCall;
  combo: FilterCombo | null;
  samples: number[];
  paths: Set<string>;
  status: number;
};

function urlFor(call: EndpointCall, combo: FilterCombo | null): string {
  const params = new URLSearchParams({ ...(combo?.params ?? {}), ...call.params });
  const query = params.toString();
  return `http://bench/api/${call.endpoint}${query ? `?${query}` : ""}`;
}

async function timeCall(
  get: RouteModule["GET"],
  url: string,
): Promise<{ ms: number; status: number; statements: string[] }> {
  const statements: string[] = [];
  traceQueries((text) => statements.push(text));
  const t0 = performance.now();
  const response = await get(new Request(url));
  await response.text();
  const ms = performance.now() - t0;
  traceQueries(null);
  return { ms, status: response.status, statements };
}

/** Round-robin: every cell gets one sample per pass, so background noise spreads over all cells. */
async function benchEndpoints(
  routes: BenchRoute[],
  combos: FilterCombo[],
  latestRun: number | null,
  args: Args,
) {
  const modules = new Map<string, RouteModule>();
  for (const r of routes) modules.set(r.endpoint, (await import(r.file)) as RouteModule);
  const cells: Cell[] = [];
  for (const r of routes)
    for (const call of callsFor(r.endpoint, latestRun))
      for (const combo of call.filtered ? combos : [null])
        cells.push({ call, combo, samples: [], paths: new Set(), status: 0 });
  const total = args.warmup + args.iterations;
  for (let pass = 0; pass < total; pass++) {
    process.stderr.write(
      `endpoints: pass ${pass + 1}/${total} (${pass < args.warmup ? "warm-up" : "measured"})\n`,
    );
    for (const cell of cells) {
      const { ms, status, statements } = await timeCall(
        modules.get(cell.call.endpoint)!.GET,
        urlFor(cell.call, cell.combo),
      );
      cell.status = status;
      cell.paths.add(pathOf(statements));
      if (pass >= args.warmup) cell.samples.push(ms);
    }
  }
  return cells;
}

type SeedCell = { question: (typeof SEED_QUESTIONS)[number]; combo: FilterCombo; samples: number[] };

async function benchSeed(
  url: string,
  combos: FilterCombo[],
  range: { from: string; to: string },
  args: Args,
) {
  const sql = createSql(url, { max: 2 });
  const cells: SeedCell[] = [];
  for (const question of SEED_QUESTIONS)
    for (const combo of combos) cells.push({ question, combo, samples: [] });
  try {
    const total = 1 + args.seedIterations;
    for (let pass = 0; pass < total; pass++) {
      process.stderr.write(
        `seed queries: pass ${pass + 1}/${total} (${pass < 1 ? "warm-up" : "measured"})\n`,
      );
      for (const cell of cells) {
        const filters = seedFilters(cell.combo, range);
        const t0 = performance.now();
        await cell.question.run(sql, filters);
        if (pass >= 1) cell.samples.push(performance.now() - t0);
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return cells;
}

function seedFilters(combo: FilterCombo, range: { from: string; to: string }): SeedFilters {
  const { from, to, ...dims } = combo.params;
  const filters: SeedFilters = { from: from ?? range.from, to: to ?? range.to };
  for (const [k, v] of Object.entries(dims)) (filters as Record<string, unknown>)[k] = v.split(",");
  return filters;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : "-");
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

function summarisePaths(cells: Cell[]): string {
  const counts = new Map<string, number>();
  for (const c of cells) for (const p of c.paths) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([p, n]) => (counts.size > 1 || cells.length > 1 ? `${p} ${n}/${cells.length}` : p))
    .join(", ");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const db = await ensureBenchDatabase(args.data, args.rebuild);
  process.env.DATABASE_URL = db.url;
  const probe = createSql(db.url, { max: 1 });
  const [info] = await probe<{ minDate: string; maxDate: string; sessions: number; run: number | null }[]>`
    select min(full_date)::text as "minDate", max(full_date)::text as "maxDate",
           coalesce(sum(total_sessions), 0)::int as sessions,
           (select max(run_id)::int from etl_runs) as run
    from agg_daily_quality`;
  await probe.end();
  const combos = filterCombos(info.maxDate);
  const defaultRange = await resolveFilters({});
  let routes = await discoverRoutes(ROOT, args.insights);
  if (args.only) routes = routes.filter((r) => r.endpoint.includes(args.only as string));
  process.stderr.write(
    `bench database ${db.name} (${db.built ? `built in ${db.loadSeconds?.toFixed(0)} s` : "reused"}): ` +
      `${info.sessions.toLocaleString("en-US")} sessions ${info.minDate}..${info.maxDate}; ${routes.length} routes\n`,
  );

  // The machine is shared: the 1-minute load average around each phase says how noisy it was.
  const load: Record<string, number> = { start: loadavg()[0] };
  const cells = await benchEndpoints(routes, combos, info.run, args);
  load.afterEndpoints = loadavg()[0];
  const seedCells = args.skipSeed ? [] : await benchSeed(db.url, combos, defaultRange, args);
  if (!args.skipSeed) load.afterSeed = loadavg()[0];

  const lines: string[] = [];
  lines.push(
    `API latency at ${info.sessions.toLocaleString("en-US")} sessions (${db.name}); ${args.iterations} iterations per endpoint x filter combination after ${args.warmup} warm-up; ms`,
  );
  lines.push(
    `${pad("endpoint", 34)} ${lpad("p50", 6)} ${lpad("p95", 6)} ${lpad("max", 6)}  ${pad("target", 6)}  path (combinations)`,
  );
  const byLabel = new Map<string, Cell[]>();
  for (const c of cells) byLabel.set(c.call.label, [...(byLabel.get(c.call.label) ?? []), c]);
  const endpointRows: Record<string, unknown>[] = [];
  for (const [label, group] of byLabel) {
    const stats = latencyStats(group.flatMap((c) => c.samples));
    const pass = stats.p95 < TARGET_P95_MS;
    const statuses = [...new Set(group.map((c) => c.status))].filter((s) => s !== 200);
    lines.push(
      `${pad(label, 34)} ${lpad(ms(stats.p50), 6)} ${lpad(ms(stats.p95), 6)} ${lpad(ms(stats.max), 6)}  ${pad(pass ? "pass" : "FAIL", 6)}  ${summarisePaths(group)}${statuses.length ? `  (HTTP ${statuses.join(",")})` : ""}`,
    );
    endpointRows.push({
      endpoint: label,
      ...stats,
      pass,
      combos: group.map((c) => ({
        combo: c.combo?.name ?? null,
        ...latencyStats(c.samples),
        paths: [...c.paths],
        status: c.status,
      })),
    });
  }
  lines.push("", "By filter combination (all filtered endpoints):");
  const comboRows: Record<string, unknown>[] = [];
  for (const combo of combos) {
    const group = cells.filter((c) => c.combo === combo);
    const stats = latencyStats(group.flatMap((c) => c.samples));
    const over = group.filter((c) => latencyStats(c.samples).p95 >= TARGET_P95_MS).map((c) => c.call.label);
    lines.push(
      `  ${pad(combo.name, 22)} p50 ${lpad(ms(stats.p50), 6)}  p95 ${lpad(ms(stats.p95), 6)}  max ${lpad(ms(stats.max), 6)}` +
        (over.length
          ? `  p95 >= ${TARGET_P95_MS} ms on ${over.length}: ${over.slice(0, 6).join(", ")}${over.length > 6 ? ", ..." : ""}`
          : ""),
    );
    comboRows.push({ combo: combo.name, params: combo.params, ...stats, overTarget: over });
  }

  const seedRows: Record<string, unknown>[] = [];
  if (seedCells.length > 0) {
    lines.push(
      "",
      "The seed's way (plain SQL over facts + dimensions) vs ours, same questions, same combinations:",
    );
    lines.push(
      `${pad("question", 46)} ${lpad("seed p50", 9)} ${lpad("ours p50", 9)} ${lpad("ours/seed", 10)}  our endpoint`,
    );
    const ratios: number[] = [];
    let seedTotal = 0;
    let oursTotal = 0;
    for (const question of SEED_QUESTIONS) {
      const seedGroup = seedCells.filter((c) => c.question === question);
      const seedStats = latencyStats(seedGroup.flatMap((c) => c.samples));
      const ours = question.ours ? byLabel.get(question.ours) : undefined;
      // Sum of per-combination medians: the time to answer the question once for every combination.
      const seedSum = seedGroup.reduce((s, c) => s + latencyStats(c.samples).p50, 0);
      const oursSum = ours?.reduce((s, c) => s + latencyStats(c.samples).p50, 0);
      const ratio = oursSum !== undefined ? oursSum / seedSum : Number.NaN;
      if (oursSum !== undefined) {
        ratios.push(ratio);
        seedTotal += seedSum;
        oursTotal += oursSum;
      }
      const oursStats = ours ? latencyStats(ours.flatMap((c) => c.samples)) : null;
      lines.push(
        `${pad(question.name, 46)} ${lpad(ms(seedStats.p50), 9)} ${lpad(oursStats ? ms(oursStats.p50) : "-", 9)} ` +
          `${lpad(Number.isFinite(ratio) ? ratio.toFixed(3) : "-", 10)}  ${question.ours ?? "(no single endpoint; reference only)"}`,
      );
      seedRows.push({
        question: question.name,
        page: question.page,
        ours: question.ours,
        seed: seedStats,
        oursStats,
        ratioOursOverSeed: Number.isFinite(ratio) ? ratio : null,
        combos: seedGroup.map((c) => ({ combo: c.combo.name, ...latencyStats(c.samples) })),
      });
    }
    const overall = oursTotal / seedTotal;
    const geo = geometricMean(ratios);
    lines.push(
      `overall ours/seed: ${overall.toFixed(3)} (sum of per-combination medians; ${(1 / overall).toFixed(1)}x faster), ` +
        `geometric mean of per-question ratios ${geo.toFixed(3)} (${(1 / geo).toFixed(1)}x); target >= ${TARGET_SPEEDUP}x: ` +
        `${1 / overall >= TARGET_SPEEDUP && ratios.every((r) => 1 / r >= TARGET_SPEEDUP) ? "met for every question" : 1 / overall >= TARGET_SPEEDUP ? "met overall, not for every question" : "MISSED"}`,
    );
    seedRows.push({ overall: { ratioOursOverSeed: overall, geometricMeanRatio: geo } });
  }
  const failing = endpointRows.filter((r) => !r.pass).map((r) => r.endpoint);
  lines.push(
    "",
    `1-minute load average: ${Object.entries(load)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(", ")}`,
    failing.length === 0
      ? `every endpoint p95 < ${TARGET_P95_MS} ms`
      : `p95 >= ${TARGET_P95_MS} ms: ${failing.join(", ")}`,
    "Figures are from one run on a shared machine; compare ratios within a run, not absolute times across runs.",
  );
  process.stdout.write(`${lines.join("\n")}\n`);

  const out = path.join(ROOT, "bench", "results", "api.json");
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        database: {
          name: db.name,
          ...args.data,
          sessions: info.sessions,
          range: [info.minDate, info.maxDate],
        },
        settings: { iterations: args.iterations, warmup: args.warmup, seedIterations: args.seedIterations },
        loadAverage1m: load,
        targets: { p95Ms: TARGET_P95_MS, speedup: TARGET_SPEEDUP },
        endpoints: endpointRows,
        combinations: comboRows,
        seed: seedRows,
      },
      null,
      2,
    )}\n`,
  );
  process.stderr.write(`results written to ${path.relative(ROOT, out)}\n`);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    process.stderr.write(`bench:api failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
