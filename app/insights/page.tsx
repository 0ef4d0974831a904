"use client";

import { FindingCard } from "@/components/insights/FindingCard";
import { FindingsTable } from "@/components/insights/FindingsTable";
import { HealthyMessage } from "@/components/insights/HealthyMessage";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { SegmentedControl } from "@/components/SegmentedControl";
import { useInsights } from "@/hooks/api/useInsights";
import { useViewParam } from "@/hooks/useViewParam";
import { DEFAULT_ENGINE_OPTIONS } from "@/lib/insights/engine";
import { INSIGHT_METRIC_INFO, INSIGHT_METRICS, type InsightMetric } from "@/lib/insights/metrics";

type MetricChoice = InsightMetric | "all";
const METRIC_CHOICES: readonly MetricChoice[] = ["all", ...INSIGHT_METRICS];
const METRIC_OPTIONS: { value: MetricChoice; label: string }[] = [
  { value: "all", label: "All" },
  ...INSIGHT_METRICS.map((m) => ({ value: m, label: INSIGHT_METRIC_INFO[m].label })),
];

const int = new Intl.NumberFormat("en-US");

export default function InsightsPage() {
  // An unknown metric in the URL falls back to all metrics rather than failing the page.
  const { value: metric, set: setMetric } = useViewParam<MetricChoice>("metric", METRIC_CHOICES, "all");
  const insights = useInsights({ metric, limit: 20 });
  const report = insights.data?.data;
  const findings = report?.findings ?? [];

  return (
    <>
      <PageHeader title="Insights: why quality drops">
        Every segment of one or two dimensions (device type, OS, OS version, app version, content, country,
        ISP, CDN PoP, network) is compared with what the main effects of device type and network predict for
        it, so designed differences (smart TVs start slower than phones, 4G stalls more than ethernet) are not
        faults. A finding is an excess over that expectation that is significant after a Bonferroni correction
        for every segment and metric tested, at least {DEFAULT_ENGINE_OPTIONS.minSupport} sessions, a minimum
        effect size and at least {DEFAULT_ENGINE_OPTIONS.minImpactShare * 100} % of the metric's total harm,
        reported at the granularity where it lives, and ranked by its share of the metric's total harm (extra
        waiting, stall time, lost bitrate or failed starts).
      </PageHeader>
      <Panel
        title="Findings"
        description={
          report
            ? `${int.format(report.sessions)} sessions, ${int.format(report.segmentsTested)} segments × ${report.metricsTested.length} metrics tested (${int.format(report.hypothesesTested)} tests) in ${((report.timingsMs.total ?? 0) / 1000).toFixed(1)} s.`
            : "Analysing every one- and two-dimension segment…"
        }
        state={queryState(insights, report ? report.sessions === 0 : undefined)}
        testId="insights-findings-panel"
        actions={
          <SegmentedControl
            label="Metric"
            value={metric}
            options={METRIC_OPTIONS}
            onChange={setMetric}
            testId="insights-metric"
          />
        }
      >
        {findings.length === 0 ? (
          <p
            data-testid="insights-healthy"
            className="rounded bg-green-50 p-4 text-sm text-green-900 dark:bg-green-950 dark:text-green-200"
          >
            <HealthyMessage explained="its device type and network explain" />
          </p>
        ) : (
          <div className="grid grid-cols-1 gap-3">
            {findings.map((f) => (
              <FindingCard key={`${f.metric}:${JSON.stringify(f.segment)}`} finding={f} />
            ))}
          </div>
        )}
      </Panel>
      {findings.length > 0 ? (
        <Panel
          title="All findings"
          description="Sortable; click a row to open its page with the segment's filters; the CSV holds the raw numbers (failure rates as fractions)."
          state={queryState(insights)}
          testId="insights-table-panel"
          className="mt-4"
        >
          <FindingsTable findings={findings} />
        </Panel>
      ) : null}
      <details className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="insights-method">
        <summary className="cursor-pointer font-medium">How the engine decides</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            Expected value: a multiplicative fit of device type × network main effects (startup = base(device)
            × factor(network); stalls = rate per minute watched), refitted on the sessions the findings do not
            explain.
          </li>
          <li>
            Test: one-sided z of the excess with the larger of the segment's own and the model's variance
            (counts also by their Poisson deviance); Bonferroni over all segments × metrics at α = 0.01.
          </li>
          <li>
            Granularity: the most significant segment explains its overlap with every other one (parents lose
            a child's excess, splits of a broad fault lose theirs), repeatedly, then each finding is
            re-checked given all the others.
          </li>
          <li>
            Minimum effect: 10 % (startup, bitrate), 15 % (stalls), 25 % (start failures) above expectation.
          </li>
        </ul>
      </details>
    </>
  );
}
