import { existsSync } from "node:fs";
import { chromium, type LaunchOptions } from "@playwright/test";

/**
 * One place that decides which Chromium runs the e2e tests and the screenshot script.
 *
 * Playwright's own browser is preferred (a normal developer machine after `npx playwright install`).
 * Where it cannot be downloaded (CI here only reaches the npm registry and Debian apt), the distro's
 * Chromium is used instead; it needs these flags to run headless as root in a container.
 */

export const SYSTEM_CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export const SYSTEM_CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function bundledChromium(): string | null {
  try {
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Launch options for Chromium; CHROMIUM_PATH forces a specific binary. */
export function chromiumLaunchOptions(): LaunchOptions {
  const forced = process.env.CHROMIUM_PATH?.trim();
  if (forced) return { executablePath: forced, args: SYSTEM_CHROMIUM_ARGS };
  if (bundledChromium()) return {};
  const system = SYSTEM_CHROMIUM_CANDIDATES.find((file) => existsSync(file));
  // With neither, Playwright's own launch error explains how to install a browser.
  return system ? { executablePath: system, args: SYSTEM_CHROMIUM_ARGS } : {};
}

/** Human-readable name of the browser chosen, for logs. */
export function describeChromium(): string {
  const options = chromiumLaunchOptions();
  return options.executablePath ?? bundledChromium() ?? "Playwright's Chromium (not installed)";
}
