import { getInsightsReport, insightsParamsSchema } from "@/db/queries/insights/getInsightsReport";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getInsightsReport(filters, extra), insightsParamsSchema);
