import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";

/**
 * Dimensions a panel may break a metric down by, each with the join that reaches it from the
 * fact table `f` and the column to group on. The same names are the filter keys, so a clicked
 * bar can become a filter without translation.
 */
export const BREAKDOWN_DIMENSIONS = ["device", "network"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const breakdownSchema = z.object({
  by: z.enum(BREAKDOWN_DIMENSIONS, { message: `must be one of ${BREAKDOWN_DIMENSIONS.join(", ")}` }),
});
export type BreakdownParams = z.infer<typeof breakdownSchema>;

export const BREAKDOWNS: Record<BreakdownDimension, { join: SQL; column: SQL }> = {
  device: { join: sql`join dim_device bd on bd.device_key = f.device_key`, column: sql`bd.device_type` },
  network: { join: sql`join dim_network bd on bd.network_key = f.network_key`, column: sql`bd.network_type` },
};
