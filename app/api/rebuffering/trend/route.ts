import { getRebufferTrend } from "@/db/queries/rebuffering/getRebufferTrend";
import { timeGrainSchema } from "@/db/queries/timeGrain";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getRebufferTrend(filters, extra), timeGrainSchema);
