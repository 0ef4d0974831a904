import { closeDatabase, getSql } from "../../db/client";
import { type Args, HELP, parseArgs } from "./args";
import { createProgress, silentProgress } from "./progress";
import { formatSummary } from "./report";
import { runEtl } from "./run";
import { EXIT_CODES, exitCodeFor } from "./types";

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`etl: ${(err as Error).message}\n`);
    return EXIT_CODES.refused;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CODES.ok;
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_CODES.interrupted); // the server rolls back on disconnect
    process.stderr.write("\netl: interrupted, rolling back (press again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const sql = await getSql();
    const summary = await runEtl(sql, {
      paths: args.paths,
      minQuality: args.minQuality,
      progress: args.quiet ? silentProgress : createProgress(),
      signal: controller.signal,
    });
    if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`${formatSummary(summary)}\n`);
    const code = controller.signal.aborted ? EXIT_CODES.interrupted : exitCodeFor(summary.status);
    // Why a run did not load also goes to stderr, where scripts and schedulers look for errors.
    if (code !== EXIT_CODES.ok) process.stderr.write(`etl: ${summary.status}: ${summary.message}\n`);
    return code;
  } catch (err) {
    process.stderr.write(`etl: ${(err as Error).message}\n`);
    return EXIT_CODES.failed;
  } finally {
    await closeDatabase();
  }
}

main().then((code) => {
  process.exitCode = code;
});
