import { getWorstCountries } from "@/db/queries/overview/getWorstCountries";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getWorstCountries(filters));
