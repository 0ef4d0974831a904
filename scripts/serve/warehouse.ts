import { existsSync, statSync } from "node:fs";
import { createSql } from "../../db/client";
import { createProgress } from "../etl/progress";
import { formatSummary } from "../etl/report";
import { runEtl } from "../etl/run";
import type { EtlSummary } from "../etl/types";
import { generateFile } from "../generate/generate";
import { lastWholeDayUtc } from "../generate/timeline";

/** The demo's telemetry: generated once, then loaded by the real ETL (a rerun is a no-op). */

export const DEMO_CSV = "data/streaming_telemetry.csv";
export const DEMO_SESSIONS = 100_000;

/** Generates `file` (sessions over the 30 days ending yesterday, UTC) unless it already exists. */
export async function ensureTelemetryFile(file: string, sessions: number): Promise<void> {
  if (existsSync(file)) {
    const mb = (statSync(file).size / 1e6).toFixed(1);
    console.log(`    found (${mb} MB); delete it to generate a fresh one`);
    return;
  }
  const end = lastWholeDayUtc();
  console.log(`    generating ${sessions.toLocaleString("en-US")} sessions over the 30 days ending ${end}`);
  let lastPct = -1;
  const manifest = await generateFile({
    sessions,
    end,
    out: file,
    onProgress: (written, total) => {
      const pct = Math.floor((written / total) * 4) * 25;
      if (pct !== lastPct && pct < 100) console.log(`    ${pct}%`);
      lastPct = pct;
    },
  });
  const range = manifest.date_range;
  console.log(
    `    wrote ${manifest.rows_written.toLocaleString("en-US")} rows (${range.start}..${range.end})`,
  );
}

/** Runs the ETL on `file`; throws with the ETL's message unless it loaded or found it loaded. */
export async function loadTelemetry(file: string, databaseUrl: string): Promise<EtlSummary> {
  const sql = createSql(databaseUrl, { max: 4 });
  try {
    const summary = await runEtl(sql, { paths: [file], progress: createProgress() });
    console.log(
      formatSummary(summary)
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n"),
    );
    if (summary.status !== "succeeded" && summary.status !== "no_op") {
      throw new Error(`the ETL ended "${summary.status}": ${summary.message ?? "see the summary above"}`);
    }
    return summary;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
