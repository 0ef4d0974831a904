import { type BaselineModel, expectedRate } from "./baseline";
import { DIMENSION_PAIRS, INSIGHT_DIMENSIONS, type InsightDimension, type Segment } from "./dimensions";
import { INSIGHT_METRIC_INFO, INSIGHT_METRICS, type InsightMetric } from "./metrics";
import { binaryResidualSq } from "./statistics";
import type { BaselineCell, SegmentStats } from "./types";

/**
 * A plain-TypeScript reference of the two database passes (db/queries/insights), one session at a time.
 * Used by tests: to run the engine on synthetic sessions without a database, and to check that
 * the database passes aggregate the same numbers.
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
      c.sxy += (INSIGHT_METRIC_INFO[m].exposure === "minutes" ? r.minutes : 1) * y;
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
  const metrics = INSIGHT_METRICS.filter((m) => models[m]);
  // Values as small integers per dimension, so a segment key is a number, not a string.
  const valueIds = INSIGHT_DIMENSIONS.map(() => new Map<string, number>());
  const values: string[][] = INSIGHT_DIMENSIONS.map(() => []);
  const idOf = (d: number, v: string) => {
    let id = valueIds[d]!.get(v);
    if (id === undefined) {
      id = values[d]!.length;
      valueIds[d]!.set(v, id);
      values[d]!.push(v);
    }
    return id;
  };
  const typeDims = types.map((t) => t.map((d) => INSIGHT_DIMENSIONS.indexOf(d)));
  const WIDTH = 1 << 16;
  const slots = new Map<number, number>();
  const owners: { type: number; a: number; b: number }[] = [];
  const stride = 2 + metrics.length * 3;
  let acc = new Float64Array(stride * 1024);
  const ids = new Int32Array(INSIGHT_DIMENSIONS.length);
  const expected = new Float64Array(metrics.length);
  const observed = new Float64Array(metrics.length);
  for (const r of rows) {
    const cell = Object.fromEntries(baseline.map((d) => [d, r.dims[d]]));
    metrics.forEach((m, k) => {
      const model = models[m]!;
      expected[k] =
        expectedRate(model, cell) * (INSIGHT_METRIC_INFO[m].exposure === "minutes" ? r.minutes : 1);
      observed[k] = r.values[m];
    });
    INSIGHT_DIMENSIONS.forEach((d, i) => {
      ids[i] = idOf(i, r.dims[d]);
    });
    for (let t = 0; t < typeDims.length; t++) {
      const [da, db] = typeDims[t]!;
      const a = ids[da!]!;
      const b = db === undefined ? 0 : ids[db]!;
      const key = (t * WIDTH + a) * WIDTH + b;
      let slot = slots.get(key);
      if (slot === undefined) {
        slot = owners.length;
        slots.set(key, slot);
        owners.push({ type: t, a, b });
        if ((slot + 1) * stride > acc.length) {
          const grown = new Float64Array(acc.length * 2);
          grown.set(acc);
          acc = grown;
        }
      }
      const o = slot * stride;
      acc[o] += 1;
      acc[o + 1] += r.stallMs;
      for (let k = 0; k < metrics.length; k++) {
        const y = observed[k]!;
        const e = expected[k]!;
        acc[o + 2 + 3 * k] += y;
        acc[o + 3 + 3 * k] += e;
        acc[o + 4 + 3 * k] += (y - e) * (y - e);
      }
    }
  }
  const out: SegmentStats[] = [];
  owners.forEach(({ type, a, b }, slot) => {
    const [da, db] = typeDims[type]!;
    const segment: Segment = { [INSIGHT_DIMENSIONS[da!]!]: values[da!]![a]! };
    if (db !== undefined) segment[INSIGHT_DIMENSIONS[db]!] = values[db]![b]!;
    const o = slot * stride;
    const sessions = acc[o]!;
    // Same support floor as the database pass: pairs with content only when large enough.
    if (db !== undefined && segment.content_id !== undefined && sessions < minSupport) return;
    const sums = emptyMetrics(() => ({ sy: 0, se: 0, sr2: 0 }));
    metrics.forEach((m, k) => {
      const sy = acc[o + 2 + 3 * k]!;
      const se = acc[o + 3 + 3 * k]!;
      // 0/1 metrics: the same stand-in for squared residuals as the database pass.
      const sr2 = INSIGHT_METRIC_INFO[m].binary ? binaryResidualSq(sy, se, sessions) : acc[o + 4 + 3 * k]!;
      sums[m] = { sy, se, sr2 };
    });
    out.push({ segment, sessions, stallMs: acc[o + 1]!, metrics: sums });
  });
  return out;
}
