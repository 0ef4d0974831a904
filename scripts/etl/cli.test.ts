import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_COLUMNS } from "../../db/constants";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { generateFile } from "../generate";
import { HELP, parseArgs } from "./args";
import { silentProgress } from "./progress";
import { runEtl } from "./run";
import { runCli, seedRow, tempDir, writeCsv } from "./test-support";
import { exitCodeFor } from "./types";

/** The real command as a child process: exit codes, refusals, the quality gate, --json, etl:status. */

let t: TestDatabase;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  t = await createTestDatabase("etl_cli");
  ({ dir, cleanup } = await tempDir("cli"));
});
afterAll(async () => {
  await t?.drop();
  await cleanup?.();
});

const factCount = async () =>
  (await t.sql<{ n: number }[]>`select count(*)::int as n from fact_playback_sessions`)[0].n;

describe("npm run etl", () => {
  it("refuses a missing column, an empty file and a binary file with exit code 2, loading nothing", async () => {
    const missing = await writeCsv(
      path.join(dir, "missing.csv"),
      [seedRow().filter((_, i) => SEED_COLUMNS[i] !== "startup_time_ms")],
      SEED_COLUMNS.filter((c) => c !== "startup_time_ms"),
    );
    const empty = path.join(dir, "empty.csv");
    await writeFile(empty, "");
    const binary = path.join(dir, "image.csv");
    await writeFile(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
    );
    const good = await writeCsv(path.join(dir, "good.csv"), [seedRow()]);
    const crOnly = path.join(dir, "mac.csv");
    await writeFile(crOnly, (await readFile(good, "utf8")).replaceAll("\n", "\r"));

    // The real command for one refusal (exit code 2, JSON summary, no stack trace) ...
    const r = await runCli(t.url, ["--json", missing]);
    expect(r.code, r.stderr).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe("refused");
    expect(summary.message).toMatch(/missing required column startup_time_ms/);
    expect(summary.files.map((f: { path: string; outcome: string }) => [f.path, f.outcome])).toEqual([
      [missing, "refused"],
    ]);
    expect(r.stderr).toMatch(/^etl: refused: .*missing required column startup_time_ms/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // ... and the others in-process (the command's exit code is exitCodeFor(status)).
    for (const [files, message] of [
      [[empty], /empty file/],
      [[binary], /binary data/],
      [[good, missing], /missing required column/], // one bad file refuses the whole run
      [[path.join(dir, "nope.csv")], /no such file/],
      [[crOnly], /bare CR \(classic Mac line endings\)/],
    ] as [string[], RegExp][]) {
      const s = await runEtl(t.sql, { paths: files, migrate: false });
      expect(s.status).toBe("refused");
      expect(exitCodeFor(s.status)).toBe(2);
      expect(s.message).toMatch(message);
    }
    expect(await factCount()).toBe(0);
    const runs = await t.sql<{ status: string }[]>`select status from etl_runs order by run_id`;
    expect(runs.map((r) => r.status)).toEqual(Array(6).fill("refused"));
    const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from etl_rejected_rows`;
    expect(n).toBe(0);
  });

  it("names corrupt gzip data (exit code 2), also when its size matches a loaded file", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => seedRow({ session_id: `gz-${i}` }));
    const plain = await readFile(await writeCsv(path.join(dir, "gz.csv"), rows));
    const good = path.join(dir, "good.csv.gz");
    await writeFile(good, gzipSync(plain));
    const corrupt = path.join(dir, "corrupt.csv.gz");
    const bytes = gzipSync(plain);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 64; i++) bytes[i] ^= 0x5a;
    await writeFile(corrupt, bytes);
    const own = await createTestDatabase("etl_cli_gzip");
    try {
      const fresh = await runEtl(own.sql, { paths: [corrupt], migrate: false });
      expect(fresh.status).toBe("refused");
      expect(fresh.message).toMatch(/corrupt\.csv\.gz: corrupt gzip data/);
      const loaded = await runEtl(own.sql, { paths: [good], migrate: false, minQuality: 0 });
      expect(loaded.status).toBe("succeeded");
      // Same content size as the loaded file: its content is hashed before any COPY.
      const again = await runEtl(own.sql, { paths: [corrupt], migrate: false });
      expect(again.status).toBe("refused");
      expect(again.message).toMatch(/corrupt\.csv\.gz: corrupt gzip data/);
    } finally {
      await own.drop();
    }
  });

  it("an interrupted run records what was read, and no score, fixes or loaded rows", async () => {
    const file = await writeCsv(path.join(dir, "interrupted.csv"), [
      seedRow({ session_id: "int-1" }),
      seedRow({ session_id: "int-2", startup_time_ms: "-5" }),
    ]);
    const own = await createTestDatabase("etl_cli_abort");
    try {
      const controller = new AbortController();
      // Interrupted (as by Ctrl-C) once validation and fixes are done, while loading.
      const progress = { ...silentProgress, stage: (name: string) => name === "load" && controller.abort() };
      const s = await runEtl(own.sql, { paths: [file], migrate: false, progress, signal: controller.signal });
      expect(s.status).toBe("failed");
      expect(s.message).toMatch(/interrupted/);
      expect([s.rows_read, s.rows_loaded, s.quality_score, s.fixed_rows]).toEqual([2, 0, null, 0]);
      expect(s.fixed_by_rule).toEqual({});
      const [run] = await own.sql<{ quality_score: number | null; fixed_by_rule: object }[]>`
        select quality_score, fixed_by_rule from etl_runs where run_id = ${s.run_id!}`;
      expect(run).toEqual({ quality_score: null, fixed_by_rule: {} });
    } finally {
      await own.drop();
    }
  });

  it("fails a run below --min-quality with exit code 3: no facts, run record and rejects kept", async () => {
    const out = path.join(dir, "very-dirty.csv");
    const manifest = await generateFile({
      sessions: 1500,
      days: 2,
      end: "2026-10-03",
      seed: 3,
      dirty: 0.4,
      out,
    });
    const r = await runCli(t.url, ["--json", out]);
    expect(r.code, r.stderr).toBe(3);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe("quality_failed");
    expect(summary.quality_score).toBeLessThan(90);
    expect(summary.rows_loaded).toBe(0);
    expect(await factCount()).toBe(0);
    const [run] = await t.sql<{ status: string; rows_rejected: number }[]>`
      select status, rows_rejected from etl_runs where run_id = ${summary.run_id}`;
    expect(run.status).toBe("quality_failed");
    expect(run.rows_rejected).toBe(manifest.expected_rejected_rows + manifest.expected_duplicate_rows);
    const [{ n }] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from etl_rejected_rows where run_id = ${summary.run_id}`;
    expect(n).toBe(run.rows_rejected);

    // The same file with a lower bar loads (the failed run did not mark it as loaded).
    const ok = await runCli(t.url, ["--json", "--min-quality", "50", out]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).rows_loaded).toBe(manifest.expected_clean_rows);
  });

  it("prints a summary; parses its flags", async () => {
    const file = await writeCsv(path.join(dir, "one.csv"), [seedRow({ session_id: "summary-1" })]);
    const r = await runCli(t.url, [file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ETL run \d+: succeeded/);
    expect(r.stdout).toMatch(/rows loaded\s+1/);
    expect(r.stdout).toMatch(/quality score\s+100\.00/);
    expect(parseArgs(["--help"]).help).toBe(true);
    expect(HELP).toMatch(/--min-quality N/);
    expect(parseArgs(["--json", "--min-quality", "95.5", "a.csv", "dir"])).toEqual({
      paths: ["a.csv", "dir"],
      minQuality: 95.5,
      json: true,
      quiet: false,
      help: false,
    });
    expect(() => parseArgs(["--min-quality", "abc"])).toThrow(/--min-quality expects a number/);
    for (const bad of ["0x5A", " ", "", "-1", "101", "1e2"]) {
      expect(() => parseArgs(["--min-quality", bad]), bad).toThrow(/--min-quality expects a number/);
    }
    expect(() => parseArgs(["--fast"])).toThrow(/unknown option --fast/);
  });
});

describe("npm run etl:status", () => {
  it("lists recent runs, newest first, as a table or JSON", async () => {
    const spawnStatus = (args: string[]) =>
      import("node:child_process").then(({ execFileSync }) =>
        execFileSync(process.execPath, ["--import", "tsx", "scripts/etl/status.ts", ...args], {
          cwd: path.resolve(__dirname, "../.."),
          env: { ...process.env, DATABASE_URL: t.url },
        }).toString(),
      );
    const runs = JSON.parse(await spawnStatus(["--json", "--limit", "3"]));
    expect(runs).toHaveLength(3);
    expect(runs[0].run_id).toBeGreaterThan(runs[1].run_id);
    expect(runs[0]).toMatchObject({ status: "succeeded", rows_loaded: 1 });
    const table = await spawnStatus([]);
    expect(table).toMatch(/run\s+started \(UTC\)\s+status/);
    expect(table).toMatch(/quality_failed/);
    expect(table).toMatch(/refused/);
  });
});
