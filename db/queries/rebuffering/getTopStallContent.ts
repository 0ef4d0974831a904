import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
import { runQuery } from "../sql";

export const topContentSchema = z.object({
  limit: z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(50, "must be at most 50")
    .default(10),
});
export type TopContentParams = z.infer<typeof topContentSchema>;

export type TopStallContentRow = {
  contentId: string;
  contentType: string;
  genre: string;
  sessions: number;
  stallHours: number;
  rebufferRatio: number | null;
  stallsPerMinute: number | null;
};

/** The contents with the most total stall time (what viewers actually sat through). */
export async function getTopStallContent(
  filters: ResolvedFilters,
  { limit }: TopContentParams = { limit: 10 },
  db?: Db,
): Promise<TopStallContentRow[]> {
  return runQuery<TopStallContentRow>(
    sql`select c.content_id as "contentId", c.content_type as "contentType", c.genre,
               ${measures.sessions} as sessions, ${measures.stallHours} as "stallHours",
               ${measures.rebufferRatio} as "rebufferRatio", ${measures.stallsPerMinute} as "stallsPerMinute"
        from fact_playback_sessions f
        join dim_content c on c.content_key = f.content_key
        where ${factWhere(filters)}
        group by c.content_id, c.content_type, c.genre
        order by "stallHours" desc, c.content_id
        limit ${limit}`,
    db,
  );
}
