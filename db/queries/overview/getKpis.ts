import { sql } from "drizzle-orm";
import { previousPeriod, type ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
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
export type KpiRow = { current: KpiValues; previous: KpiValues; previousFrom: string; previousTo: string };

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

/** Headline KPIs for the filters and for the previous period of equal length. */
export async function getKpis(filters: ResolvedFilters, db?: Db): Promise<KpiRow> {
  const prev = previousPeriod(filters);
  const [current, previous] = await Promise.all([kpisFor(filters, db), kpisFor(prev, db)]);
  return { current, previous, previousFrom: prev.from, previousTo: prev.to };
}
