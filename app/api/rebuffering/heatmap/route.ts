import { getRebufferHeatmap } from "@/db/queries/rebuffering/getRebufferHeatmap";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getRebufferHeatmap(filters));
