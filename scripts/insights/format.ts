import { INSIGHT_METRIC_INFO } from "../../lib/insights/metrics";
import { formatP, metricValueLabel } from "../../lib/insights/summary";
import type { Finding, InsightsReport } from "../../lib/insights/types";

const int = new Intl.NumberFormat("en-US");

const SHARE_OF: Record<string, string> = {
  startup: "all startup time",
  rebuffering: "all stall time",
  bitrate: "all delivered bitrate",
  failure: "all start failures",
};

function formatFinding(f: Finding): string {
  const segment = Object.entries(f.segment)
    .map(([d, v]) => `${d}=${v}`)
    .join(", ");
  const also = f.alsoAffects.length ? `; also ${f.alsoAffects.join(", ")}` : "";
  return [
    `${String(f.rank).padStart(2)}. [${INSIGHT_METRIC_INFO[f.metric].label}] ${f.summary}`,
    `    segment ${segment} | ${metricValueLabel(f.metric, f.value)} vs ${metricValueLabel(f.metric, f.expected)} expected` +
      ` | z ${f.zScore.toFixed(1)}, adjusted p ${formatP(f.adjustedP)}` +
      ` | ${(f.impactShare * 100).toFixed(2)}% of ${SHARE_OF[f.family]}${also}`,
  ].join("\n");
}

export function formatReport(report: InsightsReport): string {
  const head =
    `Insights for ${report.from} .. ${report.to}: ${int.format(report.sessions)} sessions, ` +
    `${int.format(report.segmentsTested)} segments x ${report.metricsTested.length} metrics tested ` +
    `(${int.format(report.hypothesesTested)} tests, baseline: main effects of ${report.baselineDimensions.join(" and ")}), ` +
    `${int.format(report.timingsMs.total ?? 0)} ms.`;
  if (report.sessions === 0)
    return `${head}\nNo sessions in this range and these filters: nothing to analyse.`;
  if (report.findings.length === 0)
    return `${head}\nThe data looks healthy: no segment is significantly worse than its device type and network explain.`;
  return [head, "", ...report.findings.map(formatFinding)].join("\n");
}
