import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factHistogram, type HistogramBin } from "../histogram";

/** Startup times at or above this share one overflow bin. */
export const STARTUP_HISTOGRAM_CAP_MS = 10_000;
export const STARTUP_BIN_WIDTHS = ["100", "250", "500", "1000"] as const;

export const startupHistogramSchema = z.object({
  binMs: z
    .enum(STARTUP_BIN_WIDTHS, { message: `must be one of ${STARTUP_BIN_WIDTHS.join(", ")}` })
    .default("250")
    .transform(Number),
});
export type StartupHistogramParams = z.infer<typeof startupHistogramSchema>;

/** Sessions per startup-time bin (ms), 0 to 10 s plus an overflow bin. */
export async function getStartupHistogram(
  filters: ResolvedFilters,
  { binMs }: StartupHistogramParams = { binMs: 250 },
  db?: Db,
): Promise<HistogramBin[]> {
  return factHistogram(
    sql`f.startup_time_ms`,
    filters,
    { width: binMs, cap: STARTUP_HISTOGRAM_CAP_MS, cube: "startup" },
    db,
  );
}
