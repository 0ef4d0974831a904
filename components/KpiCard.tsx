import type { KpiRow, KpiValues } from "@/db/queries/overview/getKpis";
import { formatValue, percentChange, type Unit } from "@/lib/format";
import { METRICS, type MetricKey, meetsTarget } from "@/lib/metricCatalog";

type KpiCardProps = {
  metric: MetricKey;
  value: number | null;
  previous: number | null;
  /** Why there is no change to show (e.g. the previous period is not loaded); null = compare. */
  noComparison?: string | null;
};

/**
 * Why the previous period cannot be compared with, or null when it can: a change against days
 * that were never loaded (before the first load, or a gap) would only measure the missing data.
 */
export function previousPeriodGap(k: { previousDays: number; previousLoadedDays: number }): string | null {
  if (k.previousLoadedDays >= k.previousDays) return null;
  return k.previousLoadedDays === 0
    ? "no data in the previous period"
    : `previous period only partly loaded (${k.previousLoadedDays} of ${k.previousDays} days)`;
}

/**
 * The change versus the previous period as shown: for metrics that are percentages, the difference
 * in percentage points (a relative change of a ratio reads like points and misleads); otherwise a
 * relative change, except from a previous value of 0 (none exists). A change that rounds to zero
 * counts as none.
 */
export function kpiChange(
  value: number | null,
  previous: number | null,
  unit: Unit,
): { direction: number; text: string } | null {
  if (value === null || previous === null) return null;
  if (unit === "pct") {
    const points = Math.round((value - previous) * 100) / 100;
    return { direction: Math.sign(points), text: `${Math.abs(points).toFixed(2)} pp vs previous` };
  }
  if (previous === 0) {
    return value === 0
      ? { direction: 0, text: "unchanged vs previous" }
      : { direction: Math.sign(value), text: `${value > 0 ? "up" : "down"} from 0 vs previous` };
  }
  const pct = Math.round((percentChange(value, previous) ?? 0) * 10) / 10;
  return { direction: Math.sign(pct), text: `${Math.abs(pct).toFixed(1)} % vs previous` };
}

/** One headline number with its target and the change versus the previous period. */
export function KpiCard({ metric, value, previous, noComparison = null }: KpiCardProps) {
  const info = METRICS[metric];
  const change = noComparison ? null : kpiChange(value, previous, info.unit);
  const ok = meetsTarget(metric, value);
  const improving =
    change === null || change.direction === 0 || info.better === "neutral"
      ? null
      : (info.better === "higher") === change.direction > 0;
  return (
    <div
      data-testid={`kpi-${metric}`}
      title={info.definition}
      className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="text-xs text-slate-500 dark:text-slate-400">{info.label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid="kpi-value">
        {formatValue(value, info.unit)}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs">
        {change === null ? (
          <span className="text-slate-500 dark:text-slate-400">{noComparison ?? "no previous period"}</span>
        ) : (
          <span
            className={
              improving === null
                ? "text-slate-500"
                : improving
                  ? "text-green-700 dark:text-green-400"
                  : "text-red-700 dark:text-red-400"
            }
          >
            {change.direction > 0 ? "▲" : change.direction < 0 ? "▼" : "■"} {change.text}
          </span>
        )}
        {info.target ? (
          <span
            data-testid="kpi-target"
            className={`rounded px-1 ${ok ? "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300" : "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"}`}
          >
            target {info.target.kind === "min" ? "≥" : "≤"} {formatValue(info.target.value, info.unit)}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** One card per metric of a KPI result, each against the previous period when it is comparable. */
export function KpiCards({ kpis, metrics }: { kpis: KpiRow; metrics: readonly (keyof KpiValues)[] }) {
  const gap = previousPeriodGap(kpis);
  return (
    <>
      {metrics.map((m) => (
        <KpiCard key={m} metric={m} value={kpis.current[m]} previous={kpis.previous[m]} noComparison={gap} />
      ))}
    </>
  );
}
