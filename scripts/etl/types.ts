export type RunStatus = "running" | "succeeded" | "no_op" | "refused" | "failed" | "quality_failed";

export type QualityCheck = {
  check: string;
  passed: boolean;
  value: number;
  detail: string;
};

export type FileSummary = {
  path: string;
  bytes: number;
  sha256: string | null;
  rows_read: number;
  /** "loaded", or "already_loaded" when its content hash was loaded before (a no-op). */
  outcome: "loaded" | "already_loaded" | "refused" | "pending";
  already_loaded_by_run?: number;
  warnings: string[];
};

/** The closing summary of a run; `npm run etl -- --json` prints exactly this object. */
export type EtlSummary = {
  run_id: number | null;
  status: RunStatus;
  message: string | null;
  files: FileSummary[];
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rejected_by_reason: Record<string, number>;
  duplicates: number;
  /** Of the duplicates, rows whose session was loaded by an earlier run (not counted against quality). */
  duplicates_already_loaded: number;
  /** Other rejected rows an earlier loaded run refused for the same reason (not counted against quality). */
  rejected_before: number;
  fixed_rows: number;
  fixed_by_rule: Record<string, number>;
  warnings: Record<string, number>;
  quality_score: number | null;
  min_quality: number;
  quality_checks: QualityCheck[];
  dates_touched: number[];
  stage_ms: Record<string, number>;
  duration_ms: number;
  rows_per_sec: number;
};

export const EXIT_CODES = { ok: 0, failed: 1, refused: 2, qualityFailed: 3, interrupted: 130 } as const;

export function exitCodeFor(status: RunStatus): number {
  switch (status) {
    case "succeeded":
    case "no_op":
      return EXIT_CODES.ok;
    case "refused":
      return EXIT_CODES.refused;
    case "quality_failed":
      return EXIT_CODES.qualityFailed;
    default:
      return EXIT_CODES.failed;
  }
}
