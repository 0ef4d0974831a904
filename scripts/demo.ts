import { databaseUrl, migrate, redact, releaseDatabase } from "./serve/database";
import { buildNext, buildReason, startNext, stopChild, waitForExit } from "./serve/next-process";
import { assertPortFree } from "./serve/ports";
import { elapsedSince, messageOf, step } from "./serve/steps";
import { DEMO_CSV, DEMO_SESSIONS, ensureTelemetryFile, loadTelemetry } from "./serve/warehouse";

/**
 * `npm run demo`: everything from a fresh clone to a running dashboard.
 *   1. database   DATABASE_URL, or the embedded PostgreSQL (started here, or reused if running)
 *   2. data       data/streaming_telemetry.csv, generated (100,000 sessions ending yesterday) if absent
 *   3. migrate    apply drizzle/ migrations
 *   4. ETL        load the file (a rerun of an already loaded file is a no-op)
 *   5. build      `next build` when there is no production build or a source file is newer
 *                 (`--rebuild` forces it)
 *   6. serve      `next start` on http://localhost:3000 (PORT overrides) until Ctrl-C, which stops
 *                 the dashboard and the embedded server if this command started it.
 */

async function main() {
  const started = Date.now();
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--rebuild");
  if (unknown.length) throw new Error(`unknown option ${unknown[0]} (only --rebuild is accepted)`);
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  await assertPortFree(port);

  const url = await step("1/6 Database", async () => {
    const resolved = await databaseUrl();
    console.log(
      `    ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL"}: ${redact(resolved)}`,
    );
    return resolved;
  });
  await step(`2/6 Telemetry file ${DEMO_CSV}`, () => ensureTelemetryFile(DEMO_CSV, DEMO_SESSIONS));
  await step("3/6 Migrations", () => migrate(url));
  await step("4/6 ETL", () => loadTelemetry(DEMO_CSV, url));
  await step("5/6 Production build", async () => {
    const reason = args.includes("--rebuild") ? "--rebuild" : buildReason();
    if (!reason) {
      console.log("    .next is up to date (use --rebuild to force a build)");
      return;
    }
    console.log(`    building (${reason}); this takes a minute or two`);
    await buildNext(url);
  });
  const server = await step(`6/6 Dashboard on port ${port}`, () => startNext(url, port));
  console.log(`\nReady in ${elapsedSince(started)}: open ${server.url}  (Ctrl-C stops it)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the dashboard…");
    await stopChild(server.child);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await waitForExit(server.child);
  if (!stopping) throw new Error(`the dashboard exited unexpectedly (code ${code})`);
}

main()
  .catch((error) => {
    console.error(`\nDemo stopped: ${messageOf(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await releaseDatabase().catch(() => {});
  });
