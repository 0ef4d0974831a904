import { expect, test } from "./support/fixtures";

test.describe("smoke", () => {
  test("health endpoint reports the loaded e2e dataset", async ({ request, dataset }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: "up" });
    expect(body.sessions).toBeGreaterThan(0);
    // Dirty rows are rejected or deduplicated; every distinct session the generator wrote is loaded.
    expect(body.sessions).toBe(dataset.manifest.sessions);
    expect(body.sessions).toBe(dataset.sessions);
  });

  test("home page renders", async ({ dashboard }) => {
    const home = dashboard("/");
    await home.goto();
    await expect(home.page).toHaveTitle(/Streaming QoE Analytics/);
    await expect(home.page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await home.screenshot("home");
  });
});
