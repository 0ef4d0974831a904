import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions, describeChromium } from "../e2e/support/browser";
import { waitForChartsReady } from "../e2e/support/charts";
import { databaseUrl, migrate, releaseDatabase } from "./serve/database";
import { buildNext, buildReason, type RunningServer, startNext } from "./serve/next-process";
import { freePort } from "./serve/ports";
import { elapsedSince, messageOf, step } from "./serve/steps";
import { DEMO_CSV, DEMO_SESSIONS, ensureTelemetryFile, loadTelemetry } from "./serve/warehouse";

/**
 * `npm run screenshots`: a PNG of every dashboard page in docs/screenshots/<name>.png
 * (1440x900 viewport, full page, light theme), taken once the charts are drawn.
 *
 *   --url <base>   use this running app (default: http://localhost:$PORT or 3000 if it answers)
 *   --out <dir>    output folder (default docs/screenshots)
 *
 * Without a running app it prepares the demo warehouse and a production build like `npm run demo`,
 * serves it on a free port for the duration, then stops it.
 */

const PAGES: ReadonlyArray<readonly [name: string, pathname: string]> = [
  ["overview", "/"],
  ["startup", "/startup"],
  ["rebuffering", "/rebuffering"],
  ["bitrate", "/bitrate"],
  ["devices", "/devices"],
  ["devices-smart_tv", "/devices/smart_tv"],
  ["countries", "/countries"],
  ["countries-BR", "/countries/BR"],
  ["engagement", "/engagement"],
  ["pipeline", "/pipeline"],
  ["insights", "/insights"],
];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

async function answers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/api/health", baseUrl), { signal: AbortSignal.timeout(3_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts the app like `npm run demo` does, on a free port. */
async function startOwnApp(): Promise<RunningServer> {
  const url = await step("Database", () => databaseUrl());
  await step(`Telemetry file ${DEMO_CSV}`, () => ensureTelemetryFile(DEMO_CSV, DEMO_SESSIONS));
  await step("Migrations", () => migrate(url));
  await step("ETL", () => loadTelemetry(DEMO_CSV, url));
  await step("Production build", async () => {
    const reason = buildReason();
    if (reason) {
      console.log(`    building (${reason})`);
      await buildNext(url);
    } else console.log("    .next is up to date");
  });
  const port = await freePort();
  return step(`Dashboard on port ${port}`, () => startNext(url, port, "127.0.0.1"));
}

async function main() {
  const started = Date.now();
  const args = process.argv.slice(2);
  const known = new Set(["--url", "--out"]);
  const unknown = args.find((a, i) => a.startsWith("--") && !known.has(a) && !known.has(args[i - 1]));
  if (unknown) throw new Error(`unknown option ${unknown} (accepted: --url <base>, --out <dir>)`);
  const outDir = path.resolve(option(args, "--out") ?? "docs/screenshots");
  let baseUrl = option(args, "--url") ?? `http://localhost:${process.env.PORT ?? 3000}`;
  let own: RunningServer | null = null;
  if (!(await answers(baseUrl))) {
    if (option(args, "--url")) throw new Error(`${baseUrl} does not answer on /api/health`);
    console.log(`No app answers on ${baseUrl}; starting one.`);
    own = await startOwnApp();
    baseUrl = own.url;
  }
  mkdirSync(outDir, { recursive: true });
  console.log(
    `\n==> Screenshots of ${baseUrl} with ${describeChromium()} -> ${path.relative(process.cwd(), outDir)}/`,
  );
  const browser = await chromium.launch(chromiumLaunchOptions());
  const saved: string[] = [];
  const skipped: string[] = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      colorScheme: "light",
      locale: "en-US",
      timezoneId: "UTC",
    });
    const page = await context.newPage();
    for (const [name, pathname] of PAGES) {
      const response = await page.goto(new URL(pathname, baseUrl).toString());
      const status = response?.status() ?? 0;
      if (status === 404) {
        console.warn(`    warning: ${pathname} is 404, skipped`);
        skipped.push(pathname);
        continue;
      }
      if (status >= 400) throw new Error(`${pathname} answered ${status}`);
      const charts = await waitForChartsReady(page, { timeout: 60_000, label: pathname, allowErrors: true });
      const failed = await page.getByTestId("panel-error").count();
      if (failed) console.warn(`    warning: ${pathname} shows ${failed} panel error(s)`);
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
      saved.push(file);
      console.log(`    ${pathname.padEnd(18)} -> ${path.relative(process.cwd(), file)} (${charts} charts)`);
    }
  } finally {
    await browser.close();
    await own?.stop();
  }
  console.log(
    `\n${saved.length} screenshots in ${elapsedSince(started)}` +
      (skipped.length ? `; skipped (404): ${skipped.join(", ")}` : ""),
  );
}

main()
  .catch((error) => {
    console.error(`Screenshots failed: ${messageOf(error)}`);
    process.exitCode = 1;
  })
  .finally(() => releaseDatabase());
