import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../client";
import { runDurationMsSql, runFixedRowsSql, shownRunStateSql } from "../../etlRunState";
import { runQuery } from "../sql";

export type EtlRunRow = {
  runId: number;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  sourceFiles: string[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  duplicates: number;
  qualityScore: number | null;
  durationMs: number | null;
  fixedRows: number | null;
  message: string | null;
};

export const etlRunsSchema = z.object({
  limit: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(500, "must be at most 500")
    .default(50),
});

/**
 * The most recent ETL runs, newest first (etl_runs is written even when a run fails); a run whose
 * process was killed reads failed, before the next ETL run records it so.
 */
export async function getEtlRuns(limit: number, db?: Db): Promise<EtlRunRow[]> {
  return runQuery<EtlRunRow>(
    sql`select r.run_id as "runId", to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startedAt",
               to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "finishedAt",
               ${sql.raw(shownRunStateSql("r"))},
               r.source_files as "sourceFiles", r.rows_read as "rowsRead", r.rows_loaded as "rowsLoaded",
               r.rows_rejected as "rowsRejected", r.duplicates, r.quality_score::float8 as "qualityScore",
               ${sql.raw(runDurationMsSql("r"))} as "durationMs", ${sql.raw(runFixedRowsSql("r"))} as "fixedRows"
        from etl_runs r
        order by r.run_id desc
        limit ${limit}`,
    db,
  );
}
