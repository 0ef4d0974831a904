import { COUNTRY_CODES, COUNTRY_INFO, type CountryCode } from "@/db/constants";
import type { Segment } from "./dimensions";
import type { InsightMetric } from "./metrics";

/**
 * One readable sentence per finding, e.g. "Smart TV sessions of content_42 stall 3.1× more than
 * expected (19.2 vs 6.4 stalls per session), costing 2.4 h of stall time over 45 sessions."
 */

const DEVICE_LABELS: Record<string, string> = {
  smart_tv: "Smart TV",
  mobile: "mobile",
  web: "web",
  tablet: "tablet",
};
const NETWORK_LABELS: Record<string, string> = {
  wifi: "Wi-Fi",
  cellular_5g: "5G",
  cellular_4g: "4G",
  ethernet: "ethernet",
};

export function countryName(code: string): string {
  return (COUNTRY_CODES as readonly string[]).includes(code) ? COUNTRY_INFO[code as CountryCode].name : code;
}

/** "Smart TV sessions of content_42", "vodafone sessions in Brazil", "Mobile iOS 15.3 sessions". */
export function describeSegment(segment: Segment): string {
  const head: string[] = [];
  if (segment.device_type) head.push(DEVICE_LABELS[segment.device_type] ?? segment.device_type);
  if (segment.os_version) head.push(segment.os_version);
  else if (segment.os_name) head.push(segment.os_name);
  if (segment.network_type) head.push(NETWORK_LABELS[segment.network_type] ?? segment.network_type);
  if (segment.isp) head.push(segment.isp);
  head.push("sessions");
  const tail: string[] = [];
  if (segment.content_id) tail.push(`of ${segment.content_id}`);
  if (segment.app_version) tail.push(`on app ${segment.app_version}`);
  if (segment.cdn_pop) tail.push(`served by CDN PoP ${segment.cdn_pop}`);
  if (segment.country_code && !segment.cdn_pop) tail.push(`in ${countryName(segment.country_code)}`);
  const text = [...head, ...tail].join(" ");
  // "vodafone sessions" -> "Vodafone sessions", but "iOS 15.3 sessions" keeps its own casing.
  return /^[a-z][a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const fixed = (digits: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds as "4.1 h", "35 min" or "12 s". */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s >= 3600) return `${fixed(1).format(s / 3600)} h`;
  if (s >= 60) return `${int.format(s / 60)} min`;
  return `${fixed(s < 10 ? 1 : 0).format(s)} s`;
}

/** A per-session value in the metric's unit, e.g. "2,460 ms", "2.4 stalls", "3.1 Mbps", "1.9%". */
export function formatMetricValue(metric: InsightMetric, value: number): string {
  switch (metric) {
    case "startup_time_ms":
      return `${int.format(value)} ms`;
    case "rebuffer_count":
      return `${fixed(value < 10 ? 2 : 1).format(value)}`;
    case "rebuffer_ratio":
      return `${fixed(2).format(value)}%`;
    case "bitrate_kbps":
      return `${fixed(2).format(value / 1000)} Mbps`;
    case "video_start_failure_rate":
      return `${fixed(2).format(value * 100)}%`;
  }
}

/** A value with its unit everywhere it stands alone (cards, tables): "2.4 stalls", "2,460 ms". */
export function metricValueLabel(metric: InsightMetric, value: number): string {
  const text = formatMetricValue(metric, value);
  return metric === "rebuffer_count" ? `${text} stalls` : text;
}

/** A p-value for people: "< 1e-300" when it underflows, "2.1e-6", "0.0042". */
export function formatP(p: number): string {
  if (p === 0) return "< 1e-300";
  if (p < 1e-3) return p.toExponential(1);
  return p.toPrecision(2);
}

function howMuch(ratio: number, more: string, less: string): string {
  if (ratio >= 1.5) return `${fixed(1).format(ratio)}× ${more}`;
  if (ratio >= 1) return `${int.format((ratio - 1) * 100)}% ${more}`;
  return `${int.format((1 - ratio) * 100)}% ${less}`;
}

export type SummaryInput = {
  metric: InsightMetric;
  segment: Segment;
  sessions: number;
  value: number;
  expected: number;
  impact: number;
};

export function summarize(f: SummaryInput): string {
  const who = describeSegment(f.segment);
  const ratio = f.expected > 0 ? f.value / f.expected : Number.POSITIVE_INFINITY;
  const vs = `${formatMetricValue(f.metric, f.value)} vs ${formatMetricValue(f.metric, f.expected)}`;
  const over = `over ${int.format(f.sessions)} sessions`;
  switch (f.metric) {
    case "startup_time_ms":
      return `${who} start ${howMuch(ratio, "slower", "faster")} than expected (${vs}), costing ${formatDuration(f.impact)} of extra waiting ${over}.`;
    case "rebuffer_count":
      return `${who} stall ${howMuch(ratio, "more", "less")} than expected (${vs} stalls per session), costing ${formatDuration(f.impact)} of stall time ${over}.`;
    case "rebuffer_ratio":
      return `${who} spend ${howMuch(ratio, "more", "less")} of their time stalled than expected (${vs} of viewing time), costing ${formatDuration(f.impact)} of stall time ${over}.`;
    case "bitrate_kbps":
      return `${who} get ${howMuch(ratio, "more", "less")} bitrate than expected (${vs}), losing ${fixed(2).format(f.impact / Math.max(f.sessions, 1) / 1000)} Mbps per session ${over}.`;
    case "video_start_failure_rate":
      return `${who} fail to start ${howMuch(ratio, "more often", "less often")} than expected (${vs} of starts), ${int.format(f.impact)} extra failed starts ${over}.`;
  }
}
