import { sql } from "drizzle-orm";
import { z } from "zod";
import { COUNTRY_CODES, type CountryCode } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import {
  BREAKDOWN_ROW_LIMIT,
  type BreakdownRow,
  QUALITY_PROFILE_QUANTILES,
  qualityProfileColumns,
} from "../devices/qualityProfile";
import { type Group, groupedQuery } from "../grouped";
import { runQuery } from "../sql";

/**
 * Within one country: quality by ISP, by CDN point of presence, or by ISP × PoP cell (`value` is
 * the ISP, `group` the PoP). Values are spelt as the isp / pop filters expect.
 */
export const COUNTRY_BREAKDOWNS = ["isp", "pop", "ispPop"] as const;
export type CountryBreakdown = (typeof COUNTRY_BREAKDOWNS)[number];

const GROUPINGS: Record<CountryBreakdown, Group[]> = {
  isp: [{ key: "isp", as: "value" }],
  pop: [{ key: "pop", as: "value" }],
  ispPop: [
    { key: "isp", as: "value" },
    { key: "pop", as: "group" },
  ],
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
  const { statement } = groupedQuery(scoped, {
    groups: GROUPINGS[by],
    columns: qualityProfileColumns,
    quantiles: QUALITY_PROFILE_QUANTILES,
  });
  // One-dimensional breakdowns have no second grouping column yet: add it as null.
  const group = by === "ispPop" ? sql`` : sql`null::text as "group", `;
  return runQuery<BreakdownRow>(
    sql`select t.*, ${group}(count(*) over ())::int as "groupCount"
        from (${statement}) t
        order by "sessions" desc, "value", "group"
        limit ${BREAKDOWN_ROW_LIMIT * (by === "ispPop" ? 5 : 1)}`,
    db,
  );
}
