import { getFilterOptions } from "@/db/queries/meta/getFilterOptions";
import { plainRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = plainRoute(() => getFilterOptions());
