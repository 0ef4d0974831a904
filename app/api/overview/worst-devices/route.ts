import { getWorstDevices } from "@/db/queries/overview/getWorstDevices";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getWorstDevices(filters));
