import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";

/**
 * Time buckets for trends: `day` is the calendar date (ISO), `hour` the hour of day (00:00..23:00)
 * across the whole range, to show daily viewing rhythms. Both need the joins below on `f`.
 */
export const TIME_GRAINS = ["day", "hour"] as const;
export type TimeGrain = (typeof TIME_GRAINS)[number];

export const timeGrainSchema = z.object({
  grain: z.enum(TIME_GRAINS, { message: `must be one of ${TIME_GRAINS.join(", ")}` }).default("day"),
});
export type TimeGrainParams = z.infer<typeof timeGrainSchema>;

export const TIME_BUCKETS: Record<TimeGrain, { join: SQL; bucket: SQL }> = {
  day: { join: sql`join dim_date td on td.date_key = f.date_key`, bucket: sql`td.full_date::text` },
  hour: {
    join: sql`join dim_time tt on tt.time_key = f.time_key`,
    bucket: sql`lpad(tt.hour::text, 2, '0') || ':00'`,
  },
};

/** The `t` label of a bucket key: the ISO date as is, an hour of day (int) as "HH:00". */
export function timeLabel(grain: TimeGrain, key: SQL): SQL {
  return grain === "day" ? key : sql`lpad(${key}::text, 2, '0') || ':00'`;
}
