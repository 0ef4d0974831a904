import { getStartupTrend } from "@/db/queries/startup/getStartupTrend";
import { timeGrainSchema } from "@/db/queries/timeGrain";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getStartupTrend(filters, extra), timeGrainSchema);
