import type { Column } from "@/components/DataTable";
import type { QualityProfile } from "@/db/queries/devices/qualityProfile";
import { METRICS, type MetricKey } from "@/lib/metricCatalog";

/**
 * The quality columns of every device / OS / app / country / ISP / PoP table, labelled from the
 * metric catalogue so a table header means what the page's glossary says.
 */
const QUALITY_KEYS = [
  "sessions",
  "avgQoe",
  "medianStartupMs",
  "p95StartupMs",
  "stalledSessionsPct",
  "stallsPerMinute",
  "rebufferRatio",
  "avgBitrateKbps",
  "failureRatePct",
] as const satisfies readonly (keyof QualityProfile & MetricKey)[];

const SHORT_LABELS: Partial<Record<(typeof QUALITY_KEYS)[number], string>> = {
  medianStartupMs: "p50 startup",
  stalledSessionsPct: "Sessions w/ stalls",
  failureRatePct: "Start failures",
};

export function qualityColumns<Row extends QualityProfile & Record<string, unknown>>(): Column<Row>[] {
  return QUALITY_KEYS.map((key) => ({
    key: key as keyof Row & string,
    label: SHORT_LABELS[key] ?? METRICS[key].label,
    unit: METRICS[key].unit,
  }));
}

/** Metrics a breakdown chart can show, with the catalogue's direction (for colours and sorting). */
export const CHART_METRICS = [
  "avgQoe",
  "medianStartupMs",
  "p95StartupMs",
  "stalledSessionsPct",
  "rebufferRatio",
  "avgBitrateKbps",
  "failureRatePct",
] as const satisfies readonly (keyof QualityProfile & MetricKey)[];
export type ChartMetric = (typeof CHART_METRICS)[number];
