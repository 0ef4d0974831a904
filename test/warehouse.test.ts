import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestWarehouse, type TestWarehouse } from "./warehouse";

describe("loadTestWarehouse", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 2000, seed: 3 });
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("loads every generated session into the facts of its own database", async () => {
    const [row] = await wh.sql<{ n: number }[]>`select count(*)::int as n from fact_playback_sessions`;
    expect(row.n).toBe(wh.manifest.expected_clean_rows);
    expect(wh.etl.rows_loaded).toBe(row.n);
  });
});
