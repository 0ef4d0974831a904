import { type BaselineModel, expectedRate } from "./baseline";
import type { InsightDimension } from "./dimensions";
import type { SegmentIndex } from "./overlap";
import type { BaselineCell } from "./types";

/**
 * How a segment's sessions spread over the baseline cells (device type x network), estimated from
 * the segment's overlap with each baseline value (exact for pairs, independence across the
 * baseline dimensions), and from it the sum of squared expected values, sum e_i^2, that the
 * residual spread needs (statistics.ts residualSpread). Costs no extra SQL aggregate.
 */
export function cellShares(
  index: SegmentIndex,
  baseline: readonly InsightDimension[],
  cells: readonly BaselineCell[],
): Float64Array {
  const stats = index.stats;
  const count = stats.length;
  const sessions = new Float64Array(count);
  for (let i = 0; i < count; i++) sessions[i] = stats[i]!.sessions;
  const total = index.totalSessions;
  // Share of each segment's sessions having each baseline value.
  const valueShare = new Map<string, Float64Array>();
  for (const d of baseline) {
    for (const v of new Set(cells.map((c) => c.values[d]!))) {
      const j = index.indexOf({ [d]: v });
      const share = new Float64Array(count);
      if (j >= 0) {
        for (let i = 0; i < count; i++) {
          share[i] = sessions[i]! > 0 ? index.overlapMass(i, j, sessions, total) / sessions[i]! : 0;
        }
      }
      valueShare.set(`${d}=${v}`, share);
    }
  }
  const width = cells.length;
  const out = new Float64Array(count * width);
  const columns = cells.map((c) => baseline.map((d) => valueShare.get(`${d}=${c.values[d]}`)!));
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let c = 0; c < width; c++) {
      let p = 1;
      for (const col of columns[c]!) p *= col[i]!;
      out[i * width + c] = p;
      sum += p;
    }
    if (sum > 0) for (let c = 0; c < width; c++) out[i * width + c]! /= sum;
  }
  return out;
}

/** sum over the segment's sessions of e_i^2 for one metric, from the cell shares. */
export function expectedSquares(
  index: SegmentIndex,
  cells: readonly BaselineCell[],
  shares: Float64Array,
  model: BaselineModel,
): Float64Array {
  const width = cells.length;
  // Mean e^2 per session in each cell: k^2, times the mean squared exposure for per-minute rates.
  const perSession = cells.map((c) => {
    const k = expectedRate(model, c.values);
    const x2 = model.exposure === "minutes" ? (c.sessions > 0 ? c.minutesSq / c.sessions : 0) : 1;
    return k * k * x2;
  });
  const stats = index.stats;
  const out = new Float64Array(stats.length);
  for (let i = 0; i < stats.length; i++) {
    let acc = 0;
    for (let c = 0; c < width; c++) acc += shares[i * width + c]! * perSession[c]!;
    out[i] = acc * stats[i]!.sessions;
  }
  return out;
}

/** Expected value per session in each cell under `model` (mean exposure for per-minute rates). */
export function cellExpectations(cells: readonly BaselineCell[], model: BaselineModel): Float64Array {
  return Float64Array.from(cells, (c) => {
    const x = model.exposure === "minutes" ? (c.sessions > 0 ? c.minutes / c.sessions : 0) : 1;
    return expectedRate(model, c.values) * x;
  });
}

/**
 * Segment i's expected mass (sum e_i) spread over the baseline cells, written into `out`: its
 * session shares weighted by each cell's expected value per session.
 */
export function massShareOf(
  i: number,
  shares: Float64Array,
  perSession: Float64Array,
  out: Float64Array,
): void {
  const width = perSession.length;
  let sum = 0;
  for (let c = 0; c < width; c++) {
    const m = shares[i * width + c]! * perSession[c]!;
    out[c] = m;
    sum += m;
  }
  if (sum > 0) for (let c = 0; c < width; c++) out[c]! /= sum;
}
