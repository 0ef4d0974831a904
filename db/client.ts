import { Socket } from "node:net";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { ensureEmbedded, releaseEmbedded } from "./embedded";
import * as schema from "./schema";

/**
 * The one database entry point for scripts and the app. DATABASE_URL wins; without it the
 * embedded server is started or reused (see db/embedded.ts).
 */

export type Db = PostgresJsDatabase<typeof schema>;

export async function resolveDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : ensureEmbedded();
}

type SocketTarget = { host: string[]; port: number[]; path?: string };

/**
 * A socket factory for postgres.js that turns Nagle's algorithm off (TCP_NODELAY). postgres.js
 * writes a COPY's data and its closing message as separate packets; with Nagle on, the closing
 * packet waits for the server's delayed ACK of the data (40 ms on Linux), so every COPY cost
 * ~45 ms more and the statement after it ~40 ms more (a two-row COPY: 44 ms -> 1.3 ms). The ETL
 * runs one COPY per cube grain or day. The socket is returned still connecting: postgres.js
 * queues its start-up message, keeps its connect timeout and handles errors as for its own.
 */
function noDelaySockets(): (target: SocketTarget) => Socket {
  let attempt = 0;
  return ({ host, port, path }) => {
    const socket = new Socket();
    if (path) socket.connect({ path });
    else {
      // Several hosts (a multi-host URL) are tried in turn, as postgres.js does.
      const i = attempt++ % host.length;
      const target = { host: host[i], port: port[i] ?? port[0] };
      socket.connect(target);
      socket.once("connect", () => socket.setNoDelay(true));
      // postgres.js names the server in connection errors from these two fields.
      Object.assign(socket, target);
    }
    return socket;
  };
}

export function createSql(url: string, options: postgres.Options<Record<string, never>> = {}): Sql {
  return postgres(url, {
    // Not in postgres.js's typings, documented in its README ("socket").
    ...({ socket: noDelaySockets() } as object),
    max: Number(process.env.DB_POOL_MAX ?? 10),
    // Notices are noise, except the executed plans the ETL asks for when profiling (ETL_EXPLAIN).
    onnotice: process.env.ETL_EXPLAIN ? (notice) => process.stderr.write(`${notice.message}\n`) : () => {},
    // Dates and timestamps are returned as strings so API JSON is stable and zone-free.
    types: { date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x } },
    ...options,
    // JIT compilation costs 0.1-1 s per query above its cost threshold and never pays back on
    // dashboard-sized queries (measured with bench/api.ts); sent as a startup parameter.
    // Custom plans always: a statement prepared once is run with very different filters (one
    // OS version, a whole country), and a generic plan cached for one is wrong for the other.
    connection: { jit: "off", plan_cache_mode: "force_custom_plan", ...options.connection },
  });
}

export function createDb(sql: Sql): Db {
  return drizzle(sql, { schema });
}

type Connection = { sql: Sql; db: Db };
let shared: Promise<Connection> | null = null;

/** Process-wide connection, created on first use. */
export function getConnection(): Promise<Connection> {
  shared ??= resolveDatabaseUrl().then((url) => {
    const sql = createSql(url);
    return { sql, db: createDb(sql) };
  });
  shared.catch(() => {
    shared = null;
  });
  return shared;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

export async function getSql(): Promise<Sql> {
  return (await getConnection()).sql;
}

/** Closes the shared connection and stops the embedded server if this process started it. */
export async function closeDatabase(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) {
    const { sql } = await current.catch(() => ({ sql: null }));
    await sql?.end({ timeout: 5 });
  }
  await releaseEmbedded();
}
