import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { BREAKDOWNS, type BreakdownParams } from "../breakdowns";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type ResolutionMixRow = { group: string; resolution: string; sessions: number; pct: number };

/** Share of each group's sessions (device type or network type) per delivered resolution. */
export async function getResolutionMix(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<ResolutionMixRow[]> {
  const dim = BREAKDOWNS[by];
  return runQuery<ResolutionMixRow>(
    sql`select ${dim.column} as "group", f.resolution, ${measures.sessions} as sessions,
               ${measures.sharePct(dim.column)} as pct
        from fact_playback_sessions f ${dim.join}
        where ${factWhere(filters)}
        group by 1, 2
        order by 1, 2`,
    db,
  );
}
