import { getBitrateBreakdown } from "@/db/queries/bitrate/getBitrateBreakdown";
import { breakdownSchema } from "@/db/queries/breakdowns";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getBitrateBreakdown(filters, extra), breakdownSchema);
