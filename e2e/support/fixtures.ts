import { test as base, expect } from "@playwright/test";
import type { Sql } from "postgres";
import { createSql } from "../../db/client";
import type { Manifest } from "../../scripts/generate/manifest";
import { DashboardPage } from "./dashboard-page";
import { readE2eManifest } from "./dataset";
import { E2E_DATASET, e2eDatabaseUrl } from "./environment";

export type E2eDataset = typeof E2E_DATASET & { manifest: Manifest };

type TestFixtures = {
  /** `dashboard("/startup")` -> a page object bound to this test's page. */
  dashboard: (pathname: string) => DashboardPage;
  /** Uncaught exceptions in the page fail the test; `test.use({ allowPageErrors: true })` opts out. */
  allowPageErrors: boolean;
  // biome-ignore lint/suspicious/noConfusingVoidType: Playwright's type for a fixture that provides no value.
  failOnPageErrors: void;
};

type WorkerFixtures = {
  /** postgres.js connection to the e2e database, to cross-check what the UI shows. */
  e2eSql: Sql;
  /**
   * The deterministic dataset the database holds: its parameters (seed, sessions, start/end) and
   * the generator's manifest (expected loaded/rejected/duplicate rows, per-dimension counts).
   */
  dataset: E2eDataset;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  dashboard: async ({ page }, use, testInfo) => {
    await use((pathname) => new DashboardPage(page, pathname, testInfo));
  },
  allowPageErrors: [false, { option: true }],
  failOnPageErrors: [
    async ({ page, allowPageErrors }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await use();
      if (!allowPageErrors) expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  e2eSql: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const sql = createSql(e2eDatabaseUrl(), { max: 2 });
      await use(sql);
      await sql.end({ timeout: 5 });
    },
    { scope: "worker" },
  ],
  dataset: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      await use({ ...E2E_DATASET, manifest: readE2eManifest() });
    },
    { scope: "worker" },
  ],
});

export { DashboardPage, parseDisplayedNumber, withFilters } from "./dashboard-page";
export { expect };
