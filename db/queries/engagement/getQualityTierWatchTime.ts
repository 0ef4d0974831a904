import { sql } from "drizzle-orm";
import { SESSION_QUALITIES } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { cubeColumn } from "../../cube/definition";
import { sourceFor } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type QualityTierRow = {
  tier: string;
  sessions: number;
  sharePct: number;
  avgWatchMinutes: number | null;
  avgQoe: number | null;
};

/**
 * The seed's product question: do viewers with a better session quality tier watch longer?
 * From the cube's per-tier sums when it holds the filters, otherwise from the facts.
 */
export async function getQualityTierWatchTime(filters: ResolvedFilters, db?: Db): Promise<QualityTierRow[]> {
  const order = sql.join(
    SESSION_QUALITIES.map((q) => sql`${q}`),
    sql`, `,
  );
  const source = sourceFor(filters);
  if (source.path === "cube") {
    // The cube keeps sessions, watch time and QoE sums per tier; unpivot them to one row per tier.
    const col = (name: string) => sql.raw(`a.${name}`);
    const sums = SESSION_QUALITIES.flatMap((q, i) => [
      sql`sum(${col(cubeColumn.qualitySessions(q))}) as ${sql.identifier(`s${i}`)}`,
      sql`sum(${col(cubeColumn.qualityWatchSec(q))}) as ${sql.identifier(`w${i}`)}`,
      sql`sum(${col(cubeColumn.qualityQoeSum(q))}) as ${sql.identifier(`q${i}`)}`,
    ]);
    const values = SESSION_QUALITIES.map(
      (q, i) => sql`(${q}::text, ${sql.raw(`t.s${i}`)}, ${sql.raw(`t.w${i}`)}, ${sql.raw(`t.q${i}`)})`,
    );
    return runQuery<QualityTierRow>(
      sql`select v.tier as "tier", v.sessions::int as "sessions",
                 (100.0 * v.sessions / sum(v.sessions) over ())::float8 as "sharePct",
                 (v.watch_sec / 60.0 / v.sessions)::float8 as "avgWatchMinutes",
                 (v.qoe_sum / v.sessions)::float8 as "avgQoe"
          from (select ${sql.join(sums, sql`, `)} from ${source.from} where ${source.where}) t
          cross join lateral (values ${sql.join(values, sql`, `)}) as v(tier, sessions, watch_sec, qoe_sum)
          where v.sessions > 0
          order by array_position(array[${order}]::text[], v.tier)`,
      db,
    );
  }
  return runQuery<QualityTierRow>(
    sql`select f.session_quality as "tier", ${measures.sessions} as "sessions",
               (100.0 * count(*) / sum(count(*)) over ())::float8 as "sharePct",
               ${measures.avgWatchMinutes} as "avgWatchMinutes", ${measures.avgQoe} as "avgQoe"
        from fact_playback_sessions f
        where ${source.where}
        group by f.session_quality
        order by array_position(array[${order}]::text[], f.session_quality)`,
    db,
  );
}
