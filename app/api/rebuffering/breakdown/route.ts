import { breakdownSchema } from "@/db/queries/breakdowns";
import { getRebufferBreakdown } from "@/db/queries/rebuffering/getRebufferBreakdown";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getRebufferBreakdown(filters, extra), breakdownSchema);
