/**
 * Fixed colours for ordered categories, so "poor" is the same red on every page and a resolution
 * keeps its colour between the trend and the breakdown. Chosen to stay readable on the light and
 * the dark background.
 */
export const TIER_COLORS: Record<string, string> = {
  excellent: "#16a34a",
  good: "#3b82f6",
  fair: "#f59e0b",
  poor: "#dc2626",
};

export const SEVERITY_COLORS: Record<string, string> = {
  none: "#16a34a",
  minor: "#facc15",
  moderate: "#f97316",
  severe: "#dc2626",
};

export const RESOLUTION_COLORS: Record<string, string> = {
  "4K": "#7c3aed",
  "1080p": "#2563eb",
  "720p": "#0891b2",
  "480p": "#94a3b8",
};

export const QUALITY_SCORE_COLORS: Record<string, string> = {
  "100": "#16a34a",
  "75": "#3b82f6",
  "50": "#f59e0b",
  "25": "#f97316",
  "10": "#dc2626",
};

export const PERCENTILE_COLORS: Record<string, string> = {
  p50: "#93c5fd",
  p75: "#60a5fa",
  p90: "#3b82f6",
  p95: "#1d4ed8",
  p99: "#1e3a8a",
};
