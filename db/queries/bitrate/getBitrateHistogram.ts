import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factHistogram, type HistogramBin } from "../histogram";

/** Bitrates at or above this share one overflow bin (generated 4K tops out at 25 Mbps). */
export const BITRATE_HISTOGRAM_CAP_KBPS = 30_000;
export const BITRATE_BIN_WIDTHS = ["250", "500", "1000", "2000"] as const;

export const bitrateHistogramSchema = z.object({
  binKbps: z
    .enum(BITRATE_BIN_WIDTHS, { message: `must be one of ${BITRATE_BIN_WIDTHS.join(", ")}` })
    .default("1000")
    .transform(Number),
});
export type BitrateHistogramParams = z.infer<typeof bitrateHistogramSchema>;

/** Sessions per average-bitrate bin (kbps), 0 to 30 Mbps plus an overflow bin. */
export async function getBitrateHistogram(
  filters: ResolvedFilters,
  { binKbps }: BitrateHistogramParams = { binKbps: 1000 },
  db?: Db,
): Promise<HistogramBin[]> {
  return factHistogram(
    sql`f.avg_bitrate_kbps`,
    filters,
    { width: binKbps, cap: BITRATE_HISTOGRAM_CAP_KBPS, cube: "bitrate" },
    db,
  );
}
