import { type SQL, sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../client";
import { factWhere } from "./filters";
import { runQuery } from "./sql";

/** One bin [start, end); `end` is null for the overflow bin (values >= the cap). */
export type HistogramBin = { start: number; end: number | null; sessions: number };

/**
 * Sessions per fixed-width bin of an integer fact column, every bin present (zero-filled) from 0
 * to `cap`; values at or above the cap share one overflow bin so outliers don't flatten the chart.
 */
export async function factHistogram(
  column: SQL,
  filters: ResolvedFilters,
  { width, cap }: { width: number; cap: number },
  db?: Db,
): Promise<HistogramBin[]> {
  const lastBin = Math.ceil(cap / width);
  return runQuery<HistogramBin>(
    sql`with binned as (
          select least(greatest(${column}, 0) / ${width}::int, ${lastBin}::int) as b, count(*)::int as n
          from fact_playback_sessions f
          where ${factWhere(filters)}
          group by 1
        )
        select (s.b * ${width}::int)::int as start,
               case when s.b = ${lastBin}::int then null else ((s.b + 1) * ${width}::int)::int end as "end",
               coalesce(binned.n, 0)::int as sessions
        from generate_series(0, ${lastBin}::int) as s(b)
        left join binned on binned.b = s.b
        order by s.b`,
    db,
  );
}
