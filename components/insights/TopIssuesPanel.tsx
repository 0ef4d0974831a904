"use client";

import Link from "next/link";
import { Panel, queryState } from "@/components/Panel";
import { useInsights } from "@/hooks/api/useInsights";
import { useFilters, withFilters } from "@/hooks/useFilters";
import { INSIGHT_METRIC_INFO } from "@/lib/insights/metrics";
import { findingHref } from "./findingLink";
import { HealthyMessage } from "./HealthyMessage";

/**
 * The overview's "top issues": the insights engine's best findings for the current filters, each
 * with its sentence and a link to the page that shows it; the full list is on /insights.
 */
export function TopIssuesPanel({ limit = 5 }: { limit?: number }) {
  const { filters } = useFilters();
  const insights = useInsights({ limit });
  const report = insights.data?.data;
  const findings = report?.findings ?? [];
  return (
    <Panel
      title="Top issues"
      description="Segments doing significantly worse than their device type and network explain, ranked by impact."
      state={queryState(insights, report ? report.sessions === 0 : undefined)}
      testId="top-issues-panel"
      actions={
        <Link
          href={withFilters("/insights", filters)}
          className="text-xs font-medium text-blue-700 hover:underline dark:text-blue-400"
        >
          All insights →
        </Link>
      }
    >
      {findings.length === 0 ? (
        <p
          data-testid="top-issues-healthy"
          className="py-6 text-center text-sm text-slate-600 dark:text-slate-300"
        >
          <HealthyMessage explained="expected" />
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800">
          {findings.map((f) => (
            <li key={`${f.metric}:${JSON.stringify(f.segment)}`} data-testid="top-issue" className="py-2">
              <div className="flex items-start gap-2">
                <span className="mt-0.5 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
                  {f.rank}
                </span>
                <div className="min-w-0">
                  <p className="text-sm">{f.summary}</p>
                  <Link
                    href={findingHref(f, filters)}
                    className="text-xs font-medium text-blue-700 hover:underline dark:text-blue-400"
                  >
                    Investigate {INSIGHT_METRIC_INFO[f.metric].label.toLowerCase()} →
                  </Link>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
