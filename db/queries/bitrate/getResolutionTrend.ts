import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";
import { TIME_BUCKETS } from "../timeGrain";

/**
 * Share of each day's sessions per delivered resolution: one series per resolution, `value` in %
 * of the day, `sessions` the count behind it (shares of a day add up to 100).
 */
export async function getResolutionTrend(filters: ResolvedFilters, db?: Db): Promise<TimeSeriesRow[]> {
  const time = TIME_BUCKETS.day;
  return runQuery<TimeSeriesRow>(
    sql`select ${time.bucket} as t, f.resolution as series, ${measures.sharePct(sql`${time.bucket}`)} as value,
               ${measures.sessions} as sessions
        from fact_playback_sessions f ${time.join}
        where ${factWhere(filters)}
        group by 1, 2
        order by 1, 2`,
    db,
  );
}
