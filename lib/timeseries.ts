import { shiftDate } from "./filters";

/**
 * Every time series the API returns has this one long shape: one row per bucket (an ISO date or
 * an hour) and series, so every trend chart consumes the same rows.
 */
export type TimeSeriesRow = { t: string; series: string; value: number | null; sessions: number };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A daily series' points with a null after each day that is followed by a missing day, so the
 * line breaks there instead of bridging days without data.
 */
export function breakAtMissingDays<T extends { t: string; value: number | null }>(points: T[]): T[] {
  const out: T[] = [];
  points.forEach((p, i) => {
    out.push(p);
    const next = points[i + 1];
    if (next && ISO_DATE.test(p.t) && next.t > shiftDate(p.t, 1))
      out.push({ ...p, t: shiftDate(p.t, 1), value: null });
  });
  return out;
}
