import { getResolutionTrend } from "@/db/queries/bitrate/getResolutionTrend";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getResolutionTrend(filters));
