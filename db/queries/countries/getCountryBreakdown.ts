import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { COUNTRY_CODES, type CountryCode } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { BREAKDOWN_ROW_LIMIT, type BreakdownRow, qualityProfileColumns } from "../devices/qualityProfile";
import { factWhere } from "../filters";
import { runQuery } from "../sql";

/**
 * Within one country: quality by ISP, by CDN point of presence, or by ISP × PoP cell (`value` is
 * the ISP, `group` the PoP). Values are spelt as the isp / pop filters expect.
 */
export const COUNTRY_BREAKDOWNS = ["isp", "pop", "ispPop"] as const;
export type CountryBreakdown = (typeof COUNTRY_BREAKDOWNS)[number];

const GROUPINGS: Record<CountryBreakdown, { value: SQL; group: SQL }> = {
  isp: { value: sql`g.isp`, group: sql`null::text` },
  pop: { value: sql`g.cdn_pop`, group: sql`null::text` },
  ispPop: { value: sql`g.isp`, group: sql`g.cdn_pop` },
};

export const countryBreakdownSchema = z.object({
  code: z.enum(COUNTRY_CODES, { message: `must be one of ${COUNTRY_CODES.join(", ")}` }),
  by: z.enum(COUNTRY_BREAKDOWNS, { message: `must be one of ${COUNTRY_BREAKDOWNS.join(", ")}` }),
});

export async function getCountryBreakdown(
  filters: ResolvedFilters,
  countryCode: CountryCode,
  by: CountryBreakdown,
  db?: Db,
): Promise<BreakdownRow[]> {
  // The page's country replaces any country filter from the URL.
  const scoped: ResolvedFilters = { ...filters, country: [countryCode] };
  const { value, group } = GROUPINGS[by];
  return runQuery<BreakdownRow>(
    sql`select ${value} as "value", ${group} as "group", (count(*) over ())::int as "groupCount",
               ${qualityProfileColumns}
        from fact_playback_sessions f
        join dim_geography g on g.geo_key = f.geo_key
        where ${factWhere(scoped)}
        group by 1, 2
        order by "sessions" desc, 1, 2
        limit ${BREAKDOWN_ROW_LIMIT * (by === "ispPop" ? 5 : 1)}`,
    db,
  );
}
