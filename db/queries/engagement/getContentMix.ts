import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type ContentMixRow = {
  contentType: string;
  genre: string;
  sessions: number;
  watchHours: number;
  avgQoe: number | null;
};

/** Sessions and watch time per content type × genre (dim_content), for the treemap. */
export async function getContentMix(filters: ResolvedFilters, db?: Db): Promise<ContentMixRow[]> {
  const { statement } = groupedQuery(filters, {
    groups: [
      { key: "contentType", as: "contentType" },
      { key: "genre", as: "genre" },
    ],
    columns: (m) =>
      sql`${m.sessions} as "sessions", ${m.watchHours} as "watchHours", ${m.avgQoe} as "avgQoe"`,
  });
  return runQuery<ContentMixRow>(
    sql`select * from (${statement}) t order by "sessions" desc, "contentType", "genre"`,
    db,
  );
}
