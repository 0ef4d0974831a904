import { getStartupHistogram, startupHistogramSchema } from "@/db/queries/startup/getStartupHistogram";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute(
  (filters, extra) => getStartupHistogram(filters, extra),
  startupHistogramSchema,
);
