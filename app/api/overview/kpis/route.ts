import { getKpis } from "@/db/queries/overview/getKpis";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getKpis(filters));
