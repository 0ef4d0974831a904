"use client";

import { usePathname } from "next/navigation";
import { useDataRange, useFilterOptions } from "@/hooks/api/useMeta";
import { useFilters } from "@/hooks/useFilters";
import { useViewNotices } from "@/hooks/viewNotices";
import { activeFilterKeys, FILTER_KEYS, FILTER_LABELS } from "@/lib/filters";
import { DateRangePicker } from "./DateRangePicker";
import { MultiSelect } from "./MultiSelect";

/** Pages about the ETL's loads, not viewing sessions: the session filters have nothing to act on. */
const PAGES_WITHOUT_SESSION_FILTERS = new Set(["/pipeline"]);

/** The one filter bar shown on every dashboard page; all state is in the URL. */
export function FilterBar() {
  const pathname = usePathname();
  if (PAGES_WITHOUT_SESSION_FILTERS.has(pathname)) return <InertFilterNote />;
  return <SessionFilterBar />;
}

const BAR_CLASS =
  "sticky top-0 z-10 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95";

/** Controls that would change nothing are not shown; the view's filters stay in the URL. */
function InertFilterNote() {
  const { filters } = useFilters();
  const active = activeFilterKeys(filters).map((key) => FILTER_LABELS[key]);
  return (
    <section aria-label="Filters" data-testid="filter-bar" className={BAR_CLASS}>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        The date and dimension filters do not apply on this page: it describes ETL loads, not viewing
        sessions.
        {active.length > 0 ? ` Your filters (${active.join(", ")}) are kept for the other pages.` : ""}
      </p>
    </section>
  );
}

function SessionFilterBar() {
  const { filters, parseError, setFilter, setRange, clear } = useFilters();
  const viewNotices = useViewNotices();
  const range = useDataRange().data?.data;
  const options = useFilterOptions().data?.data;
  const active = activeFilterKeys(filters);

  return (
    <section aria-label="Filters" data-testid="filter-bar" className={BAR_CLASS}>
      <div className="flex flex-wrap items-center gap-2">
        <DateRangePicker
          from={filters.from}
          to={filters.to}
          minDate={range?.minDate ?? null}
          maxDate={range?.maxDate ?? null}
          onChange={setRange}
        />
        {FILTER_KEYS.map((key) => (
          <MultiSelect
            key={key}
            label={FILTER_LABELS[key]}
            options={options?.[key] ?? []}
            selected={filters[key] ?? []}
            onChange={(values) => setFilter(key, values)}
            testId={`filter-${key}`}
          />
        ))}
        {active.length > 0 ? (
          <button
            type="button"
            onClick={clear}
            className="text-xs text-blue-700 underline dark:text-blue-300"
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {viewNotices.length > 0 ? (
        <p
          role="alert"
          data-testid="view-param-error"
          className="mt-2 rounded bg-amber-100 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Some view choices in the URL are invalid and were ignored: {viewNotices.join("; ")}
        </p>
      ) : null}
      {parseError ? (
        <p
          role="alert"
          data-testid="filter-error"
          className="mt-2 rounded bg-amber-100 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Some URL parameters are invalid and were ignored (the rest of the view applies): {parseError}
        </p>
      ) : null}
      {range && range.sessions === 0 ? (
        <p data-testid="no-data" className="mt-2 text-xs text-slate-600 dark:text-slate-300">
          No data loaded yet. Run <code>npm run etl</code> (or <code>npm run demo</code>) to load telemetry.
        </p>
      ) : null}
    </section>
  );
}
