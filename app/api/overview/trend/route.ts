import { getDailyQualityTrend } from "@/db/queries/overview/getDailyQualityTrend";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getDailyQualityTrend(filters));
