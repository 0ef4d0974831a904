import { closeDatabase } from "../../db/client";
import { getInsights } from "../../db/queries/insights/getInsights";
import { resolveFilters } from "../../lib/api/resolveFilters";
import { type CliArgs, parseCliArgs, USAGE } from "./args";
import { formatReport } from "./format";

/** `npm run insights`: root-cause findings for a date range and dashboard filters. */
async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`insights: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const filters = await resolveFilters(args.filters);
    const report = await getInsights(filters, {
      limit: args.limit,
      metrics: args.metrics,
      minSupport: args.minSupport,
      alpha: args.alpha,
      minImpactShare: args.minImpactShare,
      baseline: args.baseline,
    });
    if (args.json) process.stdout.write(`${JSON.stringify(report.findings, null, 2)}\n`);
    else process.stdout.write(`${formatReport(report)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`insights: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await closeDatabase();
  }
}

main().then((code) => {
  process.exitCode = code;
});
