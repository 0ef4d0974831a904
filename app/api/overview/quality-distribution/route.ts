import { getQualityDistribution } from "@/db/queries/overview/getQualityDistribution";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getQualityDistribution(filters));
