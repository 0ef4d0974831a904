import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { groupedQuery } from "../grouped";
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
  const { statement } = groupedQuery(filters, {
    groups: [
      { key: "content", as: "contentId" },
      { key: "contentType", as: "contentType" },
      { key: "genre", as: "genre" },
    ],
    columns: (m) => sql`${m.sessions} as sessions, ${m.stallHours} as "stallHours",
                        ${m.rebufferRatio} as "rebufferRatio", ${m.stallsPerMinute} as "stallsPerMinute"`,
  });
  return runQuery<TopStallContentRow>(
    sql`select * from (${statement}) t order by "stallHours" desc, "contentId" limit ${limit}`,
    db,
  );
}
