import { breakdownSchema } from "@/db/queries/breakdowns";
import { getStartupPercentiles } from "@/db/queries/startup/getStartupPercentiles";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getStartupPercentiles(filters, extra), breakdownSchema);
