import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/browser";
import { claimE2eRun, e2eDatabaseUrl } from "./e2e/support/environment";

/**
 * End-to-end tests run against a production build (`next build` + `next start`) serving the
 * deterministic e2e database that e2e/support/global-setup.ts loads. Playwright starts the web
 * server before the global setup, so the server must not need the database to come up (it
 * connects lazily on the first request).
 */

const CI = Boolean(process.env.CI);
const { port } = claimE2eRun();
const baseURL = `http://127.0.0.1:${port}`;
const next = "node node_modules/next/dist/bin/next";
// QOE_E2E_SKIP_BUILD=1 reuses the existing .next build (only for quick local reruns of specs).
const build = process.env.QOE_E2E_SKIP_BUILD === "1" ? "" : `${next} build && `;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  // Generous: every page evaluates Plotly's 4.6 MB bundle (about 1-3 s of CPU, much longer on a
  // loaded machine), and 2 cores serve browser, Next.js and PostgreSQL at once.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions(),
    // Off by default: recording slows Plotly-heavy pages a lot on a busy 2-core machine.
    // QOE_E2E_TRACE=retain-on-failure (or on) records traces for debugging.
    trace: (process.env.QOE_E2E_TRACE as "on" | "off" | "retain-on-failure" | undefined) ?? "off",
    screenshot: "only-on-failure",
    timezoneId: "UTC",
    locale: "en-US",
  },
  webServer: {
    command: `${build}${next} start --hostname 127.0.0.1 --port ${port}`,
    port,
    reuseExistingServer: false,
    // A cold production build takes a few minutes on a 2-core machine.
    timeout: 10 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { DATABASE_URL: e2eDatabaseUrl(), NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
