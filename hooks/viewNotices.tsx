"use client";

import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

/**
 * View choices in a URL (a bin width, a chart metric) that are not allowed values: each page's
 * useViewParam reports its own, and the filter bar names them, as it names bad filters, so a
 * mistyped link never silently shows something else.
 */
type Notices = { report: (key: string, message: string | null) => void; messages: string[] };

const ViewNoticeContext = createContext<Notices | null>(null);

export function ViewNoticeProvider({ children }: { children: ReactNode }) {
  const [byKey, setByKey] = useState<Record<string, string>>({});
  const value = useMemo<Notices>(
    () => ({
      report: (key, message) =>
        setByKey((prev) => {
          if ((prev[key] ?? null) === message) return prev;
          const next = { ...prev };
          if (message === null) delete next[key];
          else next[key] = message;
          return next;
        }),
      messages: Object.values(byKey),
    }),
    [byKey],
  );
  return <ViewNoticeContext.Provider value={value}>{children}</ViewNoticeContext.Provider>;
}

/** Reports `message` (null: nothing wrong) under `key` while the calling component is shown. */
export function useReportViewNotice(key: string, message: string | null): void {
  const report = useContext(ViewNoticeContext)?.report;
  useEffect(() => {
    report?.(key, message);
    return () => report?.(key, null);
  }, [report, key, message]);
}

/** The bad view choices of the page shown. */
export function useViewNotices(): string[] {
  return useContext(ViewNoticeContext)?.messages ?? [];
}
