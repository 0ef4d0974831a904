import { getDeviceMix } from "@/db/queries/engagement/getDeviceMix";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getDeviceMix(filters));
