import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { runQuery } from "../sql";

export type DataRange = { minDate: string | null; maxDate: string | null; sessions: number };

/** The loaded data's own date range: dashboards default to it, never to the wall clock. */
export async function getDataRange(db?: Db): Promise<DataRange> {
  const [row] = await runQuery<DataRange>(
    sql`select min(full_date)::text as "minDate", max(full_date)::text as "maxDate",
               coalesce(sum(total_sessions), 0)::int as sessions
        from agg_daily_quality`,
    db,
  );
  return row ?? { minDate: null, maxDate: null, sessions: 0 };
}
