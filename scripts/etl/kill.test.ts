import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { getEtlRuns } from "../../db/queries/pipeline/getEtlRuns";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { generateFile } from "../generate";
import { runEtl } from "./run";
import { spawnEtl, tempDir, warehouseChecksums } from "./test-support";

/**
 * A run killed with SIGKILL in the middle of its load leaves the warehouse exactly as it was, and
 * the next run completes (marking the dead run's record as failed).
 */

let t: TestDatabase;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  t = await createTestDatabase("etl_kill");
  ({ dir, cleanup } = await tempDir("kill"));
});
afterAll(async () => {
  await t?.drop();
  await cleanup?.();
});

/** A big file quickly: copies of a generated file, each copy with its own session ids. */
async function bigFile(source: string, copies: number, out: string): Promise<void> {
  const lines = (await readFile(source, "utf8")).trimEnd().split("\n");
  const stream = createWriteStream(out);
  stream.write(`${lines[0]}\n`);
  for (let c = 0; c < copies; c++) {
    const chunk = lines
      .slice(1)
      .map((l) => `k${c}-${l}`)
      .join("\n");
    if (!stream.write(`${chunk}\n`)) await new Promise<void>((r) => stream.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

describe("a run killed with SIGKILL", () => {
  it("leaves the warehouse unchanged, and the next run completes", async () => {
    const small = path.join(dir, "small.csv");
    const later = path.join(dir, "later.csv");
    const base = path.join(dir, "base.csv");
    const big = path.join(dir, "big.csv");
    await generateFile({ sessions: 400, days: 2, end: "2026-10-02", seed: 1, out: small });
    await generateFile({ sessions: 300, days: 1, end: "2026-10-03", seed: 2, out: later });
    await generateFile({ sessions: 8000, days: 2, end: "2026-10-05", seed: 3, out: base });
    await bigFile(base, 15, big); // 120,000 rows
    expect((await runEtl(t.sql, { paths: [small], migrate: false })).status).toBe("succeeded");
    const before = await warehouseChecksums(t.sql);

    const { child, done } = spawnEtl(t.url, [big]);
    let stderr = "";
    const reachedLoad = new Promise<void>((resolve) => {
      child.stderr?.on("data", (d) => {
        stderr += d;
        // Kill while the transaction is busy: once dimensions/facts are being written.
        if (/\] load\b/.test(stderr)) resolve();
      });
    });
    await Promise.race([reachedLoad, done]);
    // While its process lives, readers show the run as running (its liveness lock is held).
    const [alive] = await getEtlRuns(1, createDb(t.sql));
    expect(alive.status).toBe("running");
    child.kill("SIGKILL");
    const result = await done;
    expect(result.signal, stderr).toBe("SIGKILL");
    expect(stderr).toMatch(/\] load\b/);

    const [killed] = await t.sql<{ run_id: number; status: string }[]>`
      select run_id, status from etl_runs order by run_id desc limit 1`;
    expect(killed.status).toBe("running");
    // Readers (etl:status, the pipeline page) already show it as what it is.
    const [shown] = await getEtlRuns(1, createDb(t.sql));
    expect([shown.runId, shown.status, shown.durationMs]).toEqual([killed.run_id, "failed", null]);
    expect(shown.message).toMatch(/process stopped before finishing/);
    // Waits, if need be, until the server has rolled the dead client's transaction back.
    expect(await warehouseChecksums(t.sql)).toEqual(before);

    const next = await runEtl(t.sql, { paths: [later], migrate: false });
    expect(next.status).toBe("succeeded");
    expect(next.rows_loaded).toBe(300);
    const [after] = await t.sql<{ status: string; message: string }[]>`
      select status, message from etl_runs where run_id = ${killed.run_id}`;
    expect(after.status).toBe("failed");
    expect(after.message).toMatch(/aborted/);
    const [{ n }] = await t.sql<{ n: number }[]>`select count(*)::int as n from fact_playback_sessions`;
    expect(n).toBe(700);
    const [{ staged }] = await t.sql<
      { staged: number }[]
    >`select count(*)::int as staged from stg_playback_sessions`;
    expect(staged).toBe(0);
  });
});
