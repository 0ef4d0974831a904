import { INSIGHT_DIMENSIONS, type Segment, segmentKey } from "./dimensions";
import { INSIGHT_METRIC_INFO, type MetricFamily } from "./metrics";
import type { Finding } from "./types";

/**
 * Matching the generator's injected faults (its manifest) to findings, for tests and the benchmark.
 *
 * Rule: a manifest segment names parsed user-agent fields separately (os_name "iOS", os_version
 * "15.3"); findings name OS versions as the dashboard does ("iOS 15.3"). So
 *   { os_name: X, os_version: V, ...rest }  ≡  { os_version: "X V", ...rest }
 * (the OS name is implied by the version and dropped); every other dimension is kept as is. A
 * fault on os_version without os_name is ambiguous ("10" is Android 10 and Windows 10) and maps
 * to nothing. A fault is found when a finding has exactly that segment and a metric of the
 * fault's family (rebuffer count, duration or both -> rebuffer ratio or rebuffer count).
 */

export type ManifestFault = {
  name: string;
  segment: Record<string, string | undefined>;
  metric: string;
};

export function findingSegmentOf(manifestSegment: ManifestFault["segment"]): Segment | null {
  const out: Segment = {};
  for (const [d, v] of Object.entries(manifestSegment)) {
    if (v === undefined) continue;
    if (!(INSIGHT_DIMENSIONS as readonly string[]).includes(d)) return null;
    out[d as keyof Segment] = v;
  }
  if (out.os_version !== undefined) {
    if (out.os_name === undefined) return null;
    out.os_version = `${out.os_name} ${out.os_version}`;
    delete out.os_name;
  }
  return out;
}

const FAULT_FAMILY: Record<string, MetricFamily> = {
  startup_time_ms: "startup",
  rebuffer_count: "rebuffering",
  rebuffer_duration_ms: "rebuffering",
  rebuffering: "rebuffering",
  bitrate_kbps: "bitrate",
  video_start_failure: "failure",
};

/**
 * Rank (1-based) of the finding that matches the fault, or null when none does. `sameSessions`
 * lists segments that hold exactly the fault segment's sessions in the data (a fault on "web x
 * v10.22.0" is the segment "v10.22.0" when that version only ships on web): the engine reports
 * the simpler of such equal segments, so they match too.
 */
export function rankOfFault(
  fault: ManifestFault,
  findings: readonly Finding[],
  sameSessions: readonly Segment[] = [],
): number | null {
  const segment = findingSegmentOf(fault.segment);
  const family = FAULT_FAMILY[fault.metric];
  if (!segment || !family) return null;
  const keys = new Set([segment, ...sameSessions].map(segmentKey));
  const hit = findings.find(
    (f) =>
      keys.has(segmentKey(f.segment)) &&
      [f.metric, ...f.alsoAffects].some((m) => INSIGHT_METRIC_INFO[m].family === family),
  );
  return hit ? hit.rank : null;
}

/** Findings that match none of the faults (false findings, when the faults are the whole truth). */
export function unmatchedFindings(
  faults: readonly ManifestFault[],
  findings: readonly Finding[],
  sameSessions: (fault: ManifestFault) => readonly Segment[] = () => [],
): Finding[] {
  const matched = new Set(
    faults.map((f) => rankOfFault(f, findings, sameSessions(f))).filter((r) => r !== null),
  );
  return findings.filter((f) => !matched.has(f.rank));
}
