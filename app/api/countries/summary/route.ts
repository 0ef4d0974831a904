import { getCountrySummary } from "@/db/queries/countries/getCountrySummary";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getCountrySummary(filters));
