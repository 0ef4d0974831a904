import { getFilterOptions } from "@/db/queries/meta/getFilterOptions";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getFilterOptions(filters));
