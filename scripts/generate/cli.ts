/**
 * `npm run generate -- [options]`: writes the telemetry CSV and its manifest. Progress and the
 * final summary go to stderr; stdout stays empty (except --help). Exit codes: 0 ok, 2 bad
 * flags or fault file (message + usage), 1 anything else (e.g. disk errors).
 */
import { parseCliArgs, USAGE } from "./args";
import { UsageError } from "./errors";
import type { Fault } from "./faults";
import { loadFaultFile } from "./faults";
import { generateFile } from "./generate";
import { lastWholeDayUtc } from "./timeline";

function progressReporter(): (rows: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastDecile = 0;
  let lastDraw = 0;
  return (rows, total) => {
    const pct = total === 0 ? 100 : (rows / total) * 100;
    if (tty) {
      const now = Date.now();
      if (now - lastDraw < 200 && rows < total) return;
      lastDraw = now;
      process.stderr.write(
        `\rgenerate: ${rows.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows (${pct.toFixed(0)}%)`,
      );
      if (rows >= total) process.stderr.write("\n");
      return;
    }
    const decile = Math.floor(pct / 10);
    if (decile > lastDecile && total >= 100_000) {
      lastDecile = decile;
      process.stderr.write(`generate: ${rows} / ${total} rows (${decile * 10}%)\n`);
    }
  };
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  let faults: "default" | "none" | Fault[];
  try {
    parsed = parseCliArgs(process.argv.slice(2), () => lastWholeDayUtc());
    if (parsed.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const spec = parsed.options.faults;
    faults = spec === "default" || spec === "none" ? spec : await loadFaultFile(spec);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`generate: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  const { options } = parsed;
  if (options.end > lastWholeDayUtc()) {
    // Allowed (a test may want it), but the ETL refuses sessions later than the load time.
    process.stderr.write(
      `generate: warning: --end ${options.end} is after yesterday (UTC); sessions later than the time of ` +
        "loading will be rejected by the ETL as future_timestamp\n",
    );
  }
  const started = performance.now();
  const manifest = await generateFile({
    ...options,
    faults,
    faultsSource: options.faults,
    onProgress: progressReporter(),
  });
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(manifest.rows_written / Math.max(seconds, 1e-3));
  process.stderr.write(
    `generate: wrote ${manifest.rows_written} rows (${manifest.sessions} sessions, ${manifest.dirty.total} dirty) ` +
      `for ${manifest.date_range.start}..${manifest.date_range.end} to ${options.out} in ${seconds.toFixed(1)} s ` +
      `(${rate} rows/s); manifest ${options.manifest}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const err = error as NodeJS.ErrnoException;
    const message = err.message ?? String(error);
    const code = err.code && !message.startsWith(err.code) ? `${err.code} ` : "";
    process.stderr.write(`generate: failed: ${code}${message}\n`);
    process.exitCode = 1;
  },
);
