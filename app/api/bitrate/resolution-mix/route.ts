import { getResolutionMix } from "@/db/queries/bitrate/getResolutionMix";
import { breakdownSchema } from "@/db/queries/breakdowns";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getResolutionMix(filters, extra), breakdownSchema);
