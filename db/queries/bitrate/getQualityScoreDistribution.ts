import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { QUALITY_SCORE_BANDS, QUALITY_SCORE_FLOOR } from "../../metrics";
import { completeShares, type ShareRow } from "../distribution";
import { categoryQuery } from "../grouped";
import { runQuery } from "../sql";

/** Every quality score the bitrate bands can give, best first (100, 75, 50, 25, 10). */
export const QUALITY_SCORES = [
  ...QUALITY_SCORE_BANDS.map((b) => String(b.value)),
  String(QUALITY_SCORE_FLOOR),
];

export type QualityScoreRow = ShareRow;

/** Sessions per quality_score (the bitrate-band score that makes up 30 % of QoE). */
export async function getQualityScoreDistribution(
  filters: ResolvedFilters,
  db?: Db,
): Promise<QualityScoreRow[]> {
  const rows = await runQuery<{ category: string; sessions: number }>(
    categoryQuery(filters, "score").statement,
    db,
  );
  return completeShares(QUALITY_SCORES, rows);
}
