import { STARTUP_CATEGORIES } from "@/db/constants";
import type { ResolvedFilters } from "@/lib/filters";
import type { Db } from "../../client";
import { completeShares, type ShareRow } from "../distribution";
import { categoryQuery } from "../grouped";
import { runQuery } from "../sql";

export type StartupCategoryRow = ShareRow<(typeof STARTUP_CATEGORIES)[number]>;

/** Sessions per startup_category (excellent < 1 s, good < 2 s, fair < 4 s, poor otherwise). */
export async function getStartupCategories(filters: ResolvedFilters, db?: Db): Promise<StartupCategoryRow[]> {
  const rows = await runQuery<{ category: string; sessions: number }>(
    categoryQuery(filters, "startup").statement,
    db,
  );
  return completeShares(STARTUP_CATEGORIES, rows);
}
