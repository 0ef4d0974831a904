import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../client";
import { runQuery } from "../sql";
import { runIdParam } from "./runParams";

export type RejectExample = { lineNumber: number; sourceFile: string; detail: string | null; rawRow: string };
export type RejectReasonRow = { reasonCode: string; rows: number; examples: RejectExample[] };

export const rejectsSchema = z.object({
  run: runIdParam,
  examples: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be at least 0")
    .max(20, "must be at most 20")
    .default(3),
});

/**
 * Rows the run refused, counted by reason, with the first few raw rows of each reason (by line)
 * so an operator can see what was wrong. `runId` undefined means the latest run; null when an
 * explicit run does not exist.
 */
export async function getRejectedRows(
  runId: number | undefined,
  examples: number,
  db?: Db,
): Promise<{ runId: number | null; reasons: RejectReasonRow[] } | null> {
  const [found] = await runQuery<{ runId: number | null }>(
    runId === undefined
      ? sql`select max(run_id)::int as "runId" from etl_runs`
      : sql`select run_id as "runId" from etl_runs where run_id = ${runId}`,
    db,
  );
  if (runId !== undefined && !found) return null;
  if (found?.runId == null) return { runId: null, reasons: [] };
  const id = found.runId;
  const reasons = await runQuery<RejectReasonRow>(
    sql`with counted as (
          select reason_code, count(*)::int as n from etl_rejected_rows where run_id = ${id} group by reason_code)
        select c.reason_code as "reasonCode", c.n as "rows",
               coalesce((select json_agg(json_build_object('lineNumber', e.line_number, 'sourceFile', e.source_file,
                                                          'detail', e.reason_detail, 'rawRow', left(e.raw_row, 2000))
                                         order by e.source_file, e.line_number)
                         from (select * from etl_rejected_rows r
                               where r.run_id = ${id} and r.reason_code = c.reason_code
                               order by r.source_file, r.line_number limit ${examples}) e), '[]'::json) as "examples"
        from counted c
        order by c.n desc, c.reason_code`,
    db,
  );
  return { runId: id, reasons };
}
