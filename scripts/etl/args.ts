import { DEFAULT_MIN_QUALITY } from "../../db/metrics";
import { DEFAULT_INPUT } from "./run";

/** Command-line flags of `npm run etl` (kept apart from cli.ts so tests can use them in-process). */

export const HELP = `Usage: npm run etl -- [options] [PATH ...]

Loads streaming telemetry CSV files (the seed's 20 columns, optionally followed by
video_start_failure,error_occurred) into the star schema. PATH may be a .csv or .csv.gz file or a
folder of them (default ${DEFAULT_INPUT}).

Options:
  --min-quality N   fail the run (exit 3, nothing loaded) when its data-quality score is below N
                    (0..100, default ${DEFAULT_MIN_QUALITY})
  --json            print the run summary as one JSON object on stdout (with npm, use
                    npm run -s etl -- --json: npm prints a banner on stdout otherwise)
  --quiet           no progress output
  -h, --help        show this help

Exit codes: 0 loaded or no-op (files already loaded), 1 failure, 2 input refused (missing column,
empty, unreadable or non-CSV file), 3 quality score below the minimum.
Environment: DATABASE_URL (otherwise the embedded PostgreSQL is started or reused).`;

export type Args = { paths: string[]; minQuality: number; json: boolean; quiet: boolean; help: boolean };

export function parseArgs(argv: string[]): Args {
  const args: Args = { paths: [], minQuality: DEFAULT_MIN_QUALITY, json: false, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") args.help = true;
    else if (a === "--json") args.json = true;
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--min-quality" || a.startsWith("--min-quality=")) {
      const raw = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      // Plain decimals only: Number() would also take " " as 0 and 0x5A as 90.
      const n = /^\d+(\.\d+)?$/.test(raw ?? "") ? Number(raw) : Number.NaN;
      if (raw === undefined || !Number.isFinite(n) || n < 0 || n > 100) {
        throw new Error(`--min-quality expects a number from 0 to 100, got ${raw ?? "nothing"}`);
      }
      args.minQuality = n;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a} (see --help)`);
    else args.paths.push(a);
  }
  return args;
}
