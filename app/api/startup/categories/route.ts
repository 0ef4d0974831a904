import { getStartupCategories } from "@/db/queries/startup/getStartupCategories";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getStartupCategories(filters));
