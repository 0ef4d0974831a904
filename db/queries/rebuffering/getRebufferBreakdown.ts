import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { BREAKDOWNS, type BreakdownParams } from "../breakdowns";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type RebufferBreakdownRow = {
  group: string;
  sessions: number;
  rebufferRatio: number | null;
  stallsPerMinute: number | null;
  stalledSessionsPct: number | null;
};

/** Rebuffering per device type or network type, worst rebuffer ratio first. */
export async function getRebufferBreakdown(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<RebufferBreakdownRow[]> {
  const dim = BREAKDOWNS[by];
  return runQuery<RebufferBreakdownRow>(
    sql`select ${dim.column} as "group", ${measures.sessions} as sessions,
               ${measures.rebufferRatio} as "rebufferRatio", ${measures.stallsPerMinute} as "stallsPerMinute",
               ${measures.stalledSessionsPct} as "stalledSessionsPct"
        from fact_playback_sessions f ${dim.join}
        where ${factWhere(filters)}
        group by 1
        order by "rebufferRatio" desc, 1`,
    db,
  );
}
