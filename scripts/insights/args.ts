import { parseArgs } from "node:util";
import { z } from "zod";
import { describeZodError, type FilterKey, type Filters, filtersSchema } from "../../lib/filters";
import { BASELINE_DIMENSION_CHOICES } from "../../lib/insights/baseline";
import type { InsightDimension } from "../../lib/insights/dimensions";
import { DEFAULT_ENGINE_OPTIONS } from "../../lib/insights/engine";
import { INSIGHT_METRICS, type InsightMetric, isInsightMetric } from "../../lib/insights/metrics";

export const USAGE = `Usage: npm run insights -- [options]

Finds why quality drops: segments of one or two dimensions (device type, OS, OS version, app
version, content, country, ISP, CDN PoP, network) whose startup time, rebuffering, bitrate or
start-failure rate is significantly worse than the main effects of device type and network
explain, ranked by impact. Prints the data looks healthy when nothing passes.

Options:
  --from YYYY-MM-DD     first day (default: the dashboard's window, last 30 loaded days)
  --to YYYY-MM-DD       last day (default: the last loaded day)
  --limit N             findings to print (default 10, 1..100)
  --json                print a JSON array of findings ordered by rank ([] when healthy)
  --metric LIST         only these metrics (comma-separated): ${INSIGHT_METRICS.join(", ")}
  --device LIST         dashboard filters, comma-separated, as in the dashboard URL:
  --os LIST               --device smart_tv,web  --os iOS  --os-version "iOS 15.3"
  --os-version LIST       --app v9.14.1  --country BR  --isp vodafone  --pop BR-2
  --app LIST              --network cellular_4g  --content content_42
  --country LIST
  --isp LIST
  --pop LIST
  --network LIST
  --content LIST
  --min-support N       smallest segment that may be reported, in sessions (default 10)
  --alpha A             family-wise error rate, Bonferroni-corrected (default 0.01)
  --min-impact-share F  smallest share of the metric's total harm a finding must carry
                        (default ${DEFAULT_ENGINE_OPTIONS.minImpactShare}; 0 reports every significant excess)
  --baseline LIST       dimensions whose main effects are expected, not faults
                        (default device_type,network_type; choices ${BASELINE_DIMENSION_CHOICES.join(", ")})
  -h, --help            show this help

Exit codes: 0 done (findings or healthy), 1 failure, 2 bad arguments.
Environment: DATABASE_URL (otherwise the embedded PostgreSQL is started or reused).`;

export type CliArgs = {
  help: boolean;
  json: boolean;
  limit: number;
  filters: Filters;
  metrics: InsightMetric[];
  minSupport: number;
  alpha: number;
  minImpactShare: number;
  baseline: InsightDimension[];
};

const FILTER_FLAGS: Record<string, FilterKey> = {
  device: "device",
  os: "os",
  "os-version": "osVersion",
  app: "app",
  country: "country",
  isp: "isp",
  pop: "pop",
  network: "network",
  content: "content",
};

const list = (s: string) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

const numberFlag = (name: string, lo: number, hi: number, integer: boolean) =>
  z
    .string()
    .trim()
    .refine((s) => s !== "" && Number.isFinite(Number(s)) && (!integer || Number.isInteger(Number(s))), {
      message: `--${name} must be ${integer ? "a whole number" : "a number"}`,
    })
    .transform(Number)
    .pipe(z.number().min(lo, `--${name} must be at least ${lo}`).max(hi, `--${name} must be at most ${hi}`));

/** Parses and validates argv; throws an Error whose message names the bad flag. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        json: { type: "boolean" },
        from: { type: "string" },
        to: { type: "string" },
        limit: { type: "string" },
        metric: { type: "string" },
        "min-support": { type: "string" },
        alpha: { type: "string" },
        "min-impact-share": { type: "string" },
        baseline: { type: "string" },
        ...Object.fromEntries(Object.keys(FILTER_FLAGS).map((f) => [f, { type: "string" as const }])),
      },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const text = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);

  const raw: Record<string, string> = {};
  if (text("from")) raw.from = text("from")!;
  if (text("to")) raw.to = text("to")!;
  for (const [flag, key] of Object.entries(FILTER_FLAGS)) if (text(flag)) raw[key] = text(flag)!;
  const filters = filtersSchema.safeParse(raw);
  if (!filters.success) {
    // Name flags as typed on the command line ("--os-version"), not as URL keys ("osVersion.0").
    const flagOf = (key: string) => Object.entries(FILTER_FLAGS).find(([, k]) => k === key)?.[0] ?? key;
    const message = describeZodError(filters.error).replace(
      /"(\w+)(?:\.\d+)?"/g,
      (_, key: string) => `--${flagOf(key)}`,
    );
    throw new Error(message);
  }

  const check = <T>(schema: z.ZodType<T>, value: string | undefined, fallback: T): T => {
    if (value === undefined) return fallback;
    const r = schema.safeParse(value);
    if (!r.success) throw new Error(r.error.issues.map((i) => i.message).join("; "));
    return r.data;
  };

  const metrics = text("metric") ? list(text("metric")!) : [...INSIGHT_METRICS];
  for (const m of metrics) {
    if (!isInsightMetric(m))
      throw new Error(`--metric: unknown metric "${m}" (choices: ${INSIGHT_METRICS.join(", ")})`);
  }
  const baseline = text("baseline") ? list(text("baseline")!) : ["device_type", "network_type"];
  for (const d of baseline) {
    if (!(BASELINE_DIMENSION_CHOICES as readonly string[]).includes(d))
      throw new Error(`--baseline: "${d}" is not one of ${BASELINE_DIMENSION_CHOICES.join(", ")}`);
  }

  return {
    help: v.help === true,
    json: v.json === true,
    limit: check(numberFlag("limit", 1, 100, true), text("limit"), 10),
    filters: filters.data,
    metrics: metrics as InsightMetric[],
    minSupport: check(numberFlag("min-support", 2, 1_000_000, true), text("min-support"), 10),
    alpha: check(numberFlag("alpha", 1e-12, 0.5, false), text("alpha"), 0.01),
    minImpactShare: check(
      numberFlag("min-impact-share", 0, 1, false),
      text("min-impact-share"),
      DEFAULT_ENGINE_OPTIONS.minImpactShare,
    ),
    baseline: baseline as InsightDimension[],
  };
}
