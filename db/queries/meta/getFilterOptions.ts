import { sql } from "drizzle-orm";
import type { FilterKey } from "@/lib/filters";
import type { Db } from "../../client";
import { runQuery } from "../sql";

export type FilterOptionsRow = { key: FilterKey; value: string };
export type FilterOptions = Record<FilterKey, string[]>;

/** Values present in the warehouse for each filter, for the filter bar's pickers. */
export async function getFilterOptions(db?: Db): Promise<FilterOptions> {
  const rows = await runQuery<FilterOptionsRow>(
    sql`select distinct 'device' as key, device_type as value from dim_device
        union select distinct 'os', os_name from dim_device
        union select distinct 'osVersion', os_name || ' ' || os_version from dim_device
        union select distinct 'app', app_version from dim_device
        union select distinct 'country', country_code from dim_geography
        union select distinct 'isp', isp from dim_geography
        union select distinct 'pop', cdn_pop from dim_geography
        union select distinct 'network', network_type from dim_network
        union select distinct 'content', content_id from dim_content`,
    db,
  );
  const options: FilterOptions = {
    device: [],
    os: [],
    osVersion: [],
    app: [],
    country: [],
    isp: [],
    pop: [],
    network: [],
    content: [],
  };
  for (const row of rows) options[row.key].push(row.value);
  const natural = new Intl.Collator("en", { numeric: true });
  for (const values of Object.values(options)) values.sort(natural.compare);
  return options;
}
