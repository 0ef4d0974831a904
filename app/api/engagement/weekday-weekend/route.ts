import { getWeekdayWeekend } from "@/db/queries/engagement/getWeekdayWeekend";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute((filters) => getWeekdayWeekend(filters));
