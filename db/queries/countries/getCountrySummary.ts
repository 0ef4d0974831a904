import { sql } from "drizzle-orm";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { type QualityProfile, qualityProfileColumns } from "../devices/qualityProfile";
import { factWhere } from "../filters";
import { runQuery } from "../sql";

export type CountrySummaryRow = QualityProfile & { countryCode: string; countryName: string; region: string };

/**
 * One row per country with its full quality profile (the map colours by any of these), largest
 * first. From the facts: medians of several days cannot be combined from the daily aggregates.
 */
export async function getCountrySummary(filters: ResolvedFilters, db?: Db): Promise<CountrySummaryRow[]> {
  return runQuery<CountrySummaryRow>(
    sql`select g.country_code as "countryCode", min(g.country_name) as "countryName", min(g.region) as "region",
               ${qualityProfileColumns}
        from fact_playback_sessions f
        join dim_geography g on g.geo_key = f.geo_key
        where ${factWhere(filters)}
        group by g.country_code
        order by "sessions" desc, g.country_code`,
    db,
  );
}
