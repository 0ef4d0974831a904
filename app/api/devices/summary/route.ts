import { getDeviceSummary } from "@/db/queries/devices/getDeviceSummary";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getDeviceSummary(filters));
