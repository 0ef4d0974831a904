import { readFileSync } from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { DEFAULT_WINDOW_DAYS } from "../../lib/filters";
import { runEtl } from "../../scripts/etl/run";
import { generateFile } from "../../scripts/generate/generate";
import type { Manifest } from "../../scripts/generate/manifest";
import { E2E_ARTIFACTS, E2E_DATASET } from "./environment";

/** The e2e telemetry file and the generator's manifest beside it (counts the specs can rely on). */
export const E2E_CSV = path.join(E2E_ARTIFACTS, "data", "e2e_telemetry.csv");
export const E2E_MANIFEST = path.join(E2E_ARTIFACTS, "data", "e2e_telemetry.manifest.json");

export async function generateE2eCsv(): Promise<Manifest> {
  const { sessions, days, end, seed, dirty } = E2E_DATASET;
  return generateFile({ sessions, days, end, seed, dirty, out: E2E_CSV, manifest: E2E_MANIFEST });
}

/** Loads the file with the real ETL; throws with the ETL's own message unless it succeeded. */
export async function loadE2eCsv(sql: Sql): Promise<string> {
  const summary = await runEtl(sql, { paths: [E2E_CSV] });
  if (summary.status !== "succeeded") {
    throw new Error(`ETL of the e2e dataset ended "${summary.status}": ${summary.message ?? "no message"}`);
  }
  return (
    `${summary.rows_loaded} sessions loaded, ${summary.rows_rejected} rejected, ` +
    `${summary.duplicates} duplicates, quality score ${summary.quality_score} in ${summary.duration_ms} ms`
  );
}

/** The manifest written by the global setup (read by the `dataset` fixture in workers). */
export function readE2eManifest(): Manifest {
  return JSON.parse(readFileSync(E2E_MANIFEST, "utf8")) as Manifest;
}

/** SQL over facts `f` for the dashboard's default range: the last 30 days of the loaded data. */
export const DEFAULT_WINDOW = `f.date_key >= (select to_char(max(full_date) - ${DEFAULT_WINDOW_DAYS - 1}, 'YYYYMMDD')::int from agg_daily_quality)`;
