import { sql } from "drizzle-orm";
import { COUNTRY_INFO, type CountryCode } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { type GroupQuality, qualityByGroup } from "./qualityByGroup";

export type WorstCountryRow = Omit<GroupQuality, "group"> & { countryCode: string; countryName: string };

/** Countries by average QoE, worst first. */
export async function getWorstCountries(filters: ResolvedFilters, db?: Db): Promise<WorstCountryRow[]> {
  const rows = await qualityByGroup(
    {
      key: "country",
      aggregate: sql`agg_daily_geo_quality`,
      aggregateColumn: sql`country_code`,
    },
    filters,
    db,
  );
  return rows.map(({ group, ...rest }) => ({
    countryCode: group,
    countryName: COUNTRY_INFO[group as CountryCode]?.name ?? group,
    ...rest,
  }));
}
