import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { activeFilterKeys, type FilterKey, type ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { type AggregateSource, aggregateWhere, type GroupKey } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

/** Headline quality of one group (a country, a device type), as the worst-of lists show it. */
export type GroupQuality = {
  group: string;
  sessions: number;
  avgQoe: number | null;
  poorSessionPct: number | null;
  rebufferRatio: number | null;
  avgStartupMs: number | null;
};

type GroupSource = {
  /** The filter key that is also the grouping (country, device). */
  key: FilterKey & GroupKey;
  /** Daily aggregate table grouped by the same column. */
  aggregate: SQL;
  aggregateColumn: SQL;
};

/**
 * Quality per group, worst QoE first. The per-day aggregate for the grouping answers when the
 * only active filter is the grouping itself (weighted averages are exact); otherwise the cube when
 * it holds the filters, else the facts.
 */
export async function qualityByGroup(
  source: GroupSource,
  filters: ResolvedFilters,
  db?: Db,
): Promise<GroupQuality[]> {
  const aggregateAnswers = activeFilterKeys(filters).every((k) => k === source.key);
  if (aggregateAnswers) {
    const agg: AggregateSource = {
      table: source.aggregate,
      column: source.aggregateColumn,
      values: filters[source.key] ?? null,
    };
    return runQuery<GroupQuality>(
      sql`select a.${source.aggregateColumn} as "group", sum(a.total_sessions)::int as sessions,
                 (sum(a.avg_qoe_score * a.total_sessions) / nullif(sum(a.total_sessions), 0))::float8 as "avgQoe",
                 (100.0 * sum(a.poor_sessions) / nullif(sum(a.total_sessions), 0))::float8 as "poorSessionPct",
                 (sum(a.avg_rebuffer_ratio * a.total_sessions) / nullif(sum(a.total_sessions), 0))::float8 as "rebufferRatio",
                 (sum(a.avg_startup_ms * a.total_sessions) / nullif(sum(a.total_sessions), 0))::float8 as "avgStartupMs"
          from ${agg.table} a
          where ${aggregateWhere(filters, agg)}
          group by 1 having sum(a.total_sessions) > 0
          order by "avgQoe" asc, 1`,
      db,
    );
  }
  const { statement } = groupedQuery(filters, {
    groups: [{ key: source.key, as: "group" }],
    columns: (
      m,
    ) => sql`${m.sessions} as sessions, ${m.avgQoe} as "avgQoe", ${m.poorSessionPct} as "poorSessionPct",
                        ${m.rebufferRatio} as "rebufferRatio", ${m.avgStartupMs} as "avgStartupMs"`,
  });
  return runQuery<GroupQuality>(sql`select * from (${statement}) t order by "avgQoe" asc, "group"`, db);
}
