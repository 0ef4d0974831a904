import { getTopStallContent, topContentSchema } from "@/db/queries/rebuffering/getTopStallContent";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters, extra) => getTopStallContent(filters, extra), topContentSchema);
