import { countryBreakdownSchema, getCountryBreakdown } from "@/db/queries/countries/getCountryBreakdown";
import { filteredRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = filteredRoute(
  (filters, { code, by }) => getCountryBreakdown(filters, code, by),
  countryBreakdownSchema,
);
