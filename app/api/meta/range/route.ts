import { getDataRange } from "@/db/queries/meta/getDataRange";
import { plainRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = plainRoute(() => getDataRange());
