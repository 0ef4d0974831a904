import { sql } from "drizzle-orm";
import { daysInRange, previousPeriod, type ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { dateKey } from "../filters";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type KpiValues = {
  sessions: number;
  medianStartupMs: number | null;
  p95StartupMs: number | null;
  rebufferRatio: number | null;
  stalledSessionsPct: number | null;
  avgBitrateKbps: number | null;
  avgQoe: number | null;
  poorSessionPct: number | null;
  failureRatePct: number | null;
};
export type KpiRow = {
  current: KpiValues;
  previous: KpiValues;
  previousFrom: string;
  previousTo: string;
  /** Days of the previous period, and how many of them hold loaded data (any session at all). */
  previousDays: number;
  previousLoadedDays: number;
};

async function kpisFor(filters: ResolvedFilters, db?: Db): Promise<KpiValues> {
  const { statement } = groupedQuery(filters, {
    groups: [],
    columns: (m) => sql`${m.sessions} as "sessions",
               ${m.rebufferRatio} as "rebufferRatio",
               ${m.stalledSessionsPct} as "stalledSessionsPct",
               ${m.avgBitrateKbps} as "avgBitrateKbps",
               ${m.avgQoe} as "avgQoe",
               ${m.poorSessionPct} as "poorSessionPct",
               ${m.failureRatePct} as "failureRatePct"`,
    quantiles: [
      { of: "startup", p: 0.5, as: "medianStartupMs" },
      { of: "startup", p: 0.95, as: "p95StartupMs" },
    ],
  });
  const [row] = await runQuery<KpiValues>(statement, db);
  return row;
}

/**
 * Headline KPIs for the filters and for the previous period of equal length, with how much of
 * that period is loaded: a period before the first load, or with days missing, is no baseline.
 */
export async function getKpis(filters: ResolvedFilters, db?: Db): Promise<KpiRow> {
  const prev = previousPeriod(filters);
  const [current, previous, [{ loaded }]] = await Promise.all([
    kpisFor(filters, db),
    kpisFor(prev, db),
    runQuery<{ loaded: number }>(
      sql`select count(*)::int as loaded from agg_daily_quality
          where date_key between ${dateKey(prev.from)} and ${dateKey(prev.to)}`,
      db,
    ),
  ]);
  return {
    current,
    previous,
    previousFrom: prev.from,
    previousTo: prev.to,
    previousDays: daysInRange(prev.from, prev.to),
    previousLoadedDays: loaded,
  };
}
