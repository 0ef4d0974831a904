"use client";

import Link from "next/link";
import { useFilters } from "@/hooks/useFilters";
import { INSIGHT_METRIC_INFO } from "@/lib/insights/metrics";
import { formatP, metricValueLabel } from "@/lib/insights/summary";
import type { Finding } from "@/lib/insights/types";
import { ExpectationChart } from "./ExpectationChart";
import { findingHref, findingPageLabel } from "./findingLink";
import { SegmentChips } from "./SegmentChips";

const SHARE_OF: Record<Finding["family"], string> = {
  startup: "of all startup time",
  rebuffering: "of all stall time",
  bitrate: "of all delivered bitrate",
  failure: "of all start failures",
};

/** One ranked finding: its sentence, segment, numbers, observed-vs-expected bars and a drill-down link. */
export function FindingCard({ finding }: { finding: Finding }) {
  const { filters } = useFilters();
  const info = INSIGHT_METRIC_INFO[finding.metric];
  const also = finding.alsoAffects.map((m) => INSIGHT_METRIC_INFO[m].label.toLowerCase());
  return (
    <article
      data-testid="finding-card"
      aria-label={`Finding ${finding.rank}`}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[1fr_260px] dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="min-w-0">
        <div className="mb-1 flex flex-wrap items-center gap-2 text-xs">
          <span className="rounded-full bg-red-600 px-2 py-0.5 font-semibold text-white">
            #{finding.rank}
          </span>
          <span className="font-medium text-slate-700 dark:text-slate-300">{info.label}</span>
          {also.length ? (
            <span className="text-slate-500 dark:text-slate-400">also {also.join(", ")}</span>
          ) : null}
        </div>
        <p className="text-sm font-medium" data-testid="finding-summary">
          {finding.summary}
        </p>
        <div className="mt-2">
          <SegmentChips segment={finding.segment} />
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Sessions</dt>
            <dd className="tabular-nums">{finding.sessions.toLocaleString("en-US")}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Observed / expected</dt>
            <dd className="tabular-nums">
              {metricValueLabel(finding.metric, finding.value)} /{" "}
              {metricValueLabel(finding.metric, finding.expected)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Impact</dt>
            <dd className="tabular-nums" title={`Share ${SHARE_OF[finding.family]} caused by the excess`}>
              {(finding.impactShare * 100).toFixed(2)}% {SHARE_OF[finding.family]}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Adjusted p</dt>
            <dd className="tabular-nums" title={`z = ${finding.zScore.toFixed(1)}; Bonferroni-adjusted`}>
              {formatP(finding.adjustedP)}
            </dd>
          </div>
        </dl>
        <Link
          href={findingHref(finding, filters)}
          data-testid="finding-link"
          className="mt-3 inline-block text-sm font-medium text-blue-700 hover:underline dark:text-blue-400"
        >
          Open {findingPageLabel(finding)} for this segment →
        </Link>
      </div>
      <ExpectationChart finding={finding} testId={`finding-chart-${finding.rank}`} />
    </article>
  );
}
