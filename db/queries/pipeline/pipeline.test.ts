import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { getEtlRunDetail } from "./getEtlRunDetail";
import { etlRunsSchema, getEtlRuns } from "./getEtlRuns";
import { getRejectedRows, rejectsSchema } from "./getRejectedRows";
import { runSchema } from "./runParams";

/** Pipeline queries against a warehouse loaded by the real ETL from a file with broken rows. */
describe("pipeline queries", () => {
  let wh: TestWarehouse;

  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 2000, seed: 24, dirty: 0.03, prefix: "pipeline" });
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("lists the run with the ETL's own counts", async () => {
    const runs = await getEtlRuns(10, wh.db);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run.runId).toBe(wh.etl.run_id);
    expect(run.status).toBe("succeeded");
    expect(run.rowsRead).toBe(wh.etl.rows_read);
    expect(run.rowsLoaded).toBe(wh.manifest.expected_clean_rows);
    expect(run.rowsRejected).toBe(wh.etl.rows_rejected);
    expect(run.qualityScore).toBeCloseTo(wh.etl.quality_score ?? Number.NaN, 6);
    // The duration the ETL itself measured (what the CLI printed), and its fixed-row total.
    expect(run.durationMs).toBe(wh.etl.duration_ms);
    expect(run.fixedRows).toBe(wh.etl.fixed_rows);
  });

  it("returns the latest run's checks and rule counts, and null for an unknown run", async () => {
    const latest = await getEtlRunDetail(undefined, wh.db);
    const byId = await getEtlRunDetail(wh.etl.run_id ?? -1, wh.db);
    expect(byId).toEqual(latest);
    expect(latest?.qualityChecks.map((c) => c.check)).toEqual(wh.etl.quality_checks.map((c) => c.check));
    expect(latest?.qualityChecks).toHaveLength(6);
    expect(latest?.qualityChecks.every((c) => typeof c.passed === "boolean")).toBe(true);
    expect(latest?.rejectedByReason).toEqual(wh.etl.rejected_by_reason);
    expect(latest?.fixedByRule).toEqual(wh.etl.fixed_by_rule);
    expect(await getEtlRunDetail(999_999, wh.db)).toBeNull();
  });

  it("counts rejected rows by reason with at most N examples each, in file order", async () => {
    const result = await getRejectedRows(undefined, 2, wh.db);
    expect(result?.runId).toBe(wh.etl.run_id);
    const expected = await wh.sql<{ reason_code: string; n: number }[]>`
      select reason_code, count(*)::int as n from etl_rejected_rows group by 1`;
    expect(expected.length).toBeGreaterThan(0);
    const reasons = result?.reasons ?? [];
    expect(Object.fromEntries(reasons.map((r) => [r.reasonCode, r.rows]))).toEqual(
      Object.fromEntries(expected.map((e) => [e.reason_code, e.n])),
    );
    // Most frequent reason first.
    expect(reasons.map((r) => r.rows)).toEqual([...reasons.map((r) => r.rows)].sort((a, b) => b - a));
    for (const reason of reasons) {
      expect(reason.examples.length).toBe(Math.min(2, reason.rows));
      const lines = reason.examples.map((e) => e.lineNumber);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      for (const example of reason.examples) expect(example.rawRow.length).toBeGreaterThan(0);
    }
    expect(await getRejectedRows(999_999, 2, wh.db)).toBeNull();
  });

  it("validates the run and paging params with reasons", () => {
    expect(runSchema.parse({})).toEqual({ run: undefined });
    expect(runSchema.parse({ run: "7" })).toEqual({ run: 7 });
    for (const bad of ["abc", "0", "-3", "1.5", "0x1", "1e0", " 1"]) {
      const parsed = runSchema.safeParse({ run: bad });
      expect(parsed.success, bad).toBe(false);
    }
    expect(rejectsSchema.safeParse({ examples: "500" }).success).toBe(false);
    expect(etlRunsSchema.parse({})).toEqual({ limit: 50 });
  });
});
