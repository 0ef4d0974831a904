import { describe, expect, it } from "vitest";
import { demoEndDate } from "./warehouse";

describe("demoEndDate", () => {
  it("is the previous UTC day, so no demo session starts after the load", () => {
    expect(demoEndDate(new Date("2026-11-28T00:05:00Z"))).toBe("2026-11-27");
    expect(demoEndDate(new Date("2026-11-28T23:59:59Z"))).toBe("2026-11-27");
    expect(demoEndDate(new Date("2026-03-01T12:00:00Z"))).toBe("2026-02-28");
  });
});
