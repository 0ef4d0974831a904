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

  test("API paths: a bad parameter gets a 400 and an unknown path a 404, both JSON with a reason", async ({
    request,
  }) => {
    const bad = await request.get("/api/overview/kpis?device=mobile&device=toaster");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: '"device" must be one of smart_tv, mobile, web, tablet' });
    const missing = await request.get("/api/overview/nope");
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ error: "No API endpoint at /api/overview/nope" });
    // Real endpoints still win over the catch-all.
    expect((await request.get("/api/overview/kpis?device=mobile&device=web")).status()).toBe(200);
  });

  test("home page renders", async ({ dashboard }) => {
    const home = dashboard("/");
    await home.goto();
    await expect(home.page).toHaveTitle(/Streaming QoE Analytics/);
    await expect(home.page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await home.screenshot("home");
  });
});
