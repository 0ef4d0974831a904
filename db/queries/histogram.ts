import { type SQL, sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../client";
import { CUBE_HISTOGRAMS, type CubeHistogramName } from "../cube/definition";
import { factWhere, sourceFor } from "./filters";
import { cubeHistogramCells } from "./measures";
import { runQuery } from "./sql";

/** One bin [start, end); `end` is null for the overflow bin (values >= the cap). */
export type HistogramBin = { start: number; end: number | null; sessions: number };

/**
 * Sessions per fixed-width bin of an integer fact column, every bin present (zero-filled) from 0
 * to `cap`; values at or above the cap share one overflow bin so outliers don't flatten the chart.
 * When the cube holds the column's histogram and the width is a multiple of its bucket, the bins
 * are sums of cube buckets (exact); otherwise they are counted over the facts.
 */
export async function factHistogram(
  column: SQL,
  filters: ResolvedFilters,
  { width, cap, cube }: { width: number; cap: number; cube?: CubeHistogramName },
  db?: Db,
): Promise<HistogramBin[]> {
  const lastBin = Math.ceil(cap / width);
  const bucket = CUBE_HISTOGRAMS.find((h) => h.name === cube)?.width;
  const exact = cube !== undefined && bucket !== undefined && width % bucket === 0;
  const source = exact ? sourceFor(filters, [], [cube]) : null;
  const binned =
    source?.path === "cube" && cube && bucket
      ? sql`select least(h.bucket * ${bucket}::int / ${width}::int, ${lastBin}::int) as b, sum(h.n)::int as n
            from ${source.from} ${cubeHistogramCells(cube)}
            where ${source.where}
            group by 1`
      : sql`select least(greatest(${column}, 0) / ${width}::int, ${lastBin}::int) as b, count(*)::int as n
            from fact_playback_sessions f
            where ${factWhere(filters)}
            group by 1`;
  return runQuery<HistogramBin>(
    sql`with binned as (${binned})
        select (s.b * ${width}::int)::int as start,
               case when s.b = ${lastBin}::int then null else ((s.b + 1) * ${width}::int)::int end as "end",
               coalesce(binned.n, 0)::int as sessions
        from generate_series(0, ${lastBin}::int) as s(b)
        left join binned on binned.b = s.b
        order by s.b`,
    db,
  );
}
