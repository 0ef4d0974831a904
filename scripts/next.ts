import { databaseUrl, migrate, redact, releaseDatabase } from "./serve/database";
import { hasProductionBuild, spawnNext, stopChild, waitForExit } from "./serve/next-process";
import { messageOf } from "./serve/steps";

/**
 * `npm run dev` / `npm start`: resolve the database first (DATABASE_URL, or start/reuse the
 * embedded server in this process so it is stopped cleanly with Ctrl-C), apply migrations, then run
 * `next dev` / `next start` with DATABASE_URL set. Extra arguments go to Next (e.g. `-- --port 4000`).
 */

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode !== "dev" && mode !== "start")
    throw new Error("usage: tsx scripts/next.ts dev|start [next options]");
  if (mode === "start" && !hasProductionBuild()) {
    throw new Error("No production build in .next: run `npm run build` first (or `npm run demo`).");
  }
  const url = await databaseUrl();
  await migrate(url);
  console.log(`Database: ${redact(url)}`);
  const child = spawnNext([mode, ...args], url);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopChild(child);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await waitForExit(child);
  process.exitCode = stopping ? 0 : code;
}

main()
  .catch((error) => {
    console.error(messageOf(error));
    process.exitCode = 1;
  })
  .finally(() => releaseDatabase());
