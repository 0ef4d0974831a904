/**
 * Generator options shared by the CLI and the library API: defaults, limits and validation.
 */
import { z } from "zod";
import { formatIssues, UsageError } from "./errors";
import { DEFAULT_FAULTS, type Fault, parseFaults } from "./faults";
import { isValidIsoDate, lastWholeDayUtc } from "./timeline";

export const LIMITS = {
  sessions: [1, 50_000_000],
  days: [1, 3660],
  seed: [0, 4_294_967_295],
  dirty: [0, 0.5],
} as const;

export const DEFAULTS = {
  sessions: 100_000,
  days: 30,
  seed: 42,
  dirty: 0,
  out: "data/streaming_telemetry.csv",
  faults: "default",
} as const;

/** What a library caller may pass; everything is optional. */
export interface GenerateInput {
  sessions?: number;
  days?: number;
  /** Last day covered, YYYY-MM-DD (UTC). Defaults to yesterday (UTC): pass it for reproducible output. */
  end?: string;
  seed?: number;
  dirty?: number;
  /** "default" (the seed's three bugs), "none", or a list of faults. */
  faults?: "default" | "none" | readonly Fault[];
  /** Recorded in the manifest as flags.faults when faults were loaded from a file. */
  faultsSource?: string;
  out?: string;
  manifest?: string;
  /** Called as chunks are written: rows written so far (header excluded) and the total to write. */
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export interface GenerateOptions {
  sessions: number;
  days: number;
  end: string;
  seed: number;
  dirty: number;
  faults: readonly Fault[];
  faultsSource: string;
  out: string | null;
  manifest: string | null;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

const between = ([lo, hi]: readonly [number, number], integer: boolean) => {
  const message = `must be a ${integer ? "whole number" : "number"} between ${lo} and ${hi}`;
  const base = z.number({ error: message });
  return (integer ? base.int({ error: message }) : base)
    .min(lo, { error: message })
    .max(hi, { error: message });
};

const numericSchema = z.object({
  sessions: between(LIMITS.sessions, true),
  days: between(LIMITS.days, true),
  seed: between(LIMITS.seed, true),
  dirty: between(LIMITS.dirty, false),
  end: z.string().refine(isValidIsoDate, { error: "must be a real date written YYYY-MM-DD" }),
});

/** `<out without .csv/.csv.gz/.gz>.manifest.json` */
export function defaultManifestPath(out: string): string {
  return `${out.replace(/(\.csv)?(\.gz)?$/i, "")}.manifest.json`;
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** Fills defaults and validates; throws UsageError naming the bad option. */
export function resolveOptions(input: GenerateInput = {}): GenerateOptions {
  const parsed = numericSchema.safeParse({
    sessions: input.sessions ?? DEFAULTS.sessions,
    days: input.days ?? DEFAULTS.days,
    seed: input.seed ?? DEFAULTS.seed,
    dirty: input.dirty ?? DEFAULTS.dirty,
    end: input.end ?? lastWholeDayUtc(),
  });
  if (!parsed.success) throw new UsageError(formatIssues(parsed.error, (path) => path || "options"));

  const faultsInput = input.faults ?? DEFAULTS.faults;
  let faults: readonly Fault[];
  let faultsSource: string;
  if (faultsInput === "default") {
    faults = DEFAULT_FAULTS;
    faultsSource = "default";
  } else if (faultsInput === "none") {
    faults = [];
    faultsSource = "none";
  } else {
    faults = parseFaults(faultsInput, "faults");
    faultsSource = input.faultsSource ?? "inline";
  }

  const out = input.out ?? null;
  return {
    ...parsed.data,
    faults,
    faultsSource,
    out,
    manifest: input.manifest ?? (out ? defaultManifestPath(out) : null),
    onProgress: input.onProgress,
  };
}
