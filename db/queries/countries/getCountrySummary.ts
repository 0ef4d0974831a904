import { sql } from "drizzle-orm";
import { COUNTRY_INFO, type CountryCode } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import {
  QUALITY_PROFILE_QUANTILES,
  type QualityProfile,
  qualityProfileColumns,
} from "../devices/qualityProfile";
import { groupedQuery } from "../grouped";
import { runQuery } from "../sql";

export type CountrySummaryRow = QualityProfile & { countryCode: string; countryName: string; region: string };

/**
 * One row per country with its full quality profile (the map colours by any of these), largest
 * first. From the cube when it holds the filters (median / p95 startup from its histograms),
 * otherwise from the facts. Names and regions are dim_geography's, i.e. COUNTRY_INFO.
 */
export async function getCountrySummary(filters: ResolvedFilters, db?: Db): Promise<CountrySummaryRow[]> {
  const { statement } = groupedQuery(filters, {
    groups: [{ key: "country", as: "countryCode" }],
    columns: qualityProfileColumns,
    quantiles: QUALITY_PROFILE_QUANTILES,
  });
  const rows = await runQuery<Omit<CountrySummaryRow, "countryName" | "region">>(
    sql`select * from (${statement}) t order by "sessions" desc, "countryCode"`,
    db,
  );
  return rows.map((r) => {
    const info = COUNTRY_INFO[r.countryCode as CountryCode];
    return { ...r, countryName: info?.name ?? r.countryCode, region: info?.region ?? "unknown" };
  });
}
