import { getHourlyUsage } from "@/db/queries/engagement/getHourlyUsage";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getHourlyUsage(filters));
