"use client";

import { METRICS, type MetricKey } from "@/lib/metricCatalog";

type MetricSelectProps<K extends MetricKey> = {
  value: K;
  options: readonly K[];
  onChange: (metric: K) => void;
  label?: string;
  testId?: string;
};

/** A compact metric picker for a panel header; labels come from the metric catalogue. */
export function MetricSelect<K extends MetricKey>({
  value,
  options,
  onChange,
  label = "Metric",
  testId,
}: MetricSelectProps<K>) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
      {label}
      <select
        value={value}
        data-testid={testId ?? "metric-select"}
        onChange={(e) => onChange(e.target.value as K)}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900"
      >
        {options.map((m) => (
          <option key={m} value={m}>
            {METRICS[m].label}
          </option>
        ))}
      </select>
    </label>
  );
}
