import { getSeverityMix } from "@/db/queries/rebuffering/getSeverityMix";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getSeverityMix(filters));
