import { sql } from "drizzle-orm";
import { SESSION_QUALITIES } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { completeShares, type ShareRow } from "../distribution";
import { aggregateWhere, dailyAggregateFor } from "../filters";
import { categoryQuery } from "../grouped";
import { runQuery } from "../sql";

export type QualityDistributionRow = ShareRow<(typeof SESSION_QUALITIES)[number]>;

/** Sessions per session_quality tier (from the QoE score); from the daily aggregates or the cube when possible. */
export async function getQualityDistribution(
  filters: ResolvedFilters,
  db?: Db,
): Promise<QualityDistributionRow[]> {
  const aggregate = dailyAggregateFor(filters);
  const statement = aggregate
    ? sql`select v.category, v.sessions::int as sessions
          from (select coalesce(sum(a.excellent_sessions), 0) as e, coalesce(sum(a.good_sessions), 0) as g,
                       coalesce(sum(a.fair_sessions), 0) as fa, coalesce(sum(a.poor_sessions), 0) as p
                from ${aggregate.table} a where ${aggregateWhere(filters, aggregate)}) s
          cross join lateral (values ('excellent', s.e), ('good', s.g), ('fair', s.fa), ('poor', s.p))
            as v(category, sessions)`
    : categoryQuery(filters, "quality").statement;
  const rows = await runQuery<{ category: string; sessions: number }>(statement, db);
  return completeShares(SESSION_QUALITIES, rows);
}
