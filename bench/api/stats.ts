/** Latency statistics in milliseconds (nearest-rank percentiles, as load testers report them). */
export type LatencyStats = { n: number; p50: number; p95: number; max: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function latencyStats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function geometricMean(values: number[]): number {
  const usable = values.filter((v) => v > 0 && Number.isFinite(v));
  if (usable.length === 0) return Number.NaN;
  return Math.exp(usable.reduce((s, v) => s + Math.log(v), 0) / usable.length);
}
