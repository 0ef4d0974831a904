import { getQualityScoreDistribution } from "@/db/queries/bitrate/getQualityScoreDistribution";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getQualityScoreDistribution(filters));
