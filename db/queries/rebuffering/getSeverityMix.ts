import { BUFFERING_SEVERITIES } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { completeShares, type ShareRow } from "../distribution";
import { categoryQuery } from "../grouped";
import { runQuery } from "../sql";

export type SeverityRow = ShareRow<(typeof BUFFERING_SEVERITIES)[number]>;

/** Sessions per buffering_severity (stall count: 0 none, 1-2 minor, 3-5 moderate, 6+ severe). */
export async function getSeverityMix(filters: ResolvedFilters, db?: Db): Promise<SeverityRow[]> {
  const rows = await runQuery<{ category: string; sessions: number }>(
    categoryQuery(filters, "severity").statement,
    db,
  );
  return completeShares(BUFFERING_SEVERITIES, rows);
}
