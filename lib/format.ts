/** Number formatting shared by cards, tables and chart hovers. */
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const threeDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3, minimumFractionDigits: 3 });

export type Unit = "count" | "ms" | "pct" | "kbps" | "score" | "perMin" | "sec" | "hours";

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  switch (unit) {
    case "count":
      return integer.format(value);
    case "ms":
      return value >= 10_000 ? `${oneDecimal.format(value / 1000)} s` : `${integer.format(value)} ms`;
    case "sec":
      return `${integer.format(value)} s`;
    case "pct":
      return `${twoDecimals.format(value)} %`;
    case "kbps":
      return value >= 1000 ? `${oneDecimal.format(value / 1000)} Mbps` : `${integer.format(value)} kbps`;
    case "score":
      return oneDecimal.format(value);
    case "perMin":
      // Typically 0.05-0.3 stalls a minute: two decimals would make most rows read alike.
      return `${threeDecimals.format(value)} /min`;
    case "hours":
      return `${twoDecimals.format(value)} h`;
  }
}

/** Relative change in percent, or null when there is nothing to compare with. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}
