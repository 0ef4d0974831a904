/**
 * Category distributions (quality tiers, startup categories, severities...) always come back with
 * every category in its defined order, zero-filled, so charts keep stable colours and positions
 * even when a filter leaves a category empty.
 */
export type ShareRow<C extends string = string> = { category: C; sessions: number; pct: number };

export function completeShares<C extends string>(
  categories: readonly C[],
  rows: { category: string; sessions: number }[],
): ShareRow<C>[] {
  const counts = new Map(rows.map((r) => [r.category, r.sessions]));
  const total = rows.reduce((sum, r) => sum + r.sessions, 0);
  return categories.map((category) => {
    const sessions = counts.get(category) ?? 0;
    return { category, sessions, pct: total > 0 ? (100 * sessions) / total : 0 };
  });
}
