import { sql } from "drizzle-orm";
import { previousPeriod, type ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
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
  const [row] = await runQuery<KpiValues>(
    sql`select ${measures.sessions} as "sessions",
               ${measures.medianStartupMs} as "medianStartupMs",
               ${measures.p95StartupMs} as "p95StartupMs",
               ${measures.rebufferRatio} as "rebufferRatio",
               ${measures.stalledSessionsPct} as "stalledSessionsPct",
               ${measures.avgBitrateKbps} as "avgBitrateKbps",
               ${measures.avgQoe} as "avgQoe",
               ${measures.poorSessionPct} as "poorSessionPct",
               ${measures.failureRatePct} as "failureRatePct"
        from fact_playback_sessions f
        where ${factWhere(filters)}`,
    db,
  );
  return row;
}

/** Headline KPIs for the filters and for the previous period of equal length. */
export async function getKpis(filters: ResolvedFilters, db?: Db): Promise<KpiRow> {
  const prev = previousPeriod(filters);
  const [current, previous] = await Promise.all([kpisFor(filters, db), kpisFor(prev, db)]);
  return { current, previous, previousFrom: prev.from, previousTo: prev.to };
}
