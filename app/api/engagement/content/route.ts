import { getContentMix } from "@/db/queries/engagement/getContentMix";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getContentMix(filters));
