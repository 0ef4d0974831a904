/**
 * Command-line flags of `npm run generate`: parsing (node:util parseArgs, strict) and validation
 * (zod), with messages that name the flag. Fault files are loaded later by the CLI.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { formatIssues, UsageError } from "./errors";
import { DEFAULTS, defaultManifestPath, LIMITS } from "./options";
import { isValidIsoDate } from "./timeline";

export const USAGE = `Usage: npm run generate -- [options]

Generates synthetic streaming-QoE telemetry (the seed's 20 CSV columns plus
video_start_failure, error_occurred) and a ground-truth manifest JSON.

Options:
  --sessions N        sessions to generate (default ${DEFAULTS.sessions}; ${LIMITS.sessions[0]}..${LIMITS.sessions[1]})
  --days D            days covered (default ${DEFAULTS.days}; ${LIMITS.days[0]}..${LIMITS.days[1]})
  --end YYYY-MM-DD    last day covered, inclusive, UTC (default: yesterday, the last whole day)
  --seed S            random seed, integer ${LIMITS.seed[0]}..${LIMITS.seed[1]} (default ${DEFAULTS.seed});
                      same flags + seed = byte-identical file
  --out PATH          output CSV (default ${DEFAULTS.out}); a .gz suffix gzips it
  --manifest PATH     manifest JSON (default: <out without .csv/.csv.gz>.manifest.json)
  --dirty F           fraction of dirty rows to mix in, ${LIMITS.dirty[0]}..${LIMITS.dirty[1]} (default ${DEFAULTS.dirty})
  --faults SPEC       default = the seed's three bugs (the default), none = a healthy
                      service, or PATH to a JSON array of faults
  --help              show this help
`;

export interface CliOptions {
  sessions: number;
  days: number;
  end: string;
  seed: number;
  dirty: number;
  faults: string;
  out: string;
  manifest: string;
}

const wholeNumber = ([lo, hi]: readonly [number, number], fallback: number) => {
  const message = `must be a whole number between ${lo} and ${hi}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(lo, { error: message }).max(hi, { error: message }))
    .optional()
    .transform((v) => v ?? fallback);
};

const dirtyMessage = `must be a fraction between ${LIMITS.dirty[0]} and ${LIMITS.dirty[1]}, e.g. 0.05`;

const flagsSchema = z.object({
  sessions: wholeNumber(LIMITS.sessions, DEFAULTS.sessions),
  days: wholeNumber(LIMITS.days, DEFAULTS.days),
  seed: wholeNumber(LIMITS.seed, DEFAULTS.seed),
  end: z
    .string()
    .trim()
    .refine(isValidIsoDate, { error: "must be a real date written YYYY-MM-DD" })
    .optional(),
  dirty: z
    .string()
    .trim()
    .regex(/^\d*\.?\d+$/, { error: dirtyMessage })
    .transform(Number)
    .pipe(
      z.number().min(LIMITS.dirty[0], { error: dirtyMessage }).max(LIMITS.dirty[1], { error: dirtyMessage }),
    )
    .optional()
    .transform((v) => v ?? DEFAULTS.dirty),
  faults: z
    .string()
    .trim()
    .min(1, { error: "needs default, none or a path to a JSON file" })
    .optional()
    .transform((v) => v ?? DEFAULTS.faults),
  out: z
    .string()
    .trim()
    .min(1, { error: "needs a path" })
    .optional()
    .transform((v) => v ?? DEFAULTS.out),
  manifest: z.string().trim().min(1, { error: "needs a path" }).optional(),
});

export type ParsedCli = { help: true } | { help: false; options: CliOptions };

/**
 * Parses argv (without node and script). `defaultEnd` supplies the default --end (the only use of the
 * wall clock). Throws UsageError for unknown flags, missing values or invalid values.
 */
export function parseCliArgs(argv: readonly string[], defaultEnd: () => string): ParsedCli {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        sessions: { type: "string" },
        days: { type: "string" },
        end: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        manifest: { type: "string" },
        dirty: { type: "string" },
        faults: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };

  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(formatIssues(parsed.error, (path) => `--${path}`));
  const flags = parsed.data;
  return {
    help: false,
    options: {
      ...flags,
      end: flags.end ?? defaultEnd(),
      manifest: flags.manifest ?? defaultManifestPath(flags.out),
    },
  };
}
