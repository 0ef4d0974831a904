import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import type { BreakdownParams } from "../breakdowns";
import { categoryQuery } from "../grouped";
import { shareOfSessions } from "../measures";
import { runQuery } from "../sql";

export type ResolutionMixRow = { group: string; resolution: string; sessions: number; pct: number };

/** Share of each group's sessions (device type or network type) per delivered resolution. */
export async function getResolutionMix(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<ResolutionMixRow[]> {
  const { statement } = categoryQuery(filters, "resolution", [{ key: by, as: "group" }]);
  return runQuery<ResolutionMixRow>(
    sql`select t."group", t.category as resolution, t.sessions,
               ${shareOfSessions(sql`t.sessions`, sql`t."group"`)} as pct
        from (${statement}) t
        order by 1, 2`,
    db,
  );
}
