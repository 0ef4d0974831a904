import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { BREAKDOWNS, type BreakdownParams } from "../breakdowns";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type StartupPercentileRow = {
  group: string;
  sessions: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
};

/** Startup-time percentiles (continuous, in ms) per device type or network type, slowest p50 first. */
export async function getStartupPercentiles(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<StartupPercentileRow[]> {
  const dim = BREAKDOWNS[by];
  return runQuery<StartupPercentileRow>(
    sql`select "group", sessions, q[1] as p50, q[2] as p75, q[3] as p90, q[4] as p95, q[5] as p99
        from (select ${dim.column} as "group", ${measures.sessions} as sessions,
                     ${measures.startupPercentiles} as q
              from fact_playback_sessions f ${dim.join}
              where ${factWhere(filters)}
              group by 1) t
        order by p50 desc, "group"`,
    db,
  );
}
