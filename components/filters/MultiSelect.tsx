"use client";

import { useId, useState } from "react";
import { useDismissable } from "@/hooks/useDismissable";

/** Longer lists get a search box (a content list holds hundreds of titles). */
const SEARCH_FROM = 12;
/** Options drawn at once when searching a long list; the search narrows the rest. */
const SHOWN_MAX = 200;

type MultiSelectProps = {
  label: string;
  options: string[];
  selected: string[];
  onChange: (values: string[]) => void;
  testId?: string;
};

/** A labelled, keyboard-reachable checkbox list in a disclosure; long lists are searchable. */
export function MultiSelect({ label, options, selected, onChange, testId }: MultiSelectProps) {
  const id = useId();
  const ref = useDismissable();
  const [search, setSearch] = useState("");
  const searchable = options.length >= SEARCH_FROM;
  const needle = search.trim().toLowerCase();
  const matching = needle ? options.filter((o) => o.toLowerCase().includes(needle)) : options;
  // Selected values stay listed (and can be unticked) whatever the search.
  const shown = [...selected.filter((s) => !matching.includes(s)), ...matching.slice(0, SHOWN_MAX)];
  const summary =
    selected.length === 0
      ? "All"
      : selected.length <= 2
        ? selected.join(", ")
        : `${selected.length} selected`;
  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <details ref={ref} className="relative" data-testid={testId}>
      <summary
        aria-label={`${label}: ${summary}`}
        className="flex cursor-pointer list-none items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:border-slate-400 dark:border-slate-700 dark:bg-slate-900"
      >
        <span className="text-slate-500 dark:text-slate-400">{label}:</span>
        <span
          className={`max-w-[10rem] truncate ${selected.length ? "font-semibold text-blue-700 dark:text-blue-300" : ""}`}
        >
          {summary}
        </span>
        <span aria-hidden>▾</span>
      </summary>
      <fieldset
        aria-labelledby={`${id}-legend`}
        className="absolute z-20 mt-1 max-h-72 w-56 overflow-auto rounded border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <legend id={`${id}-legend`} className="sr-only">
          {label}
        </legend>
        {selected.length > 0 ? (
          <button
            type="button"
            onClick={() => onChange([])}
            className="mb-1 text-xs text-blue-700 underline dark:text-blue-300"
          >
            Clear
          </button>
        ) : null}
        {searchable ? (
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={`Search ${options.length.toLocaleString("en-US")} values`}
            aria-label={`Search ${label}`}
            className="mb-1 w-full rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900"
          />
        ) : null}
        {options.length === 0 ? <p className="text-xs text-slate-500">No values loaded</p> : null}
        {searchable && matching.length === 0 ? <p className="text-xs text-slate-500">No match</p> : null}
        {shown.map((option) => (
          <label key={option} className="flex items-center gap-2 py-0.5 text-xs">
            <input type="checkbox" checked={selected.includes(option)} onChange={() => toggle(option)} />
            {option}
          </label>
        ))}
        {matching.length > SHOWN_MAX ? (
          <p className="mt-1 text-xs text-slate-500">
            {(matching.length - SHOWN_MAX).toLocaleString("en-US")} more: type to narrow the list
          </p>
        ) : null}
      </fieldset>
    </details>
  );
}
