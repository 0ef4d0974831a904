/**
 * Names the data path a statement took from its SQL text: the aggregate tables it reads, or the
 * fact table. Pipeline and metadata tables are named as they are.
 */
const TABLES = /\b(agg_[a-z_]+|fact_playback_sessions|etl_[a-z_]+|dim_[a-z_]+)\b/g;
const CUBE_GRAIN = /\bgrain\s*=\s*'?(\w+)'?/;

/** The default-range lookup every filtered route makes first (lib/api/resolveFilters.ts). */
const RANGE_LOOKUP = /min\(full_date\)::text as "minDate"/;

export function pathOf(statements: string[]): string {
  const seen = new Set<string>();
  for (const text of statements) {
    if (RANGE_LOOKUP.test(text)) continue;
    const tables = new Set(text.match(TABLES) ?? []);
    const main = [...tables].filter((t) => !t.startsWith("dim_"));
    const grain = CUBE_GRAIN.exec(text)?.[1];
    for (const t of main.length > 0 ? main : [...tables]) {
      const short = t === "fact_playback_sessions" ? "facts" : t;
      seen.add(grain && t.startsWith("agg_cube") ? `${short}:${grain}` : short);
    }
  }
  return seen.size > 0 ? [...seen].sort().join("+") : "-";
}
