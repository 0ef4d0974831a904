import { type BaselineModel, expectedRate } from "./baseline";
import {
  DIMENSION_PAIRS,
  INSIGHT_DIMENSIONS,
  type InsightDimension,
  type Segment,
  segmentKey,
} from "./dimensions";
import { INSIGHT_METRIC_INFO, INSIGHT_METRICS, type InsightMetric } from "./metrics";
import { binaryResidualSq } from "./statistics";
import type { BaselineCell, SegmentStats } from "./types";

/**
 * A plain-TypeScript reference of the two SQL passes (db/queries/insights), one session at a time.
 * Used by tests: to run the engine on synthetic sessions without a database, and to check that
 * the SQL aggregates the same numbers.
 */

export type SessionRow = {
  dims: Record<InsightDimension, string>;
  minutes: number;
  stallMs: number;
  values: Record<InsightMetric, number>;
};

const emptyMetrics = <T>(make: () => T) =>
  Object.fromEntries(INSIGHT_METRICS.map((m) => [m, make()])) as Record<InsightMetric, T>;

export function cellsInMemory(
  rows: readonly SessionRow[],
  baseline: readonly InsightDimension[],
): BaselineCell[] {
  const cells = new Map<string, BaselineCell>();
  for (const r of rows) {
    const key = baseline.map((d) => r.dims[d]).join("|");
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        values: Object.fromEntries(baseline.map((d) => [d, r.dims[d]])),
        sessions: 0,
        minutes: 0,
        minutesSq: 0,
        stallMs: 0,
        metrics: emptyMetrics(() => ({ sy: 0, syy: 0, sxy: 0 })),
      };
      cells.set(key, cell);
    }
    cell.sessions += 1;
    cell.minutes += r.minutes;
    cell.minutesSq += r.minutes * r.minutes;
    cell.stallMs += r.stallMs;
    for (const m of INSIGHT_METRICS) {
      const y = r.values[m];
      const c = cell.metrics[m];
      c.sy += y;
      c.syy += y * y;
      c.sxy += r.minutes * y;
    }
  }
  return [...cells.values()];
}

export function segmentsInMemory(
  rows: readonly SessionRow[],
  models: Partial<Record<InsightMetric, BaselineModel>>,
  baseline: readonly InsightDimension[],
  minSupport: number,
): SegmentStats[] {
  const types: InsightDimension[][] = [
    ...INSIGHT_DIMENSIONS.map((d) => [d]),
    ...DIMENSION_PAIRS.map(([a, b]) => [a, b]),
  ];
  const segments = new Map<string, SegmentStats>();
  const metrics = INSIGHT_METRICS.filter((m) => models[m]);
  for (const r of rows) {
    const expected = emptyMetrics(() => 0);
    const values = Object.fromEntries(baseline.map((d) => [d, r.dims[d]]));
    for (const m of metrics) {
      const model = models[m]!;
      expected[m] =
        expectedRate(model, values) * (INSIGHT_METRIC_INFO[m].exposure === "minutes" ? r.minutes : 1);
    }
    for (const type of types) {
      const segment: Segment = Object.fromEntries(type.map((d) => [d, r.dims[d]]));
      const key = segmentKey(segment);
      let s = segments.get(key);
      if (!s) {
        s = { segment, sessions: 0, stallMs: 0, metrics: emptyMetrics(() => ({ sy: 0, se: 0, sr2: 0 })) };
        segments.set(key, s);
      }
      s.sessions += 1;
      s.stallMs += r.stallMs;
      for (const m of metrics) {
        const y = r.values[m];
        const sums = s.metrics[m];
        sums.sy += y;
        sums.se += expected[m];
        sums.sr2 += (y - expected[m]) * (y - expected[m]);
      }
    }
  }
  // 0/1 metrics: the same stand-in for squared residuals as the SQL path.
  for (const s of segments.values()) {
    for (const m of metrics) {
      if (!INSIGHT_METRIC_INFO[m].binary) continue;
      const sums = s.metrics[m];
      sums.sr2 = binaryResidualSq(sums.sy, sums.se, s.sessions);
    }
  }
  // Same support floor as the SQL: pairs with content only when large enough.
  return [...segments.values()].filter(
    (s) =>
      !(Object.keys(s.segment).length === 2 && s.segment.content_id !== undefined && s.sessions < minSupport),
  );
}
