import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Running Next.js (build, start, dev) as a child process with a given DATABASE_URL. */

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");
// Inputs of the production build; a newer file in any of them makes the build stale.
const BUILD_INPUTS = [
  "app",
  "components",
  "db",
  "hooks",
  "lib",
  "types",
  "public",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function hasProductionBuild(): boolean {
  return existsSync(BUILD_ID);
}

/** Why a build is needed, or null when `.next` is newer than every source file. */
export function buildReason(): string | null {
  if (!hasProductionBuild()) return "no production build yet";
  const built = statSync(BUILD_ID).mtimeMs;
  const changed = BUILD_INPUTS.find((input) => newestMtime(path.join(ROOT, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

function nextEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

export function spawnNext(
  args: string[],
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: ROOT,
    env: nextEnv(databaseUrl, extraEnv),
    stdio: "inherit",
  });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function buildNext(databaseUrl: string): Promise<void> {
  const code = await waitForExit(spawnNext(["build"], databaseUrl));
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

/** Polls `url` until it answers with a status below 500, or the child exits. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (code ${child.exitCode}) before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export type RunningServer = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** `next start` on host:port; resolves once the app answers. */
export async function startNext(
  databaseUrl: string,
  port: number,
  hostname = "0.0.0.0",
): Promise<RunningServer> {
  const child = spawnNext(["start", "--hostname", hostname, "--port", String(port)], databaseUrl, {
    PORT: String(port),
  });
  const url = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, child);
  return { url, child, stop: () => stopChild(child) };
}

export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = waitForExit(child);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
