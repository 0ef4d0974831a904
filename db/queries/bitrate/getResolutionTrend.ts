import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { TimeSeriesRow } from "@/lib/timeseries";
import type { Db } from "../../client";
import { categoryQuery } from "../grouped";
import { shareOfSessions } from "../measures";
import { runQuery } from "../sql";

/**
 * Share of each day's sessions per delivered resolution: one series per resolution, `value` in %
 * of the day, `sessions` the count behind it (shares of a day add up to 100).
 */
export async function getResolutionTrend(filters: ResolvedFilters, db?: Db): Promise<TimeSeriesRow[]> {
  const { statement } = categoryQuery(filters, "resolution", [{ key: "day", as: "t" }]);
  return runQuery<TimeSeriesRow>(
    sql`select t.t, t.category as series, ${shareOfSessions(sql`t.sessions`, sql`t.t`)} as value, t.sessions
        from (${statement}) t
        order by 1, 2`,
    db,
  );
}
