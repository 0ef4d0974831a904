import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { factWhere } from "../filters";
import { measures } from "../measures";
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
  return runQuery<ContentMixRow>(
    sql`select c.content_type as "contentType", c.genre as "genre", ${measures.sessions} as "sessions",
               ${measures.watchHours} as "watchHours", ${measures.avgQoe} as "avgQoe"
        from fact_playback_sessions f
        join dim_content c on c.content_key = f.content_key
        where ${factWhere(filters)}
        group by c.content_type, c.genre
        order by "sessions" desc, 1, 2`,
    db,
  );
}
