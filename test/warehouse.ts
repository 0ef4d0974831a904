import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runEtl } from "../scripts/etl/run";
import type { EtlSummary } from "../scripts/etl/types";
import type { Fault } from "../scripts/generate/faults";
import { generateFile } from "../scripts/generate/generate";
import type { Manifest } from "../scripts/generate/manifest";
import { createTestDatabase, type TestDatabase } from "./db";

export type WarehouseOptions = {
  sessions?: number;
  seed?: number;
  days?: number;
  /** Fixed so results never depend on the day the tests run. */
  end?: string;
  dirty?: number;
  faults?: "default" | "none" | readonly Fault[];
  prefix?: string;
};

export type TestWarehouse = TestDatabase & { manifest: Manifest; etl: EtlSummary };

export const TEST_END_DATE = "2026-10-31";

/**
 * A throw-away database loaded by the real ETL from a small generated file: the fixture for
 * query, API and insights tests (no mocks). Call `drop()` in afterAll.
 */
export async function loadTestWarehouse(options: WarehouseOptions = {}): Promise<TestWarehouse> {
  const dir = mkdtempSync(path.join(tmpdir(), "qoe-warehouse-"));
  const out = path.join(dir, "telemetry.csv");
  const database = await createTestDatabase(options.prefix ?? "wh");
  try {
    const manifest = await generateFile({
      sessions: options.sessions ?? 5000,
      seed: options.seed ?? 11,
      days: options.days ?? 30,
      end: options.end ?? TEST_END_DATE,
      dirty: options.dirty ?? 0,
      faults: options.faults ?? "default",
      out,
    });
    const etl = await runEtl(database.sql, { paths: [out] });
    if (etl.status !== "succeeded") throw new Error(`test warehouse ETL ended ${etl.status}: ${etl.message}`);
    return { ...database, manifest, etl };
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
