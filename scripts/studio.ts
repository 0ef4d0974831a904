import { spawn } from "node:child_process";
import path from "node:path";
import { databaseUrl, redact, releaseDatabase } from "./serve/database";
import { stopChild, waitForExit } from "./serve/next-process";
import { messageOf } from "./serve/steps";

/**
 * `npm run db:studio`: Drizzle Studio on the project's database. drizzle.config.ts reads
 * DATABASE_URL, so the URL is resolved here first (starting the embedded server when needed).
 * Extra arguments go to drizzle-kit, e.g. `npm run db:studio -- --port 5000`.
 */

async function main() {
  const url = await databaseUrl();
  console.log(`Drizzle Studio on ${redact(url)} (Ctrl-C stops it)`);
  const bin = path.join(process.cwd(), "node_modules", "drizzle-kit", "bin.cjs");
  const child = spawn(process.execPath, [bin, "studio", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url },
  });
  const stop = () => void stopChild(child);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await waitForExit(child);
  if (code !== 0 && child.signalCode === null) process.exitCode = code;
}

main()
  .catch((error) => {
    console.error(`Could not start Drizzle Studio: ${messageOf(error)}`);
    process.exitCode = 1;
  })
  .finally(() => releaseDatabase());
