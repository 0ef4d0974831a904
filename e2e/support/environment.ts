import { execFileSync } from "node:child_process";
import path from "node:path";
import { embeddedUrl } from "../../db/embedded";
import { acquireRunLockSync } from "./run-lock";

/**
 * Everything an e2e run agrees on: the dataset, the database, the port of the app under test.
 * Loaded by playwright.config.ts in the runner and again in every worker; values the runner picks
 * (the port) are passed to workers and the web server through environment variables.
 */

/** The deterministic dataset loaded before the tests (same seed + same end = same rows). */
export const E2E_DATASET = {
  seed: 20260601,
  sessions: 25_000,
  days: 30,
  /** Last day of data (UTC, inclusive); the first day is `start`. */
  end: "2026-06-30",
  start: "2026-06-01",
  /** Share of deliberately broken rows, so /pipeline has rejects to show. */
  dirty: 0.01,
} as const;

export const E2E_DATABASE = process.env.QOE_E2E_DATABASE ?? "qoe_e2e";
export const E2E_DEFAULT_PORT = 3210;
export const ROOT = path.resolve(__dirname, "../..");
export const E2E_ARTIFACTS = path.join(ROOT, "e2e", "artifacts");
export const SCREENSHOT_DIR = path.join(E2E_ARTIFACTS, "screenshots");

/** The e2e database on the same server as DATABASE_URL, or on the embedded server. */
export function e2eDatabaseUrl(): string {
  const base = process.env.DATABASE_URL?.trim();
  if (!base) return embeddedUrl(E2E_DATABASE);
  const url = new URL(base);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}

/** 3210 when free, otherwise any free port (probed in a child process: config loading is synchronous). */
function pickPortSync(): number {
  const probe = `
    const net = require("node:net");
    const listen = (port) => new Promise((ok, fail) => {
      const s = net.createServer().once("error", fail).listen(port, "127.0.0.1", () => {
        const p = s.address().port; s.close(() => ok(p));
      });
    });
    listen(${E2E_DEFAULT_PORT}).catch(() => listen(0)).then((p) => process.stdout.write(String(p)));
  `;
  return Number(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" }));
}

/**
 * Called once by playwright.config.ts in every process that loads it. The first one (the runner)
 * takes the checkout's run lock and picks the port; workers and the web server inherit
 * QOE_E2E_PORT. Set QOE_E2E_PORT yourself to force a port.
 */
export function claimE2eRun(): { port: number } {
  if (!process.env.QOE_E2E_RUN_OWNER) {
    process.env.QOE_E2E_RUN_OWNER = String(process.pid);
    acquireRunLockSync(path.join(ROOT, ".data", "e2e-run.lock"), 60 * 60_000);
    process.env.QOE_E2E_PORT ??= String(pickPortSync());
  }
  return { port: Number(process.env.QOE_E2E_PORT ?? E2E_DEFAULT_PORT) };
}
