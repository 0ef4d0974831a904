/** Number formatting shared by cards, tables, chart hovers and CSV downloads. */
export type Unit = "count" | "ms" | "pct" | "kbps" | "score" | "perMin" | "sec" | "hours";

/**
 * Decimals shown per unit, in the unit itself (tables and CSVs alike; a CSV keeps milliseconds
 * and kbps where a card switches to s and Mbps). Stalls per minute are typically 0.05-0.3: two
 * decimals would make most rows read alike.
 */
export const UNIT_DECIMALS: Record<Unit, number> = {
  count: 0,
  ms: 0,
  sec: 0,
  kbps: 0,
  score: 1,
  pct: 2,
  hours: 2,
  perMin: 3,
};

const fixed = (decimals: number) =>
  new Intl.NumberFormat("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
const inUnit = Object.fromEntries(
  Object.entries(UNIT_DECIMALS).map(([unit, decimals]) => [unit, fixed(decimals)]),
) as Record<Unit, Intl.NumberFormat>;
/** Large ms and kbps values read better as s and Mbps, with one decimal. */
const scaled = fixed(1);

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const n = inUnit[unit].format(value);
  switch (unit) {
    case "count":
    case "score":
      return n;
    case "ms":
      return value >= 10_000 ? `${scaled.format(value / 1000)} s` : `${n} ms`;
    case "sec":
      return `${n} s`;
    case "pct":
      return `${n} %`;
    case "kbps":
      return value >= 1000 ? `${scaled.format(value / 1000)} Mbps` : `${n} kbps`;
    case "perMin":
      return `${n} /min`;
    case "hours":
      return `${n} h`;
  }
}

/** Relative change in percent, or null when there is nothing to compare with. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}
