"use client";

import { useRouter } from "next/navigation";
import { type Column, DataTable } from "@/components/DataTable";
import { useFilters } from "@/hooks/useFilters";
import { DIMENSION_INFO, segmentDimensions } from "@/lib/insights/dimensions";
import { INSIGHT_METRIC_INFO } from "@/lib/insights/metrics";
import { formatP, metricValueLabel } from "@/lib/insights/summary";
import type { Finding } from "@/lib/insights/types";
import { findingHref } from "./findingLink";

type Row = {
  rank: number;
  metric: string;
  segment: string;
  sessions: number;
  value: number;
  expected: number;
  ratio: number;
  impactSharePct: number;
  zScore: number;
  adjustedP: number;
  summary: string;
  finding: Finding;
};

const COLUMNS: Column<Row>[] = [
  { key: "rank", label: "#", unit: "count" },
  { key: "metric", label: "Metric" },
  { key: "segment", label: "Segment" },
  { key: "sessions", label: "Sessions", unit: "count" },
  {
    key: "value",
    label: "Observed",
    render: (r) => metricValueLabel(r.finding.metric, r.value),
  },
  {
    key: "expected",
    label: "Expected",
    render: (r) => metricValueLabel(r.finding.metric, r.expected),
  },
  { key: "ratio", label: "× expected", render: (r) => r.ratio.toFixed(2) },
  { key: "impactSharePct", label: "Impact share", unit: "pct" },
  { key: "zScore", label: "z", render: (r) => r.zScore.toFixed(1) },
  { key: "adjustedP", label: "Adj. p", render: (r) => formatP(r.adjustedP) },
];

/** Every finding as a sortable table with CSV export; a row opens the finding's page. */
export function FindingsTable({ findings }: { findings: Finding[] }) {
  const router = useRouter();
  const { filters } = useFilters();
  const rows: Row[] = findings.map((f) => ({
    rank: f.rank,
    metric: INSIGHT_METRIC_INFO[f.metric].label,
    segment: segmentDimensions(f.segment)
      .map((d) => `${DIMENSION_INFO[d].label}: ${f.segment[d]}`)
      .join(", "),
    sessions: f.sessions,
    value: f.value,
    expected: f.expected,
    ratio: f.ratio,
    impactSharePct: f.impactShare * 100,
    zScore: f.zScore,
    adjustedP: f.adjustedP,
    summary: f.summary,
    finding: f,
  }));
  return (
    <DataTable
      rows={rows}
      columns={COLUMNS}
      csvName="insights.csv"
      initialSort={{ key: "rank", desc: false }}
      onRowClick={(r) => router.push(findingHref(r.finding, filters))}
      rowLabel={(r) => r.summary}
      testId="insights-table"
    />
  );
}
