import { getQualityTierWatchTime } from "@/db/queries/engagement/getQualityTierWatchTime";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getQualityTierWatchTime(filters));
