import { closeDatabase } from "../db/client";
import { EMBEDDED_DIR, embeddedUrl, ensureEmbedded, ownsEmbedded } from "../db/embedded";

/** Keeps the embedded PostgreSQL server up in the foreground until Ctrl-C. */
async function main() {
  if (process.env.DATABASE_URL) {
    console.log("DATABASE_URL is set; the embedded server is not needed.");
    return;
  }
  await ensureEmbedded();
  if (!ownsEmbedded()) {
    console.log(`Embedded PostgreSQL is already running: ${embeddedUrl()}`);
    return;
  }
  console.log(`Embedded PostgreSQL running at ${embeddedUrl()} (data in ${EMBEDDED_DIR}). Ctrl-C stops it.`);
  const stop = async () => {
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 1 << 30);
}

main().catch((error) => {
  console.error(`Could not start the embedded server: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
