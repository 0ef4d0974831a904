import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { BREAKDOWNS, type BreakdownParams } from "../breakdowns";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type BitrateBreakdownRow = {
  group: string;
  sessions: number;
  avgBitrateKbps: number | null;
  medianBitrateKbps: number | null;
  avgQualityScore: number | null;
};

/** Delivered bitrate per device type or network type, lowest average first. */
export async function getBitrateBreakdown(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<BitrateBreakdownRow[]> {
  const dim = BREAKDOWNS[by];
  return runQuery<BitrateBreakdownRow>(
    sql`select ${dim.column} as "group", ${measures.sessions} as sessions,
               ${measures.avgBitrateKbps} as "avgBitrateKbps", ${measures.medianBitrateKbps} as "medianBitrateKbps",
               ${measures.avgQualityScore} as "avgQualityScore"
        from fact_playback_sessions f ${dim.join}
        where ${factWhere(filters)}
        group by 1
        order by "avgBitrateKbps" asc, 1`,
    db,
  );
}
