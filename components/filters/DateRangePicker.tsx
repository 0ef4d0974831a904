"use client";

import { useRef, useState } from "react";
import { defaultWindowStart, shiftDate } from "@/lib/filters";

type DateRangePickerProps = {
  from?: string;
  to?: string;
  minDate: string | null;
  maxDate: string | null;
  onChange: (from: string | undefined, to: string | undefined) => void;
};

const PRESETS = [
  { label: "Last 7 days", days: 7 },
  { label: "Last 14 days", days: 14 },
  { label: "Last 30 days", days: 30 },
  { label: "Last 90 days", days: 90 },
];

/** Presets count back from the last loaded day, so old data still shows. */
export function DateRangePicker({ from, to, minDate, maxDate, onChange }: DateRangePickerProps) {
  // "Custom…" stays selected once chosen (the dates it keeps may equal a preset's), until a preset is.
  const [custom, setCustom] = useState(false);
  const fromInput = useRef<HTMLInputElement>(null);
  const presetValue = (() => {
    if (custom) return "custom";
    if (!from && !to) return "default";
    if (maxDate && to === maxDate) {
      const match = PRESETS.find((p) => from === shiftDate(maxDate, -(p.days - 1)));
      if (match) return String(match.days);
      if (from === minDate) return "all";
    }
    return "custom";
  })();

  // Without dates in the URL the pickers show the range the server uses (same rule as resolveFilters).
  const shownTo = to ?? maxDate ?? undefined;
  const shownFrom = from ?? (shownTo ? defaultWindowStart(shownTo, minDate) : undefined);

  const applyPreset = (value: string) => {
    setCustom(value === "custom");
    if (value === "default") return onChange(undefined, undefined);
    if (!maxDate) return;
    if (value === "all") return onChange(minDate ?? undefined, maxDate);
    if (value === "custom") {
      // Where the custom range is set: the date fields, starting with From.
      fromInput.current?.focus();
      return onChange(from ?? defaultWindowStart(maxDate, minDate), to ?? maxDate);
    }
    onChange(shiftDate(maxDate, -(Number(value) - 1)), maxDate);
  };

  // A typed date past the other end moves that end along: the range never runs backwards.
  const changeFrom = (value: string | undefined) =>
    onChange(value, value && shownTo && value > shownTo ? value : shownTo);
  const changeTo = (value: string | undefined) =>
    onChange(value && shownFrom && value < shownFrom ? value : shownFrom, value);

  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <label className="flex items-center gap-1">
        <span className="text-slate-500 dark:text-slate-400">Dates</span>
        <select
          value={presetValue}
          onChange={(e) => applyPreset(e.target.value)}
          data-testid="date-preset"
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="default">Last 30 days of data</option>
          {PRESETS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
          <option value="all">All loaded data</option>
          <option value="custom">Custom…</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="sr-only">From</span>
        <input
          type="date"
          aria-label="From date"
          data-testid="date-from"
          ref={fromInput}
          value={shownFrom ?? ""}
          min={minDate ?? undefined}
          max={shownTo}
          onChange={(e) => changeFrom(e.target.value || undefined)}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <span aria-hidden>–</span>
      <label className="flex items-center gap-1">
        <span className="sr-only">To</span>
        <input
          type="date"
          aria-label="To date"
          data-testid="date-to"
          value={shownTo ?? ""}
          min={shownFrom ?? minDate ?? undefined}
          max={maxDate ?? undefined}
          onChange={(e) => changeTo(e.target.value || undefined)}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
    </div>
  );
}
