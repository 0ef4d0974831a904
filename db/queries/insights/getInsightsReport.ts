import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ResolvedFilters } from "@/lib/filters";
import { INSIGHT_METRICS } from "@/lib/insights/metrics";
import type { InsightsReport } from "@/lib/insights/types";
import { runQuery } from "../sql";
import { getInsights } from "./getInsights";

/** Extra parameters of GET /api/insights: one metric or all, and how many findings to return. */
export const insightsParamsSchema = z.object({
  metric: z
    .enum(["all", ...INSIGHT_METRICS], { message: `must be one of all, ${INSIGHT_METRICS.join(", ")}` })
    .default("all"),
  limit: z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(50, "must be at most 50")
    .default(20),
});
export type InsightsParams = z.infer<typeof insightsParamsSchema>;

/** Findings computed per request are kept for the same filters until the warehouse changes. */
const ANALYSED_FINDINGS = 50;
const MAX_ENTRIES = 32;
const cache = new Map<string, Promise<InsightsReport>>();

async function dataVersion(db?: Db): Promise<string> {
  const [row] = await runQuery<{ v: string }>(
    sql`select concat_ws(':', (select max(session_key) from fact_playback_sessions), (select max(run_id) from etl_runs)) as v`,
    db,
  );
  return row?.v ?? "";
}

/**
 * The insights of the API, the page and the overview's top-issues panel: one analysis per filter
 * set and warehouse version (a few seconds at a million sessions), sliced to `limit`. Concurrent
 * requests for the same analysis share it.
 */
export async function getInsightsReport(
  filters: ResolvedFilters,
  params: InsightsParams,
  db?: Db,
): Promise<InsightsReport> {
  const metrics = params.metric === "all" ? INSIGHT_METRICS : [params.metric];
  const key = JSON.stringify([await dataVersion(db), filters, metrics]);
  let report = db ? undefined : cache.get(key);
  if (!report) {
    report = getInsights(filters, { metrics, limit: ANALYSED_FINDINGS }, db);
    if (!db) {
      cache.set(key, report);
      report.catch(() => cache.delete(key));
      while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    }
  }
  const full = await report;
  return { ...full, findings: full.findings.slice(0, params.limit) };
}
