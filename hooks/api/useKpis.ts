import type { KpiRow } from "@/db/queries/overview/getKpis";
import { useFilteredQuery } from "./useFilteredQuery";

export function useKpis() {
  return useFilteredQuery<KpiRow>(["overview", "kpis"], "/api/overview/kpis");
}
