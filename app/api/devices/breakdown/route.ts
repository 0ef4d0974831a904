import { deviceBreakdownSchema, getDeviceBreakdown } from "@/db/queries/devices/getDeviceBreakdown";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute(
  (filters, { deviceType, by }) => getDeviceBreakdown(filters, deviceType, by),
  deviceBreakdownSchema,
);
