import { sql } from "drizzle-orm";
import { SESSION_QUALITIES } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export type QualityTierRow = {
  tier: string;
  sessions: number;
  sharePct: number;
  avgWatchMinutes: number | null;
  avgQoe: number | null;
};

/** The seed's product question: do viewers with a better session quality tier watch longer? */
export async function getQualityTierWatchTime(filters: ResolvedFilters, db?: Db): Promise<QualityTierRow[]> {
  const order = sql.join(
    SESSION_QUALITIES.map((q) => sql`${q}`),
    sql`, `,
  );
  return runQuery<QualityTierRow>(
    sql`select f.session_quality as "tier", ${measures.sessions} as "sessions",
               (100.0 * count(*) / sum(count(*)) over ())::float8 as "sharePct",
               ${measures.avgWatchMinutes} as "avgWatchMinutes", ${measures.avgQoe} as "avgQoe"
        from fact_playback_sessions f
        where ${factWhere(filters)}
        group by f.session_quality
        order by array_position(array[${order}]::text[], f.session_quality)`,
    db,
  );
}
