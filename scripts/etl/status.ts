import { closeDatabase, createDb, getSql } from "../../db/client";
import { runDurationMsSql, shownRunStateSql } from "../../db/etlRunState";
import { runMigrations } from "../../db/migrate";

/** `npm run etl:status [--limit N] [--json]`: recent ETL runs, like the seed's pipeline monitor. */

const HELP = `Usage: npm run etl:status -- [--limit N] [--json]

Lists the most recent ETL runs (default 20): id, start time, status, files, rows read / loaded /
rejected, duplicates, quality score and duration.`;

type RunRow = {
  run_id: number;
  started_at: string;
  finished_at: string | null;
  status: string;
  source_files: string[];
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  duplicates: number;
  quality_score: number | null;
  duration_ms: number | null;
  message: string | null;
};

export function formatRuns(rows: RunRow[]): string {
  const header = [
    "run",
    "started (UTC)",
    "status",
    "files",
    "read",
    "loaded",
    "rejected",
    "dupes",
    "quality",
    "duration",
  ];
  const table = rows.map((r) => [
    String(r.run_id),
    r.started_at.replace("T", " ").slice(0, 19),
    r.status,
    r.source_files.length === 1 ? r.source_files[0] : `${r.source_files.length} files`,
    r.rows_read.toLocaleString("en-US"),
    r.rows_loaded.toLocaleString("en-US"),
    r.rows_rejected.toLocaleString("en-US"),
    r.duplicates.toLocaleString("en-US"),
    r.quality_score === null ? "-" : r.quality_score.toFixed(2),
    r.duration_ms === null ? "-" : `${(r.duration_ms / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 4 && i !== 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...table.map(line)];
  for (const r of rows) if (r.message && r.status !== "succeeded") out.push(`run ${r.run_id}: ${r.message}`);
  return out.join("\n");
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let limit = 20;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (a === "--json") json = true;
    else if (a === "--limit" || a.startsWith("--limit=")) {
      const raw = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      limit = Number(raw);
      if (!Number.isInteger(limit) || limit < 1) {
        process.stderr.write(`etl:status: --limit expects a positive integer, got ${raw ?? "nothing"}\n`);
        return 2;
      }
    } else {
      process.stderr.write(`etl:status: unknown argument ${a} (see --help)\n`);
      return 2;
    }
  }
  try {
    const sql = await getSql();
    await runMigrations(createDb(sql));
    // A run whose process was killed reads failed, before the next ETL run records it so.
    const rows = await sql.unsafe<RunRow[]>(
      `select r.run_id, to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as started_at,
             to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as finished_at,
             ${shownRunStateSql("r")}, r.source_files, r.rows_read, r.rows_loaded, r.rows_rejected,
             r.duplicates, r.quality_score, (${runDurationMsSql("r")})::int as duration_ms
      from etl_runs r order by r.run_id desc limit $1`,
      [limit],
    );
    if (json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else process.stdout.write(rows.length === 0 ? "no ETL runs yet\n" : `${formatRuns(rows)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`etl:status: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await closeDatabase();
  }
}

main().then((code) => {
  process.exitCode = code;
});
