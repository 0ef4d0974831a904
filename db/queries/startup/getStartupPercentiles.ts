import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import type { BreakdownParams } from "../breakdowns";
import { groupedQuery } from "../grouped";
import { STARTUP_PERCENTILES } from "../measures";
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

/**
 * Startup-time percentiles (continuous, in ms) per device type or network type, slowest p50
 * first: exact over the facts, within one 50 ms histogram bucket when read from the cube.
 */
export async function getStartupPercentiles(
  filters: ResolvedFilters,
  { by }: BreakdownParams,
  db?: Db,
): Promise<StartupPercentileRow[]> {
  const { statement } = groupedQuery(filters, {
    groups: [{ key: by, as: "group" }],
    columns: (m) => sql`${m.sessions} as sessions`,
    quantiles: STARTUP_PERCENTILES.map((as) => ({ of: "startup", p: Number(as.slice(1)) / 100, as })),
  });
  return runQuery<StartupPercentileRow>(sql`select * from (${statement}) t order by p50 desc, "group"`, db);
}
