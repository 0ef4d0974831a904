import { bitrateHistogramSchema, getBitrateHistogram } from "@/db/queries/bitrate/getBitrateHistogram";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute(
  (filters, extra) => getBitrateHistogram(filters, extra),
  bitrateHistogramSchema,
);
