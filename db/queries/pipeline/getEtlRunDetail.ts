import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { runDurationMsSql, runFixedRowsSql, shownRunStateSql } from "../../etlRunState";
import { runQuery } from "../sql";
import type { EtlRunRow } from "./getEtlRuns";

/** One of the seed's data-quality checks as the ETL stored it (scripts/etl/report.ts). */
export type QualityCheckRow = {
  check: string;
  passed: boolean | null;
  value: number | null;
  detail: string | null;
};

export type EtlRunDetail = EtlRunRow & {
  qualityChecks: QualityCheckRow[];
  rejectedByReason: Record<string, number>;
  fixedByRule: Record<string, number>;
  /** Rows kept but flagged (e.g. older than a year), from the run's summary. */
  warnings: Record<string, number>;
  stageTimingsMs: Record<string, number>;
  datesTouched: number;
};

type RawDetail = Omit<EtlRunDetail, "qualityChecks" | "warnings"> & {
  qualityChecks: unknown;
  summary: unknown;
};

/** The stored JSON is the ETL's to evolve: read it defensively, never crash the page on a new shape. */
function normaliseChecks(raw: unknown): QualityCheckRow[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item, i) => {
    const c = (item ?? {}) as Record<string, unknown>;
    return {
      check: String(c.check ?? c.name ?? `check ${i + 1}`),
      passed: typeof c.passed === "boolean" ? c.passed : null,
      value: typeof c.value === "number" ? c.value : null,
      detail: typeof c.detail === "string" ? c.detail : null,
    };
  });
}

function numberRecord(raw: unknown): Record<string, number> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === "number",
    ),
  );
}

/** One run with its checks and rule counts; `runId` undefined means the latest run. Null when absent. */
export async function getEtlRunDetail(runId: number | undefined, db?: Db): Promise<EtlRunDetail | null> {
  const which = runId === undefined ? sql`true` : sql`r.run_id = ${runId}`;
  const [row] = await runQuery<RawDetail>(
    sql`select r.run_id as "runId", to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startedAt",
               to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "finishedAt",
               ${sql.raw(shownRunStateSql("r"))}, r.source_files as "sourceFiles", r.rows_read as "rowsRead", r.rows_loaded as "rowsLoaded",
               r.rows_rejected as "rowsRejected", r.duplicates, r.quality_score::float8 as "qualityScore",
               ${sql.raw(runDurationMsSql("r"))} as "durationMs", ${sql.raw(runFixedRowsSql("r"))} as "fixedRows",
               r.quality_checks as "qualityChecks", r.rejected_by_reason as "rejectedByReason",
               r.fixed_by_rule as "fixedByRule", r.stage_timings_ms as "stageTimingsMs",
               jsonb_array_length(r.dates_touched)::int as "datesTouched", r.summary
        from etl_runs r
        where ${which}
        order by r.run_id desc
        limit 1`,
    db,
  );
  if (!row) return null;
  const { summary, qualityChecks, ...rest } = row;
  return {
    ...rest,
    rejectedByReason: numberRecord(rest.rejectedByReason),
    fixedByRule: numberRecord(rest.fixedByRule),
    stageTimingsMs: numberRecord(rest.stageTimingsMs),
    qualityChecks: normaliseChecks(qualityChecks),
    warnings: numberRecord((summary as { warnings?: unknown } | null)?.warnings),
  };
}
