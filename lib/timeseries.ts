/**
 * Every time series the API returns has this one long shape: one row per bucket (an ISO date or
 * an hour) and series, so every trend chart consumes the same rows.
 */
export type TimeSeriesRow = { t: string; series: string; value: number | null; sessions: number };
