"use client";

import type { ReactNode } from "react";
import { useDataRange } from "@/hooks/api/useMeta";
import { useFilters } from "@/hooks/useFilters";
import { activeFilterKeys } from "@/lib/filters";

export type PanelState = { isLoading: boolean; error: Error | null; isEmpty: boolean };

type PanelProps = {
  title: string;
  description?: ReactNode;
  state: PanelState;
  /** Shown in the header, e.g. a CSV download or a metric selector. */
  actions?: ReactNode;
  emptyMessage?: string;
  testId?: string;
  className?: string;
  children: ReactNode;
};

/** Why a session panel is empty: the date range misses the loaded data, or the filters match nothing. */
function DefaultEmptyMessage() {
  const { filters } = useFilters();
  const range = useDataRange().data?.data;
  if (activeFilterKeys(filters).length > 0) return <>No sessions match these filters.</>;
  const outside =
    range?.minDate && range.maxDate && filters.from && filters.to
      ? filters.to < range.minDate || filters.from > range.maxDate
      : false;
  if (outside && range?.minDate && range.maxDate) {
    return (
      <>
        No data in {filters.from} – {filters.to}: the loaded data covers {range.minDate} – {range.maxDate}.
      </>
    );
  }
  return <>No sessions in this date range.</>;
}

/** The one loading / empty / error frame around every chart and table. */
export function Panel({
  title,
  description,
  state,
  actions,
  emptyMessage,
  testId,
  className,
  children,
}: PanelProps) {
  let body: ReactNode = children;
  if (state.error) {
    body = (
      <div
        role="alert"
        data-testid="panel-error"
        className="rounded bg-red-50 p-4 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
      >
        Could not load this panel: {state.error.message}
      </div>
    );
  } else if (state.isLoading) {
    body = (
      <div
        data-testid="panel-loading"
        aria-busy="true"
        className="h-48 animate-pulse rounded bg-slate-100 dark:bg-slate-800"
      >
        <span className="sr-only">Loading {title}</span>
      </div>
    );
  } else if (state.isEmpty) {
    body = (
      <p data-testid="panel-empty" className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">
        {emptyMessage ?? <DefaultEmptyMessage />}
      </p>
    );
  }
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className ?? ""}`}
    >
      <header className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold">{title}</h2>
          {description ? (
            <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>
          ) : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </header>
      {body}
    </section>
  );
}

/** Panel state from a React Query result. */
export function queryState(
  query: { isLoading: boolean; error: Error | null; data?: unknown },
  isEmpty?: boolean,
): PanelState {
  const data = query.data as { data?: unknown } | undefined;
  const inner = data?.data ?? data;
  const empty =
    isEmpty ?? (Array.isArray(inner) ? inner.length === 0 : inner === undefined || inner === null);
  return {
    isLoading: query.isLoading,
    error: query.error,
    isEmpty: !query.isLoading && !query.error && empty,
  };
}
