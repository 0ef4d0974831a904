import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import type { BreakdownParams } from "../breakdowns";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type BitrateBreakdownRow = {
  group: string;
  sessions: number;
  avgBitrateKbps: number | null;
  medianBitrateKbps: number | null;
  avgQualityScore: number | null;
};

/**
 * Delivered bitrate per device type or network type, lowest average first. The median is exact
 * over the facts and within one 250 kbps histogram bucket when read from the cube.
 */
export async function getBitrateBreakdown(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<BitrateBreakdownRow[]> {
  const { statement } = groupedQuery(filters, {
    groups: [{ key: by, as: "group" }],
    columns: (m) => sql`${m.sessions} as sessions, ${m.avgBitrateKbps} as "avgBitrateKbps",
                        ${m.avgQualityScore} as "avgQualityScore"`,
    quantiles: [{ of: "bitrate", p: 0.5, as: "medianBitrateKbps" }],
  });
  return runQuery<BitrateBreakdownRow>(
    sql`select * from (${statement}) t order by "avgBitrateKbps" asc, "group"`,
    db,
  );
}
