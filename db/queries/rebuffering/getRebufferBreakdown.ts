import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import type { BreakdownParams } from "../breakdowns";
import { groupedQuery } from "../grouped";
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
  const { statement } = groupedQuery(filters, {
    groups: [{ key: by, as: "group" }],
    columns: (m) => sql`${m.sessions} as sessions, ${m.rebufferRatio} as "rebufferRatio",
                        ${m.stallsPerMinute} as "stallsPerMinute", ${m.stalledSessionsPct} as "stalledSessionsPct"`,
  });
  return runQuery<RebufferBreakdownRow>(
    sql`select * from (${statement}) t order by "rebufferRatio" desc, "group"`,
    db,
  );
}
